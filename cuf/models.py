"""The shared core: themes, and the publication rule every content type follows."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import GenericTaggedItemBase, TagBase


class Theme(TagBase):
    class Kind(models.TextChoices):
        TOPIC = "thematique", _("Thématique")
        PLACE = "pays-region", _("Pays / région")

    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind, default=Kind.TOPIC)

    class Meta:
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["thematique", "pays-region"]),
                name="cuf_theme_kind_valid",
            ),
            models.UniqueConstraint(Lower("name"), name="cuf_theme_name_ci_unique"),
        ]

    def get_absolute_url(self):
        return reverse("cuf:theme_detail", kwargs={"slug": self.slug})


class ThemedItem(GenericTaggedItemBase):
    """The one through table linking a theme to an item of any content type."""

    tag = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="items", verbose_name=_("thème")
    )

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
        ]


class Status(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")


def published_q(*, prefix: str = "") -> models.Q:
    """THE publication rule, as a filter: published, and not scheduled for later.

    Every public query goes through it: ``PublishableQuerySet.published()`` and the search
    index (whose rows copy the fields named here; ``prefix`` reaches them through a
    relation, e.g. ``"communique__"``). A new condition (an end of publication) belongs
    here, and only here. Evaluated at query time, so scheduled items appear by themselves.
    """
    return models.Q(
        **{f"{prefix}status": Status.PUBLISHED, f"{prefix}published_at__lte": timezone.now()}
    )


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What visitors may see: published, and not scheduled for later."""
        return self.filter(published_q())

    def visible_to(self, user):
        """Published items for visitors; everything for staff, who preview drafts."""
        if user.is_authenticated and user.is_staff:
            return self
        return self.published()


class Publishable(models.Model):
    title = models.CharField(_("titre"), max_length=255)
    slug = models.SlugField(
        _("adresse (slug)"),
        max_length=255,
        unique=True,
        help_text=_("Partie de l’adresse de la page, en minuscules et tirets."),
    )
    surtitre = models.CharField(
        _("surtitre"),
        max_length=255,
        blank=True,
        help_text=_("Court texte affiché au-dessus du titre, par exemple « MEAE/DAECT »."),
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=Status, default=Status.DRAFT, db_index=False
    )
    published_at = models.DateTimeField(
        _("date de publication"),
        default=timezone.now,
        help_text=_(
            "Une date future programme la publication : l’élément reste invisible jusque-là."
        ),
    )
    created = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated = models.DateTimeField(_("modifié le"), auto_now=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    themes = TaggableManager(verbose_name=_("thèmes"), through=ThemedItem, blank=True, help_text="")

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        indexes = [
            models.Index(fields=["status", "published_at"], name="%(app_label)s_%(class)s_pub"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published"]),
                name="%(app_label)s_%(class)s_status_valid",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def publication_state(self) -> str:
        """ "published", "scheduled" or "draft": what the banner and admin lists show."""
        if self.status != Status.PUBLISHED:
            return "draft"
        if self.published_at > timezone.now():
            return "scheduled"
        return "published"
