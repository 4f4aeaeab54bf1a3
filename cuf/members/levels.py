"""The access setting every content item carries (``Publishable.access``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLevel(models.TextChoices):
    PUBLIC = "public", _("public")
    MEMBERS = "members", _("réservé aux adhérents")
