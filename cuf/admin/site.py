"""The admin site: an editorial home page, content sections first."""

from django.contrib import admin
from django.urls import reverse

from cuf import content_types
from cuf.admin.dashboard import editorial_home

# After the content types: the theme vocabulary, then everything else (accounts...).
THEMES_APP = "cuf"


class PortalAdminSite(admin.AdminSite):
    site_header = "Administration du portail"
    site_title = "Portail de la coopération décentralisée"
    index_title = "Contenus du portail"
    index_template = "admin/cuf/index.html"
    # The section menu beside every page leaves lists too narrow at 1280 px; the home
    # page and the breadcrumbs lead everywhere.
    enable_nav_sidebar = False

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        content = [config.model._meta.app_label for config in content_types.all_types()]

        def rank(app) -> tuple[int, int]:
            if app["app_label"] in content:
                return (0, content.index(app["app_label"]))
            return (1, 0) if app["app_label"] == THEMES_APP else (2, 0)

        return sorted(apps, key=rank)

    def index(self, request, extra_context=None):
        home = editorial_home(request.user)
        if request.user.has_perm("cuf.view_theme"):
            home["untagged_url"] = reverse("admin:cuf_theme_untagged")
        return super().index(request, {"home": home, **(extra_context or {})})
