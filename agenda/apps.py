from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = "Agenda"

    def ready(self):
        from agenda.content import CONTENT_TYPE
        from cuf import content_types

        content_types.register(CONTENT_TYPE)
