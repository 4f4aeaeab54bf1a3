"""RSS and Atom feeds: the base of each section's feed, one per theme, one for everything.

Each content app has its section's feed (its ``feeds.py``, on ``SectionFeed``); the
section's name and address come from its registration (cuf.content_types).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape

from cuf import content_types
from cuf.operations.site_url import AtSiteAddress, site_address
from cuf.publishing.selectors import latest_items
from cuf.text.plain import excerpt, printable
from cuf.themes.models import Theme

FEED_SIZE = 30
EXCERPT_WORDS = 60


def item_excerpt(rich: str) -> str:
    return excerpt(rich, EXCERPT_WORDS)


class RssFeed(Rss201rev2Feed):
    """RSS 2.0 whose ``atom:link rel="self"`` says its type, as the RSS Advisory Board's
    profile asks."""

    def add_root_elements(self, handler):
        feed_url, self.feed["feed_url"] = self.feed["feed_url"], None
        super().add_root_elements(handler)
        self.feed["feed_url"] = feed_url
        if feed_url is not None:
            handler.addQuickElement(
                "atom:link", None, {"rel": "self", "href": feed_url, "type": "application/rss+xml"}
            )


class AtomFeed(Atom1Feed):
    """Atom 1.0 whose self link says its type too."""

    content_type = "application/atom+xml; charset=utf-8"

    def add_root_elements(self, handler):
        feed_url, self.feed["feed_url"] = self.feed["feed_url"], None
        super().add_root_elements(handler)
        self.feed["feed_url"] = feed_url
        if feed_url is not None:
            handler.addQuickElement(
                "link", "", {"rel": "self", "href": feed_url, "type": "application/atom+xml"}
            )


class PublishableFeed(Feed):
    """What every feed says of an entry: its title (after its surtitre), its text as
    escaped plain text, its dates, who wrote it and its file, if it has one to fetch.

    Atom requires an author on every entry or on the feed (RFC 4287 §4.1.1): the feed's
    is the organisation that publishes the portal, each entry's its issuing body where it
    has one (a communiqué's issuer, a news item's source)."""

    feed_type = RssFeed

    def get_feed(self, obj, request):
        # Links, Atom ids and RSS guids on the configured address (SITE_URL): one entry
        # keeps one id whatever name the feed was fetched under.
        return super().get_feed(obj, AtSiteAddress(request))

    def item_title(self, item):
        return printable(f"{item.surtitre} : {item.title}" if item.surtitre else item.title)

    def item_text(self, item) -> str:
        """What the entry says, as plain text (each section's feed says more)."""
        return item_excerpt(getattr(item, "body", ""))

    def item_description(self, item):
        # Feed readers read a description as HTML: the text is escaped, so that what a
        # page shows as text ("&lt;img …&gt;") never becomes markup in a reader.
        return escape(printable(self.item_text(item)))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def author_name(self):
        return printable(settings.ORGANISATION["name"])

    def item_author(self, item) -> str:
        """Who the entry is from (each section's feed may say more)."""
        return ""

    def item_author_name(self, item):
        return printable(self.item_author(item) or settings.ORGANISATION["name"])

    def item_file(self, item) -> Enclosure | None:
        """The file a reader fetches with the entry (a podcast's sound), as a path."""
        return None

    def item_enclosures(self, item):
        file = self.item_file(item)
        if file is None:
            return []
        return [Enclosure(site_address() + file.url, file.length, file.mime_type)]


class SectionFeed(PublishableFeed):
    """The latest published items of one content type (set ``model``)."""

    model = None

    @property
    def content_type(self) -> content_types.ContentTypeConfig:
        return content_types.for_model(self.model)

    def title(self):
        return f"{self.content_type.section_label} – {settings.SITE_NAME}"

    def link(self):
        return self.content_type.list_url

    def description(self):
        return f"Les derniers contenus de la rubrique « {self.content_type.section_label} »."

    def items(self):
        # Reserved items are left out: feed readers carry no member's session.
        return self.model.objects.published().not_reserved().prefetch_related("themes")[:FEED_SIZE]

    def item_categories(self, item):
        return [printable(theme.name) for theme in item.themes.all()]


def as_objects(rows) -> list:
    """The items behind stream rows (cuf.publishing.selectors), in the same order: one
    query per type present, whatever the number of rows."""
    wanted: dict[str, list[int]] = {}
    for row in rows:
        wanted.setdefault(row.namespace, []).append(row.pk)
    loaded = {
        namespace: content_types.for_namespace(namespace).model.objects.in_bulk(pks)
        for namespace, pks in wanted.items()
    }
    return [loaded[row.namespace][row.pk] for row in rows if row.pk in loaded[row.namespace]]


class StreamFeed(PublishableFeed):
    """Everything published, newest first, whatever its type; each entry described as its
    section's feed describes it."""

    def title(self):
        return settings.SITE_NAME

    def link(self):
        return reverse("cuf:home")

    def description(self):
        return "Les derniers contenus publiés sur le portail, toutes rubriques confondues."

    def items(self):
        return as_objects(latest_items(limit=FEED_SIZE, reserved=False))

    def _section_feed(self, item) -> PublishableFeed:
        return (content_types.for_model(item).feed or SectionFeed)()

    def item_text(self, item) -> str:
        return self._section_feed(item).item_text(item)

    def item_author(self, item) -> str:
        return self._section_feed(item).item_author(item)

    def item_file(self, item) -> Enclosure | None:
        return self._section_feed(item).item_file(item)


class ThemeFeed(StreamFeed):
    """Everything published on one theme."""

    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, theme):
        return printable(f"{theme.name} – {settings.SITE_NAME}")

    def link(self, theme):
        return theme.get_absolute_url()

    def description(self, theme):
        return printable(theme.description or f"Tous les contenus sur le thème « {theme.name} ».")

    def items(self, theme):
        return as_objects(latest_items(themes=[theme], limit=FEED_SIZE, reserved=False))


def atom(feed_class):
    """The Atom twin of an RSS feed class."""
    return type(
        f"{feed_class.__name__}Atom",
        (feed_class,),
        {"feed_type": AtomFeed, "subtitle": feed_class.description},
    )
