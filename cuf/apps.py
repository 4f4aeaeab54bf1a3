from django.apps import AppConfig


class CufConfig(AppConfig):
    name = "cuf"
    label = "cuf"
    verbose_name = "Portail"

    def ready(self):
        # After the admin's autodiscovery (django.contrib.admin comes first in
        # INSTALLED_APPS): replaces the stock user admin.
        from cuf import admin_users, page_cache, streams

        admin_users.register()
        streams.connect()
        page_cache.connect()
