from adminsortable2.admin import SortableAdminBase, SortableInlineAdminMixin
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from communiques.models import Communique, Document
from cuf.admin.files import discard_replaced_files
from cuf.admin.publishable import PublishableAdmin
from cuf.files.forms import ProtectedFileWidget
from cuf.files.text_jobs import TextStatus
from cuf.templatetags.cuf_tags import file_size
from cuf.text.plain import Noun


class DocumentInline(SortableInlineAdminMixin, admin.StackedInline):
    """Documents in the order visitors see them, reordered by dragging a document's
    heading or with its "Monter" / "Descendre" buttons (django-admin-sortable2 keeps
    ``position`` in step). Stacked, each field under its label: a table of documents
    does not fit a phone."""

    model = Document
    template = "admin/communiques/document_inline.html"
    noun = Noun("document", "documents")
    formfield_overrides = {models.FileField: {"widget": ProtectedFileWidget}}
    fields = ["title", "file", "file_info"]
    readonly_fields = ["file_info"]
    ordering = ["position", "pk"]
    extra = 1

    class Media:
        js = ["cuf/js/reorder.js"]

    @admin.display(description=_("format"))
    def file_info(self, obj):
        if not obj.pk:
            return "—"
        # Whether its text is read yet, for search (cuf.files.text_jobs).
        if obj.text_status == TextStatus.NONE:
            return f"{obj.format_label} – {file_size(obj.size)}"
        return f"{obj.format_label} – {file_size(obj.size)} – {obj.get_text_status_display()}"


@admin.register(Communique)
class CommuniqueAdmin(SortableAdminBase, PublishableAdmin):
    list_display = ["title", "issuer", *PublishableAdmin.list_display[1:]]
    search_fields = [*PublishableAdmin.search_fields, "issuer", "body"]
    inlines = [DocumentInline]
    fieldsets = (
        (None, {"fields": ["surtitre", "title", "slug", "issuer", "place", "body"]}),
        *PublishableAdmin.publication_fieldsets,
    )

    def save_formset(self, request, form, formset, change):
        # A document given a new file keeps its id, so its public address stays the same;
        # the old file is removed once the change is committed.
        for document_form in formset.forms:
            if document_form.instance.pk:
                discard_replaced_files(document_form)
        super().save_formset(request, form, formset, change)
