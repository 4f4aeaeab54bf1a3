import reversion
from django.urls import reverse

from cuf.publishing.models import Publishable
from cuf.text.fields import RichTextField


@reversion.register(follow=("theme_links",))
class Publication(Publishable):
    """A study or report the network publishes (a test-only content type)."""

    body = RichTextField("texte", blank=True)

    class Meta(Publishable.Meta):
        verbose_name = "publication"
        verbose_name_plural = "publications"

    def get_absolute_url(self):
        return reverse("publications:detail", kwargs={"slug": self.slug})
