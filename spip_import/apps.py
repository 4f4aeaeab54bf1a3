from django.apps import AppConfig


class SpipImportConfig(AppConfig):
    name = "spip_import"
    verbose_name = "Import depuis SPIP"
    default_auto_field = "django.db.models.BigAutoField"
