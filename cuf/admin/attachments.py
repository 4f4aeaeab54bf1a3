"""One inline for an item's attachments (cuf.files.models.Attachment), whatever its type:
stacked, in the order visitors see them, reordered by dragging a document's heading or
with its "Monter" / "Descendre" buttons (django-admin-sortable2 keeps ``position`` in
step). A type's admin adds it to its ``inlines`` and inherits ``AttachmentsAdminMixin``."""

from adminsortable2.admin import (
    CustomGenericInlineFormSet,
    SortableAdminBase,
    SortableGenericInlineAdminMixin,
)
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericStackedInline
from django.db import models
from django.utils.translation import gettext_lazy as _

from cuf.admin.files import discard_replaced_files
from cuf.files.forms import ProtectedFileWidget
from cuf.files.models import Attachment
from cuf.files.text_jobs import TextStatus
from cuf.templatetags.cuf_tags import file_size
from cuf.text.plain import Noun


class AttachmentFormSet(CustomGenericInlineFormSet):
    @classmethod
    def get_default_prefix(cls):
        # The form's field names stay those the documents always had ("documents-0-title").
        return "documents"


class AttachmentInline(SortableGenericInlineAdminMixin, GenericStackedInline):
    """Stacked, each field under its label: a table of documents does not fit a phone."""

    model = Attachment
    formset = AttachmentFormSet
    ct_field = "item_type"
    ct_fk_field = "item_id"
    template = "admin/cuf/attachment_inline.html"
    noun = Noun("document", "documents")
    formfield_overrides = {
        models.FileField: {"widget": ProtectedFileWidget},
        models.TextField: {"widget": admin.widgets.AdminTextareaWidget(attrs={"rows": 2})},
    }
    fields = ["title", "file", "file_info", "description", "credit"]
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


class AttachmentsAdminMixin(SortableAdminBase):
    """For the admin of a type whose items have attachments."""

    def save_formset(self, request, form, formset, change):
        # A document given a new file keeps its id, so its public address stays the same;
        # the old file is removed once the change is committed.
        if formset.model is Attachment:
            for attachment_form in formset.forms:
                if attachment_form.instance.pk:
                    discard_replaced_files(attachment_form)
        super().save_formset(request, form, formset, change)
