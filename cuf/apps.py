from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """Django's admin, on the portal's site (an editorial home page)."""

    default_site = "cuf.admin.site.PortalAdminSite"


class CufConfig(AppConfig):
    name = "cuf"
    label = "cuf"
    verbose_name = "Thèmes"

    def ready(self):
        # After the admin's autodiscovery (django.contrib.admin comes first in
        # INSTALLED_APPS): registers the themes' admins and replaces the stock user admin.
        from cuf import changes, content_types
        from cuf.admin import autocomplete, members, theme_redirects, themes  # noqa: F401
        from cuf.admin import users as admin_users
        from cuf.files import text_jobs
        from cuf.operations import legal  # noqa: F401 (its deployment check)
        from cuf.public import views
        from cuf.publishing import page_cache
        from cuf.themes import links

        content_types.register_parameters(*views.LIST_PARAMETERS)
        admin_users.register()
        changes.connect()
        links.connect()
        text_jobs.connect()
        page_cache.connect()
