from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from actualites.models import NewsItem
from agenda.models import Event
from communiques.models import Communique
from cuf.streams import theme_counts
from resources.models import Resource


class PublishedSitemap(Sitemap):
    """Every published item of one content type, with its last change."""

    model = None
    limit = 5000

    def items(self):
        return self.model.objects.published().order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.updated


class CommuniqueSitemap(PublishedSitemap):
    model = Communique


class EventSitemap(PublishedSitemap):
    model = Event


class NewsSitemap(PublishedSitemap):
    model = NewsItem


class ResourceSitemap(PublishedSitemap):
    model = Resource


class ThemeSitemap(Sitemap):
    def items(self):
        return theme_counts()


class SectionSitemap(Sitemap):
    def items(self):
        return [
            "cuf:home",
            "communiques:list",
            "agenda:list",
            "actualites:list",
            "resources:list",
            "cuf:theme_list",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "rubriques": SectionSitemap,
    "communiques": CommuniqueSitemap,
    "agenda": EventSitemap,
    "actualites": NewsSitemap,
    "ressources": ResourceSitemap,
    "themes": ThemeSitemap,
}
