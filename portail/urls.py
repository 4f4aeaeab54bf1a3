"""The portal's addresses: the core's, each content type's (from the registry), search,
the site map, health, the forgotten-password and invitation pages and the admin."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from cuf import content_types
from cuf.accounts import invitations, password_reset, two_factor
from cuf.files import views as file_views
from cuf.operations.health import health
from cuf.public.sitemaps import sitemaps

urlpatterns = [
    path("", include("cuf.urls")),
    # Each content type's pages, under its section's own address.
    *(path("", include(config.urls)) for config in content_types.all_types()),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps()}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("", include("search.urls")),
    # The members area (/espace-adherents/).
    path("", include("cuf.members.urls")),
    # The read-only JSON API (/api/v1/), composed from the registry too.
    path("", include("api.urls")),
    path("health/", health, name="health"),
    path("admin/editeur/envoi/", file_views.editor_upload, name="editor_upload"),
    # Before the admin's own addresses, which would take any other under admin/.
    *password_reset.urlpatterns,
    *invitations.urlpatterns,
    *two_factor.urlpatterns,
    path("admin/", admin.site.urls),
]

# The last resort: 503 while the database is unavailable, else the French 500 page.
handler500 = "cuf.operations.errors.server_error"
