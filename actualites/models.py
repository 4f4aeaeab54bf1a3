import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cuf.files.checks import check_upload
from cuf.files.models import AttachmentsRelation
from cuf.files.renditions import ImageSources
from cuf.files.storage import GeneratedName, protected_storage
from cuf.publishing.models import Publishable
from cuf.text.fields import RichTextField
from cuf.text.plain import excerpt
from cuf.text.validators import single_line


# History: the item with its themes, restored together.
# History: the item with its themes and attachments, restored together.
@reversion.register(follow=("attachments", "theme_links"))
class NewsItem(Publishable):
    source = models.CharField(
        _("source"),
        max_length=120,
        blank=True,
        help_text=_("Par exemple « CUF »."),
        validators=[single_line],
    )
    summary = models.TextField(
        _("chapô"), blank=True, help_text=_("Résumé de deux ou trois phrases, sans mise en forme.")
    )
    body = RichTextField(_("texte"), blank=True)
    # Its files to download and its gallery (cuf.files.models.Attachment).
    attachments = AttachmentsRelation()
    image = models.ImageField(
        _("image"),
        upload_to=GeneratedName("actualites"),
        storage=protected_storage,
        max_length=255,
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("texte alternatif de l’image"),
        max_length=255,
        blank=True,
        help_text=_("Ce que montre l’image, pour qui ne la voit pas. Obligatoire avec une image."),
        validators=[single_line],
    )
    image_credit = models.CharField(
        _("crédit de l’image"), max_length=255, blank=True, validators=[single_line]
    )

    class Meta(Publishable.Meta):
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(image="") | ~models.Q(image_alt=""),
                name="actualites_newsitem_image_has_alt",
                violation_error_message=_("Une image doit avoir son texte alternatif."),
            ),
        ]

    def get_absolute_url(self):
        return reverse("actualites:detail", kwargs={"slug": self.slug})

    @property
    def text_excerpt(self) -> str:
        """The start of the text, for lists when the item has no summary (as SPIP's
        introduction; shorter than the feeds' ``item_excerpt``). The list shows it only to
        who may read the text (``readable_by``)."""
        return excerpt(self.body, 30)

    @property
    def image_url(self) -> str:
        return reverse("actualites:image", kwargs={"slug": self.slug}) if self.image else ""

    def image_rendition_url(self, width: int) -> str:
        return reverse("actualites:image_rendition", kwargs={"slug": self.slug, "width": width})

    @property
    def image_sources(self) -> ImageSources | None:
        if not self.image or not self.image_width or not self.image_height:
            return None
        return ImageSources(
            url_for_width=self.image_rendition_url,
            original_url=self.image_url,
            width=self.image_width,
            height=self.image_height,
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.image and not self.image._committed:
            try:
                check_upload(self.image, kind="image")
            except ValidationError as error:
                errors["image"] = error
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = _("Décrivez l’image : le texte alternatif est obligatoire.")
        if errors:
            raise ValidationError(errors)
