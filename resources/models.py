import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from cuf.files.checks import FORMATS_BY_KIND, describe_upload
from cuf.files.models import AttachmentsRelation
from cuf.files.renditions import WIDTHS, ImageSources, ResponsiveImage, image_size
from cuf.files.storage import GeneratedName, protected_storage
from cuf.files.text_jobs import (
    TextStatus,
    mark_new_file,
    text_status_field,
)
from cuf.publishing.models import Publishable, PublishableQuerySet
from cuf.publishing.rule import Status
from cuf.text.fields import RichTextField
from cuf.text.plain import words
from cuf.text.validators import single_line
from resources.embeds import VideoEmbed, parse_video_url


class ResourceQuerySet(PublishableQuerySet):
    def of_kind(self, kind: str):
        return self.filter(kind=kind)

    def kind_counts(self) -> list[dict]:
        """The four doors of the resource centre: each kind with its count, zero included."""
        counts = dict(self.order_by().values_list("kind").annotate(n=Count("pk")))
        return [
            {
                "kind": kind,
                "label": label,
                "count": counts.get(kind, 0),
                "url": reverse("resources:kind", kwargs={"kind": kind}),
            }
            for kind, label in Resource.Kind.choices
        ]


# History: the item with its themes, restored together.
# History: the item with its themes and attachments, restored together.
@reversion.register(follow=("attachments", "theme_links"))
class Resource(Publishable):
    class Kind(models.TextChoices):
        TEXT = "texte", _("Texte")
        PHOTO = "photo", _("Photo")
        SOUND = "son", _("Son")
        VIDEO = "video", _("Vidéo")

    # What kind of upload (cuf.files.checks.FORMATS_BY_KIND) each kind of resource takes.
    UPLOAD_KIND = {
        Kind.TEXT: "document",
        Kind.PHOTO: "image",
        Kind.SOUND: "audio",
        Kind.VIDEO: "video",
    }

    kind = models.CharField(_("type"), max_length=10, choices=Kind)
    description = RichTextField(_("description"), blank=True)
    # Its files to download and its gallery (cuf.files.models.Attachment).
    attachments = AttachmentsRelation()
    file = models.FileField(
        _("fichier"),
        upload_to=GeneratedName("ressources"),
        storage=protected_storage,
        max_length=255,
        blank=True,
    )
    content_type = models.CharField(
        _("type de contenu"), max_length=120, blank=True, editable=False
    )
    size = models.PositiveBigIntegerField(_("taille (octets)"), default=0, editable=False)
    format_label = models.CharField(_("format"), max_length=20, blank=True, editable=False)
    external_url = models.URLField(
        _("lien externe"),
        max_length=500,
        blank=True,
        help_text=_("À la place d’un fichier : une vidéo ou un son publié ailleurs."),
    )
    transcript = models.TextField(
        _("transcription"), blank=True, help_text=_("Pour le son et la vidéo : le texte entendu.")
    )
    credit = models.CharField(_("crédit"), max_length=255, blank=True, validators=[single_line])
    image_alt = models.CharField(
        _("texte alternatif"),
        max_length=255,
        blank=True,
        validators=[single_line],
        help_text=_(
            "Pour une photo (obligatoire) : ce qu’elle montre, pour qui ne la voit pas. "
            "Lu par les lecteurs d’écran à la place de l’image."
        ),
    )
    text = models.TextField(
        _("texte extrait"),
        blank=True,
        editable=False,
        help_text=_("Le texte du fichier (ressource texte), lu après l’envoi, pour la recherche."),
    )
    text_status = text_status_field()

    objects = ResourceQuerySet.as_manager()

    # The four kinds have list pages at /ressources/<kind>/.
    reserved_slugs = Publishable.reserved_slugs | set(Kind.values)

    class Meta(Publishable.Meta):
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["kind", "status", "published_at"], name="resources_kind_pub"),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(kind__in=["texte", "photo", "son", "video"]),
                name="resources_resource_kind_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="photo") | ~models.Q(image_alt=""),
                name="resources_resource_photo_has_alt",
                violation_error_message=_("Une photo doit avoir son texte alternatif."),
            ),
            # A draft may wait for its file (one imported without it, one being prepared);
            # nothing is published without one.
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(external_url=""))
                | (~models.Q(file="") & models.Q(external_url=""))
                | (models.Q(file="", external_url="", status="draft")),
                name="resources_resource_file_xor_link",
                violation_error_message=_("Indiquez soit un fichier, soit un lien externe."),
            ),
        ]

    def get_absolute_url(self):
        return reverse("resources:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        if self.file and self.external_url:
            errors["file"] = _("Indiquez soit un fichier, soit un lien externe (un seul des deux).")
        elif not self.file and not self.external_url and self.status != Status.DRAFT:
            errors["file"] = _(
                "Indiquez un fichier ou un lien externe : une ressource n’est publiée qu’avec "
                "l’un des deux (un brouillon peut l’attendre)."
            )
        if self.kind == self.Kind.PHOTO and not self.image_alt.strip():
            errors["image_alt"] = _(
                "Décrivez la photo : le texte alternatif est obligatoire (RGAA 1.2)."
            )
        if self.image_alt.strip() and self.kind != self.Kind.PHOTO:
            errors["image_alt"] = _("Le texte alternatif ne concerne que les photos.")
        if self.transcript and self.kind not in (self.Kind.SOUND, self.Kind.VIDEO):
            errors["transcript"] = _("La transcription ne concerne que le son et la vidéo.")
        if not self.file:
            # The file gave way to a link: its text goes with it.
            self.text, self.text_status = "", TextStatus.NONE
        # An unknown kind is reported by clean_fields(); its file cannot be checked.
        upload_kind = self.UPLOAD_KIND.get(self.kind)
        if self.file and upload_kind and self.file._committed:
            # A stored file must still fit when only the kind changed.
            accepted = {f.content_type for f in FORMATS_BY_KIND[upload_kind]}
            if self.content_type not in accepted:
                errors["file"] = _(
                    "Le fichier enregistré ne correspond pas à ce type de ressource."
                )
        if errors:
            raise ValidationError(errors)

    def full_clean(self, *args, **kwargs):
        # The other fields first: a new file is read only once they are valid.
        super().full_clean(*args, **kwargs)
        self.check_new_file()

    def check_new_file(self):
        upload_kind = self.UPLOAD_KIND.get(self.kind)
        if self.file and upload_kind and not self.file._committed:
            try:
                upload = describe_upload(self.file, kind=upload_kind)
            except ValidationError as error:
                raise ValidationError({"file": error}) from error
            self.size, self.content_type = upload.size, upload.content_type
            self.format_label = upload.label
            mark_new_file(self, has_text=upload.has_text)

    @property
    def file_url(self) -> str:
        return reverse("resources:file", kwargs={"slug": self.slug}) if self.file else ""

    def image_rendition_url(self, width: int) -> str:
        return reverse("resources:image_rendition", kwargs={"slug": self.slug, "width": width})

    @property
    def is_photo_file(self) -> bool:
        return self.kind == self.Kind.PHOTO and bool(self.file)

    @property
    def player_title(self) -> str:
        """The video player's accessible name: « Vidéo : <title> », unless the title
        already says so (« Vidéo : les Rencontres… » is not prefixed again)."""
        if words(self.title)[:1] == ["video"]:
            return self.title
        return f"Vidéo : {self.title}"

    @cached_property
    def image_sources(self) -> ImageSources | None:
        """The photo's renditions; its size is read from the file once, then cached."""
        size = image_size(self.file) if self.is_photo_file else None
        if size is None:
            return None
        return ImageSources(
            url_for_width=self.image_rendition_url,
            original_url=self.file_url,
            width=size[0],
            height=size[1],
        )

    @property
    def thumbnail(self) -> ResponsiveImage | None:
        """A gallery thumbnail, cropped to 4:3 by the stylesheet: no file is read here."""
        if not self.is_photo_file:
            return None
        small, large = WIDTHS[0], WIDTHS[1]
        return ResponsiveImage(
            src=self.image_rendition_url(small),
            srcset=f"{self.image_rendition_url(small)} {small}w, "
            f"{self.image_rendition_url(large)} {large}w",
            width=small,
            height=small * 3 // 4,
        )

    @cached_property
    def video_embed(self) -> VideoEmbed | None:
        """The player of an external video link, when it is YouTube, Vimeo or Dailymotion."""
        if self.kind != self.Kind.VIDEO or not self.external_url:
            return None
        return parse_video_url(self.external_url)
