"""The shared core: themes, and the publication rule every content type follows."""

import reversion
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager
from taggit.models import GenericTaggedItemBase, TagBase

from cuf.files.storage import GeneratedName, protected_storage
from cuf.text import words
from cuf.validators import single_line


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


class Status(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")


@reversion.register()
class ThemedItem(GenericTaggedItemBase):
    """The one through table linking a theme to an item of any content type."""

    tag = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="items", verbose_name=_("thème")
    )
    # Copies of the item's fields that theme pages and "Sur ces thèmes" show and sort by,
    # kept by cuf.streams in the same transaction as every write of the item or the link:
    # "everything on theme X, newest first" is then one indexed query on this one table.
    status = models.CharField(_("statut"), max_length=20, choices=Status, blank=True)
    published_at = models.DateTimeField(_("date de publication"), null=True, blank=True)
    expires_at = models.DateTimeField(_("fin de publication"), null=True, blank=True)
    title = models.CharField(_("titre"), max_length=255, blank=True)
    slug = models.CharField(_("adresse (slug)"), max_length=255, blank=True)
    surtitre = models.CharField(_("surtitre"), max_length=255, blank=True)
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
        ]

    def __str__(self):
        # Listed on a theme's delete confirmation: say what loses the theme.
        return f"« {self.content_object} » ({self.content_type.name}) classé sous « {self.tag} »"


class PublicationState(models.TextChoices):
    """Where an item stands for visitors, from its status and dates (the admin's badge and
    the page's banner show these labels)."""

    DRAFT = "draft", _("Brouillon")
    SCHEDULED = "scheduled", _("Programmé")
    PUBLISHED = "published", _("Publié")
    EXPIRED = "expired", _("Expiré")


# THE publication rule, in its two forms: a filter for queries (published_q) and a state
# for one item in hand (publication_state). Both read the same three fields with the same
# boundaries (published at or before now; ending strictly after now), and a test checks
# that they agree at every boundary; a new condition goes into both, and nowhere else.


def publication_state(*, status: str, published_at, expires_at, now) -> PublicationState:
    if status != Status.PUBLISHED:
        return PublicationState.DRAFT
    if published_at > now:
        return PublicationState.SCHEDULED
    if expires_at is not None and expires_at <= now:
        return PublicationState.EXPIRED
    return PublicationState.PUBLISHED


def published_q(*, prefix: str = "") -> models.Q:
    """The publication rule as a filter: published, not scheduled for later, not expired.

    Every public query goes through it: ``PublishableQuerySet.published()`` and the search
    index (whose rows copy the fields named here; ``prefix`` reaches them through a
    relation, e.g. ``"communique__"``). Evaluated at query time, so scheduled items appear
    by themselves.
    """
    now = timezone.now()
    return models.Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}published_at__lte": now}) & (
        models.Q(**{f"{prefix}expires_at__isnull": True})
        | models.Q(**{f"{prefix}expires_at__gt": now})
    )


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What visitors may see: published, not scheduled for later, not yet expired."""
        return self.filter(published_q())

    def untagged(self):
        """Items without any theme: the moderators' to-do list."""
        return self.filter(theme_links__isnull=True)

    def visible_to(self, user):
        """Published items for visitors; everything for staff, who preview drafts."""
        if user.is_authenticated and user.is_staff:
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
        help_text=_("Court texte affiché au-dessus du titre, par exemple « MEAE/DAECT »."),
        validators=[single_line],
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
    expires_at = models.DateTimeField(
        _("fin de publication"),
        null=True,
        blank=True,
        help_text=_(
            "Facultatif : à cette date, l’élément quitte les listes, les flux et les pages "
            "publiques (il reste dans l’administration)."
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

    # Slugs taken by the section's own URLs (its feeds) and so refused for items.
    reserved_slugs = frozenset({"rss", "atom"})

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
        ]
        permissions = [
            ("publish", _("Peut publier et dépublier")),
            ("tag", _("Peut classer par thèmes")),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.slug in self.reserved_slugs:
            raise ValidationError(
                {"slug": _("Cette adresse est réservée par le portail : choisissez-en une autre.")}
            )
        if self.expires_at and self.published_at and self.expires_at <= self.published_at:
            raise ValidationError(
                {"expires_at": _("La fin de publication doit suivre la date de publication.")}
            )

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


class EditorImage(models.Model):
    """An image uploaded from the rich-text editor, to be shown inside a body.

    Served at an unguessable address (cuf.views.editor_image): see the README on why
    images in drafts are not kept behind the item's publication.
    """

    file = models.ImageField(
        _("fichier"),
        upload_to=GeneratedName("editeur"),
        storage=protected_storage,
        max_length=255,
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    content_type = models.CharField(_("type de contenu"), max_length=120, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("envoyée par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created = models.DateTimeField(_("envoyée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("image de l’éditeur")
        verbose_name_plural = _("images de l’éditeur")
        ordering = ["-created"]
        get_latest_by = "created"

    def __str__(self):
        return self.file.name

    def get_absolute_url(self):
        return reverse("cuf:editor_image", kwargs={"name": self.stored_name})

    @property
    def stored_name(self) -> str:
        """The generated file name, without its folders: the last part of its address."""
        return self.file.name.rsplit("/", 1)[-1]


class PreviewRevocation(models.Model):
    """How many times the preview links of an item were revoked (cuf.previews).

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

    Cached pages are stored under this number (cuf.page_cache): a write moves it on in
    its own transaction, and every app server reads it from the database they share, so
    no process serves a page written before the change.
    """

    version = models.PositiveBigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("version du contenu public")
        verbose_name_plural = _("versions du contenu public")

    def __str__(self):
        return str(self.version)
