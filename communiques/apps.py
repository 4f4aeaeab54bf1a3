from django.apps import AppConfig


class CommuniquesConfig(AppConfig):
    name = "communiques"
    verbose_name = "Communiqués"

    def ready(self):
        from communiques.content import CONTENT_TYPE
        from cuf import content_types

        content_types.register(CONTENT_TYPE)
