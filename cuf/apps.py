from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """Django's admin, on the portal's site (an editorial home page)."""

    default_site = "cuf.admin_site.PortalAdminSite"


class CufConfig(AppConfig):
    name = "cuf"
    label = "cuf"
    verbose_name = "Thèmes"

    def ready(self):
        # After the admin's autodiscovery (django.contrib.admin comes first in
        # INSTALLED_APPS): replaces the stock user admin.
        from cuf import admin_users, page_cache, streams

        admin_users.register()
        streams.connect()
        page_cache.connect()
