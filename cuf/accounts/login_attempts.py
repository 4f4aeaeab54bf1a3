"""django-axes's application under a name editors read: the admin's section is
"Tentatives de connexion", not "Axes"."""

from axes.apps import AppConfig


class LoginAttemptsConfig(AppConfig):
    verbose_name = "Tentatives de connexion"
