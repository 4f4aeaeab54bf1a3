from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from actualites.models import NewsItem
from cuf.admin.attachments import AttachmentInline, AttachmentsAdminMixin
from cuf.admin.publishable import PublishableAdmin


@admin.register(NewsItem)
class NewsItemAdmin(AttachmentsAdminMixin, PublishableAdmin):
    inlines = [AttachmentInline]
    list_display = ["thumbnail", "title", "source", *PublishableAdmin.list_display[1:]]
    search_fields = [*PublishableAdmin.search_fields, "source", "summary", "body"]
    fieldsets = (
        (None, {"fields": ["surtitre", "title", "slug", "source", "summary", "body"]}),
        (_("Image"), {"fields": ["image", "image_alt", "image_credit"]}),
        *PublishableAdmin.publication_fieldsets,
    )

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        return self.thumbnail_html(obj.image_url)
