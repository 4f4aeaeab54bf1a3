"""The subscribe pages: one French page per feed, for visitors who click "S’abonner".

A feed's own address keeps serving XML to feed readers, unchanged (no negotiation on
the Accept header: readers send all sorts, and one address with two bodies would need
``Vary`` on every cache). What visitors click leads here instead: the page says what a
feed is and how to follow it, gives the feeds' addresses to copy into a reader, lists
the feed's entries as the feed does, and links the feeds with ``rel="alternate"`` so
that a reader or a browser extension given this page's address finds them too.
Browsers no longer show feeds and are dropping XSLT, which styled them for people.

Every registered type's feed has one (found from the registry by its section's
address), as have the feed of everything and each theme's.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from cuf import content_types
from cuf.operations.site_url import absolute_url
from cuf.public.breadcrumbs import Crumb
from cuf.public.calendars import CALENDAR, CalendarSubscription
from cuf.public.feeds import StreamFeed, ThemeFeed
from cuf.themes.models import Theme


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    published_at: datetime | None
    text: str


@dataclass(frozen=True)
class FeedPage:
    # What the feed follows, as French reads it after "S’abonner" and after "contenu"
    # ("au thème « Haïti »", "du thème « Haïti »").
    subscribe_to: str
    contents_of: str
    rss_url: str
    atom_url: str
    followed: Crumb  # the page whose contents the feed carries
    entries: list[Entry] = field(default_factory=list)
    parents: tuple[Crumb, ...] = ()  # in the breadcrumb trail, before "S’abonner"
    calendar_subscriptions: list[CalendarSubscription] = field(default_factory=list)

    @property
    def rss_absolute_url(self) -> str:
        return absolute_url(self.rss_url)

    @property
    def atom_absolute_url(self) -> str:
        return absolute_url(self.atom_url)


def entries(feed, items) -> list[Entry]:
    """The feed's entries as it describes them (title, address, date, plain text)."""
    return [
        Entry(
            title=feed.item_title(item),
            url=item.get_absolute_url(),
            published_at=feed.item_pubdate(item),
            text=feed.item_text(item),
        )
        for item in items
    ]


def section_page(section: str) -> FeedPage:
    """The page of the feed of the type whose list is at /<section>/."""
    config = next(
        (found for found in content_types.all_types() if found.list_url == f"/{section}/"),
        None,
    )
    if config is None or config.feed is None:
        raise Http404("Aucun flux à cette adresse.")
    feed = config.feed()
    followed = Crumb(config.section_label, config.list_url)
    return FeedPage(
        subscribe_to=f"à la rubrique « {config.section_label} »",
        contents_of=f"de la rubrique « {config.section_label} »",
        rss_url=reverse(f"{config.namespace}:rss"),
        atom_url=reverse(f"{config.namespace}:atom"),
        followed=followed,
        entries=entries(feed, feed.items()),
        parents=(followed,),
        calendar_subscriptions=[
            CalendarSubscription(
                f"{config.section_label} – {settings.SITE_NAME}", reverse(found.section_url_name)
            )
            for found in config.theme_subscriptions
            if found.section_url_name and found.media_type == CALENDAR
        ],
    )


def stream_page() -> FeedPage:
    feed = StreamFeed()
    return FeedPage(
        subscribe_to="à tout le portail",
        contents_of="du portail",
        rss_url=reverse("cuf:rss"),
        atom_url=reverse("cuf:atom"),
        followed=Crumb("Accueil", reverse("cuf:home")),
        entries=entries(feed, feed.items()),
    )


def theme_page(theme: Theme) -> FeedPage:
    feed = ThemeFeed()
    themes = Crumb("Thèmes", reverse("cuf:theme_list"))
    followed = Crumb(theme.name, theme.get_absolute_url())
    return FeedPage(
        subscribe_to=f"au thème « {theme.name} »",
        contents_of=f"du thème « {theme.name} »",
        rss_url=reverse("cuf:theme_rss", args=[theme.slug]),
        atom_url=reverse("cuf:theme_atom", args=[theme.slug]),
        followed=followed,
        entries=entries(feed, feed.items(theme)),
        parents=(themes, followed),
        calendar_subscriptions=[
            CalendarSubscription(
                f"{theme.name} – {settings.SITE_NAME}", reverse(found.url_name, args=[theme.slug])
            )
            for found in content_types.theme_subscriptions()
            if found.media_type == CALENDAR
        ],
    )


class FeedPageView(TemplateView):
    """/abonnement/, /<section>/abonnement/, /themes/<slug>/abonnement/."""

    template_name = "cuf/feed_page.html"

    def feed_page(self) -> FeedPage:
        if "slug" in self.kwargs:
            return theme_page(get_object_or_404(Theme, slug=self.kwargs["slug"]))
        if "section" in self.kwargs:
            return section_page(self.kwargs["section"])
        return stream_page()

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.feed_page(), **kwargs)
