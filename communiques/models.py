import reversion
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cuf.files.models import AttachmentsRelation
from cuf.publishing.models import Publishable
from cuf.text.fields import RichTextField
from cuf.text.validators import single_line


# History: the item with its themes and documents, restored together.
@reversion.register(follow=("attachments", "theme_links"))
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
    # Its documents to download (cuf.files.models.Attachment), in the order editors chose.
    attachments = AttachmentsRelation()

    class Meta(Publishable.Meta):
        verbose_name = _("communiqué")
        verbose_name_plural = _("communiqués")

    def get_absolute_url(self):
        return reverse("communiques:detail", kwargs={"slug": self.slug})
