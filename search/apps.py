from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = "Recherche"

    def ready(self):
        from cuf import content_types
        from search import listeners, selectors

        listeners.connect()
        content_types.register_parameters(*selectors.QUERY_PARAMETERS)
