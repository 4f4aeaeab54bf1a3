"""Themes: the one vocabulary, its former addresses, and the one through table."""

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.models import GenericTaggedItemBase, TagBase

from cuf.publishing.rule import Status
from cuf.text.plain import words
from cuf.text.validators import single_line


def theme_name_key(name: str) -> str:
    """What makes two theme names the same: no case, no accents, no punctuation.

    "COVID-19", "Covid 19" and "covid‑19" share one key, as do "Haïti" and "HAITI".
    """
    return " ".join(words(name))


class Theme(TagBase):
    class Kind(models.TextChoices):
        TOPIC = "thematique", _("Thématique")
        PLACE = "pays-region", _("Pays / région")

    # taggit's name, on one line: it is a page title and a calendar's name.
    name = models.CharField(
        pgettext_lazy("A tag name", "name"), unique=True, max_length=100, validators=[single_line]
    )
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind, default=Kind.TOPIC)
    # Derived from the name (theme_name_key); unique so that "Covid-19" and "COVID-19"
    # cannot both exist, on SQLite and PostgreSQL alike (no unaccent extension needed).
    name_key = models.CharField(_("clé du nom"), max_length=100, unique=True, editable=False)

    class Meta:
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")
        # In French alphabetical order: "Bénin" before "Burkina Faso", "Élus" among the
        # E, "Climat" before "COVID-19" (the key has no case, accents nor punctuation).
        ordering = ["name_key"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["thematique", "pays-region"]),
                name="cuf_theme_kind_valid",
            ),
            models.UniqueConstraint(Lower("name"), name="cuf_theme_name_ci_unique"),
        ]

    def get_absolute_url(self):
        return reverse("cuf:theme_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        # taggit's slug allows any letter, but /themes/<slug>/ takes ASCII only: a theme
        # whose address had an accent could not be linked from any page.
        if self.slug and not slug_re.fullmatch(self.slug):
            errors["slug"] = _(
                "L’adresse ne peut contenir que des lettres sans accents, des chiffres et des "
                "tirets."
            )
        self.name_key = theme_name_key(self.name or "")
        same = Theme.objects.filter(name_key=self.name_key).exclude(pk=self.pk).first()
        if same is not None:
            errors["name"] = _(
                "Le thème « %(name)s » existe déjà (les majuscules, les accents et "
                "la ponctuation ne comptent pas) : utilisez-le ou renommez-le."
            ) % {"name": same.name}
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # The key is a pure function of the name, so it is kept in step on every write,
        # including taggit's own tag creation which skips full_clean().
        self.name_key = theme_name_key(self.name or "")
        super().save(*args, **kwargs)


class ThemeRedirect(models.Model):
    """A theme's former address: /themes/<old_slug>/ redirects permanently to the theme."""

    old_slug = models.SlugField(
        _("ancienne adresse"), max_length=100, unique=True, allow_unicode=True
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("thème"), on_delete=models.CASCADE, related_name="redirects"
    )
    # The id of the theme that had this address, when it was merged into ``theme``: old
    # versions of items still name it, and a restore follows it to ``theme``.
    old_theme_id = models.PositiveBigIntegerField(
        _("identifiant du thème fusionné"), null=True, blank=True, editable=False
    )
    created = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("ancienne adresse de thème")
        verbose_name_plural = _("anciennes adresses de thèmes")
        ordering = ["old_slug"]

    def __str__(self):
        return f"/themes/{self.old_slug}/ → {self.theme}"


@reversion.register()
class ThemedItem(GenericTaggedItemBase):
    """The one through table linking a theme to an item of any content type."""

    tag = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="items", verbose_name=_("thème")
    )
    # Copies of the item's fields that theme pages and "Sur ces thèmes" show and sort by,
    # kept by cuf.themes.links in the same transaction as every write of the item or the link:
    # "everything on theme X, newest first" is then one indexed query on this one table.
    status = models.CharField(_("statut"), max_length=20, choices=Status, blank=True)
    published_at = models.DateTimeField(_("date de publication"), null=True, blank=True)
    expires_at = models.DateTimeField(_("fin de publication"), null=True, blank=True)
    title = models.CharField(_("titre"), max_length=255, blank=True)
    slug = models.CharField(_("adresse (slug)"), max_length=255, blank=True)
    surtitre = models.CharField(_("surtitre"), max_length=255, blank=True)
    access = models.CharField(_("accès"), max_length=10, default="public", blank=True)
    # The date its type shows instead of the publication (an event's start), if any.
    shown_at = models.DateTimeField(_("date affichée"), null=True, blank=True)

    class Meta:
        verbose_name = _("élément classé")
        verbose_name_plural = _("éléments classés")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "tag"], name="cuf_themeditem_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="cuf_themeditem_object"),
            models.Index(fields=["tag", "published_at"], name="cuf_themeditem_stream"),
            # Theme pages and "Sur ces thèmes" sort by the date each item shows.
            models.Index(
                F("tag"), Coalesce("shown_at", "published_at"), name="cuf_themeditem_shown"
            ),
        ]

    def __str__(self):
        # Listed on a theme's delete confirmation: say what loses the theme.
        return f"« {self.content_object} » ({self.content_type.name}) classé sous « {self.tag} »"
