from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = "Recherche"

    def ready(self):
        from search import listeners

        listeners.connect()
