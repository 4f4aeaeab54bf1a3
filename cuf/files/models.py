"""Images uploaded from the rich-text editor."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cuf.files.storage import GeneratedName, protected_storage


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
