import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cuf.files.checks import describe_upload
from cuf.files.storage import GeneratedName, download_name, protected_storage
from cuf.files.text_jobs import mark_new_file, text_status_field
from cuf.publishing.models import Publishable
from cuf.text.fields import RichTextField
from cuf.text.validators import single_line


# History: the item with its themes and documents, restored together.
@reversion.register(follow=("documents", "theme_links"))
class Communique(Publishable):
    issuer = models.CharField(
        _("émetteur"),
        max_length=120,
        blank=True,
        help_text=_("L’institution qui publie le communiqué, par exemple « MEAE/DAECT »."),
        validators=[single_line],
    )
    place = models.CharField(
        _("lieu d’émission"),
        max_length=120,
        blank=True,
        help_text=_("Par exemple « Paris »."),
        validators=[single_line],
    )
    body = RichTextField(_("texte"), blank=True)

    class Meta(Publishable.Meta):
        verbose_name = _("communiqué")
        verbose_name_plural = _("communiqués")

    def get_absolute_url(self):
        return reverse("communiques:detail", kwargs={"slug": self.slug})


@reversion.register()
class Document(models.Model):
    communique = models.ForeignKey(
        Communique,
        verbose_name=_("communiqué"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    title = models.CharField(_("titre"), max_length=255, validators=[single_line])
    file = models.FileField(
        _("fichier"),
        upload_to=GeneratedName("documents"),
        storage=protected_storage,
        max_length=255,
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    size = models.PositiveBigIntegerField(_("taille (octets)"), default=0, editable=False)
    content_type = models.CharField(_("type de contenu"), max_length=120, editable=False)
    format_label = models.CharField(_("format"), max_length=20, editable=False)
    text = models.TextField(
        _("texte extrait"),
        blank=True,
        editable=False,
        help_text=_("Le texte du fichier, lu après l’envoi, pour la recherche."),
    )
    text_status = text_status_field()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["communique", "position"], name="communiques_doc_order")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("communiques:document", kwargs={"pk": self.pk, "filename": self.filename})

    def full_clean(self, *args, **kwargs):
        # The other fields first: a file is read only once they are valid.
        super().full_clean(*args, **kwargs)
        self.check_new_file()

    def check_new_file(self):
        # Only a newly chosen file is checked; a stored one was checked on its upload.
        if self.file and not self.file._committed:
            try:
                upload = describe_upload(self.file, kind="document")
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
