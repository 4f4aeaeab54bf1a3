from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    label = "api"
    verbose_name = "API"

    def ready(self):
        from api import changes, parameters
        from cuf import content_types

        changes.connect()
        content_types.register_parameters(*parameters.CACHED_PARAMETERS)
