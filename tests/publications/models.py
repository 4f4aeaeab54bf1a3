import reversion
from django.urls import reverse

from cuf.operations.backups.rules import KEPT
from cuf.publishing.models import Publishable
from cuf.text.fields import RichTextField


@reversion.register(follow=("theme_links",))
class Publication(Publishable):
    """A study or report the network publishes (a test-only content type)."""

    # Backups keep its rows (cuf.operations.backups.rules): declared by the model itself.
    backup_rows = KEPT

    body = RichTextField("texte", blank=True)

    class Meta(Publishable.Meta):
        verbose_name = "publication"
        verbose_name_plural = "publications"

    def get_absolute_url(self):
        return reverse("publications:detail", kwargs={"slug": self.slug})
