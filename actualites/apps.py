from django.apps import AppConfig


class ActualitesConfig(AppConfig):
    name = "actualites"
    verbose_name = "Actualités"

    def ready(self):
        from actualites.content import CONTENT_TYPE
        from cuf import content_types

        content_types.register(CONTENT_TYPE)
