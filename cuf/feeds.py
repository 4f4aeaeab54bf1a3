"""RSS and Atom feeds: one per section, one per theme, one for everything."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from actualites.models import NewsItem
from agenda.models import Event
from communiques.models import Communique
from cuf.models import Theme
from cuf.sanitizer import plain_text
from cuf.streams import latest_items
from cuf.templatetags.cuf_tags import event_when
from resources.models import Resource

FEED_SIZE = 30


def _excerpt(html: str, words: int = 60) -> str:
    return Truncator(plain_text(html)).words(words)


class SectionFeed(Feed):
    """The latest published items of one content type (set ``model`` and ``section``)."""

    model = None
    section = ""
    list_url_name = ""

    def title(self):
        return f"{self.section} – {settings.SITE_NAME}"

    def link(self):
        return reverse(self.list_url_name)

    def description(self):
        return f"Les derniers contenus de la rubrique « {self.section} »."

    def items(self):
        return self.model.objects.published().prefetch_related("themes")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.surtitre} : {item.title}" if item.surtitre else item.title

    def item_description(self, item):
        return _excerpt(getattr(item, "body", ""))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]

    def item_guid(self, item):
        return self.item_link(item)


class CommuniqueFeed(SectionFeed):
    model = Communique
    section = "Communiqués"
    list_url_name = "communiques:list"


class EventFeed(SectionFeed):
    model = Event
    section = "Agenda"
    list_url_name = "agenda:list"

    def item_description(self, item):
        when = event_when(item)
        place = f" – {item.place}" if item.place else ""
        return f"{when}{place}. {_excerpt(item.body)}"


class NewsFeed(SectionFeed):
    model = NewsItem
    section = "Actualités"
    list_url_name = "actualites:list"

    def item_description(self, item):
        return item.summary or _excerpt(item.body)


class ResourceFeed(SectionFeed):
    model = Resource
    section = "Centre de ressources"
    list_url_name = "resources:list"

    def item_description(self, item):
        return f"{item.get_kind_display()}. {_excerpt(item.description)}"


class StreamFeed(Feed):
    """Everything published, newest first, whatever its type."""

    def title(self):
        return settings.SITE_NAME

    def link(self):
        return reverse("cuf:home")

    def description(self):
        return "Communiqués, agenda, actualités et ressources de la coopération décentralisée."

    def items(self):
        return latest_items(limit=FEED_SIZE)

    def item_title(self, item):
        return f"{item.surtitre} : {item.title}" if item.surtitre else item.title

    def item_description(self, item):
        return item.type_label

    def item_pubdate(self, item):
        return item.published_at

    def item_guid(self, item):
        return self.item_link(item)


class ThemeFeed(StreamFeed):
    """Everything published on one theme."""

    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, theme):
        return f"{theme.name} – {settings.SITE_NAME}"

    def link(self, theme):
        return theme.get_absolute_url()

    def description(self, theme):
        return theme.description or f"Tous les contenus sur le thème « {theme.name} »."

    def items(self, theme):
        return latest_items(themes=[theme], limit=FEED_SIZE)


def atom(feed_class):
    """The Atom twin of an RSS feed class."""
    return type(
        f"{feed_class.__name__}Atom",
        (feed_class,),
        {"feed_type": Atom1Feed, "subtitle": feed_class.description},
    )
