from django.apps import AppConfig


class ActualitesConfig(AppConfig):
    name = "actualites"
    verbose_name = "Actualités"
