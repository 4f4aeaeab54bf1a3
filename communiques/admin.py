from django.contrib import admin

from communiques.models import Communique
from cuf.admin.attachments import AttachmentInline, AttachmentsAdminMixin
from cuf.admin.publishable import PublishableAdmin


@admin.register(Communique)
class CommuniqueAdmin(AttachmentsAdminMixin, PublishableAdmin):
    list_display = ["title", "issuer", *PublishableAdmin.list_display[1:]]
    search_fields = [*PublishableAdmin.search_fields, "issuer", "body"]
    inlines = [AttachmentInline]
    fieldsets = (
        (None, {"fields": ["surtitre", "title", "slug", "issuer", "place", "body"]}),
        *PublishableAdmin.publication_fieldsets,
    )
