from django.contrib import admin

from cuf.admin.publishable import PublishableAdmin
from tests.publications.models import Publication


@admin.register(Publication)
class PublicationAdmin(PublishableAdmin):
    fieldsets = (
        (None, {"fields": ["surtitre", "title", "slug", "body"]}),
        *PublishableAdmin.publication_fieldsets,
    )
