"""The ``Publishable`` base every content type builds on, and what publishing keeps apart
from the items: preview-link revocations and the public content's version."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from cuf.members.levels import AccessLevel
from cuf.publishing.dates import is_plausible, plausible_constraint, plausible_date
from cuf.publishing.rule import PublicationState, Status, publication_state, published_q
from cuf.text.validators import single_line
from cuf.themes.models import ThemedItem


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What visitors may see: published, not scheduled for later, not yet expired."""
        return self.filter(published_q())

    def not_reserved(self):
        """Items anyone may read whole (feeds, calendars and the site map hold only these:
        cuf.members.access)."""
        return self.filter(access=AccessLevel.PUBLIC)

    def reserved(self):
        return self.filter(access=AccessLevel.MEMBERS)

    def untagged(self):
        """Items without any theme: the moderators' to-do list."""
        return self.filter(theme_links__isnull=True)

    def visible_to(self, user):
        """Published items for visitors; everything for staff, who preview drafts (once
        past their second factor, if they must give one)."""
        from cuf.accounts.two_factor import acts_as_staff

        if acts_as_staff(user):
            return self
        return self.published()


class Publishable(models.Model):
    title = models.CharField(_("titre"), max_length=255, validators=[single_line])
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
        help_text=_(
            "Court texte affiché au-dessus du titre pour situer le sujet, par exemple "
            "« Appel à projets » ou « Jumelages »."
        ),
        validators=[single_line],
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=Status, default=Status.DRAFT, db_index=False
    )
    published_at = models.DateTimeField(
        _("date de publication"),
        default=timezone.now,
        validators=[plausible_date],
        help_text=_(
            "Une date future programme la publication : l’élément reste invisible jusque-là."
        ),
    )
    expires_at = models.DateTimeField(
        _("fin de publication"),
        null=True,
        blank=True,
        validators=[plausible_date],
        help_text=_(
            "Facultatif : à cette date, l’élément quitte les listes, les flux et les pages "
            "publiques (il reste dans l’administration)."
        ),
    )
    # The date the page shows when it is not the moment the item went public: an article
    # of the old site dated ahead and public at once, as SPIP's post_dates setting does.
    dated_at = models.DateTimeField(
        _("date affichée"),
        null=True,
        blank=True,
        validators=[plausible_date],
        help_text=_(
            "Facultatif : la date que la page affiche, si elle diffère de la date de "
            "publication (qui décide seule de la mise en ligne)."
        ),
    )
    access = models.CharField(
        _("accès"),
        max_length=10,
        choices=AccessLevel,
        default=AccessLevel.PUBLIC,
        help_text=_(
            "« Réservé aux adhérents » : les visiteurs voient le titre et le résumé ; le "
            "texte, les fichiers et les détails ne sont lus que par les adhérents connectés."
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
    # The same through rows seen from the item: deleting an item deletes its rows, and the
    # history (django-reversion) follows them so a recovered item gets its themes back.
    theme_links = GenericRelation(ThemedItem)

    objects = PublishableQuerySet.as_manager()

    # Slugs taken by the section's own URLs (its feeds and their subscribe page) and so
    # refused for items.
    reserved_slugs = frozenset({"rss", "atom", "abonnement"})

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
            models.CheckConstraint(
                condition=models.Q(expires_at__isnull=True)
                | models.Q(expires_at__gt=models.F("published_at")),
                name="%(app_label)s_%(class)s_expires_after_publication",
                violation_error_message=_(
                    "La fin de publication doit suivre la date de publication."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(access__in=["public", "members"]),
                name="%(app_label)s_%(class)s_access_valid",
            ),
            plausible_constraint(
                "published_at", name="%(app_label)s_%(class)s_published_at_plausible"
            ),
            plausible_constraint(
                "expires_at", name="%(app_label)s_%(class)s_expires_at_plausible", nullable=True
            ),
            plausible_constraint(
                "dated_at", name="%(app_label)s_%(class)s_dated_at_plausible", nullable=True
            ),
        ]
        permissions = [
            ("publish", _("Peut publier et dépublier")),
            ("tag", _("Peut classer par thèmes")),
        ]

    def __str__(self):
        return self.title

    @property
    def date_shown(self):
        """The date visitors read: ``dated_at`` if set, else the publication date."""
        return self.dated_at or self.published_at

    def clean(self):
        super().clean()
        if self.slug in self.reserved_slugs:
            raise ValidationError(
                {"slug": _("Cette adresse est réservée par le portail : choisissez-en une autre.")}
            )
        if (
            self.expires_at
            and self.published_at
            and is_plausible(self.expires_at)
            and is_plausible(self.published_at)
            and self.expires_at <= self.published_at
        ):
            raise ValidationError(
                {"expires_at": _("La fin de publication doit suivre la date de publication.")}
            )

    def unique_error_message(self, model_class, unique_check):
        if tuple(unique_check) != ("slug",):
            return super().unique_error_message(model_class, unique_check)
        # Django's own message ("Un objet Ressource avec ce champ … existe déjà") tells an
        # editor neither which item has the address nor what to write instead.
        taken = model_class._default_manager.filter(slug=self.slug)
        other = taken.exclude(pk=self.pk).first() if self.pk else taken.first()
        suffix = 2
        while model_class._default_manager.filter(slug=f"{self.slug[:240]}-{suffix}").exists():
            suffix += 1
        return ValidationError(
            _(
                "Cette adresse est déjà celle de « %(title)s » : choisissez-en une autre, "
                "par exemple « %(free)s »."
            ),
            code="unique",
            params={
                "title": other.title if other else self.slug,
                "free": f"{self.slug[:240]}-{suffix}",
            },
        )

    @property
    def is_reserved(self) -> bool:
        return self.access == AccessLevel.MEMBERS

    @property
    def is_public(self) -> bool:
        return self.publication_state == PublicationState.PUBLISHED

    @property
    def publication_state(self) -> PublicationState:
        """For the page's banner and the admin's badge."""
        return publication_state(
            status=self.status,
            published_at=self.published_at,
            expires_at=self.expires_at,
            now=timezone.now(),
        )


class PreviewRevocation(models.Model):
    """How many times the preview links of an item were revoked (cuf.publishing.previews).

    Kept apart from the item, and out of its history: reverting or recovering an item
    rewrites its row from a version, and must never bring a revoked link back to life.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    count = models.PositiveIntegerField(_("révocations"), default=0)

    class Meta:
        verbose_name = _("révocation de liens d’aperçu")
        verbose_name_plural = _("révocations de liens d’aperçu")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="cuf_previewrevocation_unique"
            ),
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id} : {self.count}"


class ContentVersion(models.Model):
    """One row whose number moves on with every write that changes what visitors see.

    Cached pages are stored under this number (cuf.publishing.page_cache): a write moves it on in
    its own transaction, and every app server reads it from the database they share, so
    no process serves a page written before the change.
    """

    version = models.PositiveBigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("version du contenu public")
        verbose_name_plural = _("versions du contenu public")

    def __str__(self):
        return str(self.version)
