"""What the API remembers of items: when each last changed for visitors, and whether it
left them (deleted or unpublished): the tombstones a syncing client reads."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemChange(models.Model):
    """One row per item of a registered type, written by every change of the item (its
    row, its parts, its theme links, its themes' names): ``updated_since`` reads
    ``changed_at``; a row with a ``removal`` is a tombstone.

    Items are named by their type's key and primary key, never their slug, so that a
    renamed item keeps its identifier. Ids are sequential and appear in the site's own
    addresses of files, so a tombstone for an item that was never public (a draft saved,
    then deleted) tells nothing a visitor could not guess.
    """

    class Removal(models.TextChoices):
        NONE = "", _("visible")
        DELETED = "deleted", _("supprimé")
        UNPUBLISHED = "unpublished", _("retiré du site")

    kind = models.CharField(_("type"), max_length=50)
    object_id = models.PositiveBigIntegerField(_("identifiant de l’élément"))
    changed_at = models.DateTimeField(_("modifié le"))
    removal = models.CharField(_("retrait"), max_length=20, choices=Removal, blank=True)

    class Meta:
        verbose_name = _("changement d’élément (API)")
        verbose_name_plural = _("changements d’éléments (API)")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="api_itemchange_unique"),
            models.CheckConstraint(
                condition=models.Q(removal__in=["", "deleted", "unpublished"]),
                name="api_itemchange_removal_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "changed_at"], name="api_itemchange_kind_changed"),
            models.Index(fields=["changed_at"], name="api_itemchange_changed"),
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id} {self.changed_at:%Y-%m-%d %H:%M}"
