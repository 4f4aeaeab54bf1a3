from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Centre de ressources"

    def ready(self):
        from cuf import content_types
        from resources.content import CONTENT_TYPE

        content_types.register(CONTENT_TYPE)
