from django.apps import AppConfig


class CufConfig(AppConfig):
    name = "cuf"
    label = "cuf"
    verbose_name = "Portail"
