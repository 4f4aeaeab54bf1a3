"""What the SPIP import remembers: which portal object each SPIP object became, and the old
site's readable addresses.

Both make the import idempotent (a second run finds what the first one created) and let
the old addresses redirect to the new pages (spip_import.redirects).
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SpipObject(models.Model):
    """One SPIP object (article, rubrique, mot, document, evenement) and what it became.

    A document attached to several articles becomes one portal object per article (a
    communiqué's document belongs to that communiqué): ``parent`` names the SPIP object it
    was imported for ("article12"), empty when it is shared. A rubrique becomes no object
    but a section of the portal (``section``, a key of the content-type registry).
    """

    spip_type = models.CharField(_("type SPIP"), max_length=20)
    spip_id = models.PositiveBigIntegerField(_("identifiant SPIP"))
    parent = models.CharField(_("importé pour"), max_length=40, blank=True, default="")
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    section = models.CharField(_("rubrique du portail"), max_length=40, blank=True)
    # What the imported file was (size and modification time): an unchanged file is not
    # read again on the next run.
    fingerprint = models.CharField(_("empreinte du fichier"), max_length=80, blank=True)
    imported = models.DateTimeField(_("importé le"), auto_now=True)

    class Meta:
        verbose_name = _("élément SPIP importé")
        verbose_name_plural = _("éléments SPIP importés")
        ordering = ["spip_type", "spip_id", "parent"]
        constraints = [
            models.UniqueConstraint(
                fields=["spip_type", "spip_id", "parent"], name="spip_import_object_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="spip_import_object_target"),
        ]

    def __str__(self):
        suffix = f" ({self.parent})" if self.parent else ""
        return f"{self.spip_type}{self.spip_id}{suffix}"


class LegacyAddress(models.Model):
    """A readable address of the old site (from SPIP's ``spip_urls`` table, or a file under
    ``IMG/``) and the SPIP object it showed."""

    old = models.CharField(_("ancienne adresse"), max_length=255, unique=True)
    spip_type = models.CharField(_("type SPIP"), max_length=20)
    spip_id = models.PositiveBigIntegerField(_("identifiant SPIP"))

    class Meta:
        verbose_name = _("ancienne adresse SPIP")
        verbose_name_plural = _("anciennes adresses SPIP")
        ordering = ["old"]

    def __str__(self):
        return f"{self.old} → {self.spip_type}{self.spip_id}"
