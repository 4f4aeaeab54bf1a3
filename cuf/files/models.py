"""Images uploaded from the rich-text editor, and the files attached to items."""

import reversion
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cuf.files.checks import describe_attachment
from cuf.files.storage import GeneratedName, download_name, protected_storage
from cuf.files.text_jobs import mark_new_file, text_status_field
from cuf.text.validators import single_line


class EditorImage(models.Model):
    """An image uploaded from the rich-text editor, to be shown inside a body.

    Served at an unguessable address (cuf.public.views.editor_image): see the README on why
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


class AttachmentQuerySet(models.QuerySet):
    def offered(self):
        """What visitors are offered: an attachment whose file is gone (a version restored
        from before it was replaced) waits until its editor uploads the file again."""
        return self.exclude(file="")


@reversion.register()
class Attachment(models.Model):
    """A file attached to an item, in the order editors chose: a communiqué's documents, a
    news item's, a resource's other files. One model for every type that offers them
    (``attachments = AttachmentsRelation()`` on the type's model), served by one view
    (``/documents/<id>/<nom>``) once its item is public. An image is shown in a gallery
    under the item's text, any other file in the list of documents to download."""

    item_type = models.ForeignKey(
        ContentType, verbose_name=_("type de contenu"), on_delete=models.CASCADE, related_name="+"
    )
    item_id = models.PositiveBigIntegerField(_("contenu"))
    item = GenericForeignKey("item_type", "item_id")
    title = models.CharField(_("titre"), max_length=255, validators=[single_line])
    file = models.FileField(
        _("fichier"),
        upload_to=GeneratedName("documents"),
        storage=protected_storage,
        max_length=255,
    )
    description = models.TextField(
        _("légende"),
        blank=True,
        help_text=_(
            "Affichée sous le titre : dans la galerie pour une image, dans la liste des "
            "documents à télécharger pour un autre fichier."
        ),
    )
    credit = models.CharField(
        _("crédit"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple « Photo : M. Ndiaye » ou « Réseau Coop / CC BY »."),
        validators=[single_line],
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    size = models.PositiveBigIntegerField(_("taille (octets)"), default=0, editable=False)
    content_type = models.CharField(_("type de fichier"), max_length=120, editable=False)
    format_label = models.CharField(_("format"), max_length=20, editable=False)
    text = models.TextField(
        _("texte extrait"),
        blank=True,
        editable=False,
        help_text=_("Le texte du fichier, lu après l’envoi, pour la recherche."),
    )
    text_status = text_status_field()

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["position", "pk"]
        indexes = [
            models.Index(fields=["item_type", "item_id", "position"], name="cuf_attachment_order")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cuf:attachment", kwargs={"pk": self.pk, "filename": self.filename})

    def full_clean(self, *args, **kwargs):
        # The other fields first: a file is read only once they are valid.
        super().full_clean(*args, **kwargs)
        self.check_new_file()

    def check_new_file(self):
        # Only a newly chosen file is checked; a stored one was checked on its upload.
        if self.file and not self.file._committed:
            try:
                upload = describe_attachment(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error}) from error
            self.size, self.content_type = upload.size, upload.content_type
            self.format_label = upload.label
            mark_new_file(self, has_text=upload.has_text)

    @property
    def file_url(self) -> str:
        """Where the file is downloaded (the admin links its current file here)."""
        return self.get_absolute_url() if self.file else ""

    @property
    def filename(self) -> str:
        return download_name(self.title, self.file.name)

    @property
    def is_image(self) -> bool:
        """Shown in the gallery under the text (and served inline), not downloaded."""
        return self.content_type in IMAGE_TYPES

    def rendition_url(self, width: int) -> str:
        return reverse("cuf:attachment_rendition", kwargs={"pk": self.pk, "width": width})


# The image formats a gallery shows (those renditions are made of).
IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})


def AttachmentsRelation():  # noqa: N802 - reads as the field it returns
    """The field a content model declares to offer attachments: ``item.attachments``
    (ordered), deleted with the item, followed by its history."""
    return GenericRelation(
        Attachment,
        content_type_field="item_type",
        object_id_field="item_id",
    )


def offers_attachments(model) -> bool:
    """Whether ``model`` declares ``AttachmentsRelation()``: only such items' pages show
    their attachments, so only theirs are served."""
    return any(
        isinstance(field, GenericRelation) and field.related_model is Attachment
        for field in model._meta.private_fields
    )
