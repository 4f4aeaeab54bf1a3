from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from cuf import content_types, password_reset, views
from cuf.feeds import StreamFeed, ThemeFeed, atom
from cuf.files import views as file_views
from cuf.health import health
from cuf.sitemaps import sitemaps

admin.site.site_header = "Administration du portail"
admin.site.site_title = "Portail de la coopération décentralisée"
admin.site.index_title = "Contenus du portail"

cuf_patterns = (
    [
        path("", views.HomeView.as_view(), name="home"),
        path("rss/", StreamFeed(), name="rss"),
        path("atom/", atom(StreamFeed)(), name="atom"),
        path("themes/", views.ThemeListView.as_view(), name="theme_list"),
        path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
        path("themes/<slug:slug>/rss/", views.follow_renamed_theme(ThemeFeed()), name="theme_rss"),
        path(
            "themes/<slug:slug>/atom/",
            views.follow_renamed_theme(atom(ThemeFeed)()),
            name="theme_atom",
        ),
        path("apercu/<str:token>/", views.preview, name="preview"),
        re_path(
            r"^editeur/images/(?P<name>[0-9a-f]{32}\.(?:jpg|jpeg|png|gif|webp))$",
            file_views.editor_image,
            name="editor_image",
        ),
        path(
            "mentions-legales/",
            views.OrganisationPageView.as_view(template_name="cuf/legal_notice.html"),
            name="legal_notice",
        ),
        path(
            "accessibilite/",
            views.OrganisationPageView.as_view(template_name="cuf/accessibility.html"),
            name="accessibility",
        ),
        path(
            "contact/",
            views.OrganisationPageView.as_view(template_name="cuf/contact.html"),
            name="contact",
        ),
        path("plan-du-site/", views.SiteMapView.as_view(), name="site_map"),
        path("favicon.ico", views.favicon, name="favicon"),
    ],
    "cuf",
)

urlpatterns = [
    path("", include(cuf_patterns)),
    # Each content type's pages, under its section's own address.
    *(path("", include(config.urls)) for config in content_types.all_types()),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps()}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("", include("search.urls")),
    path("health/", health, name="health"),
    path("admin/editeur/envoi/", file_views.editor_upload, name="editor_upload"),
    # Before the admin's own addresses, which would take any other under admin/.
    *password_reset.urlpatterns,
    path("admin/", admin.site.urls),
]

# The last resort: 503 while the database is unavailable, else the French 500 page.
handler500 = "cuf.errors.server_error"
