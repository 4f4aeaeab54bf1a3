"""The sitemap: the sections and the pages under them, every published item of each
content type, the themes, the information pages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse

from cuf import content_types
from cuf.themes.selectors import theme_counts


class Sitemap(DjangoSitemap):
    """Addresses on the configured SITE_URL, whatever Host the site map was asked under."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or super().get_protocol(protocol)

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc or super().get_domain(site)


class PublishedSitemap(Sitemap):
    """Every published item of one content type, with its last change."""

    model = None
    limit = 5000

    def items(self):
        # Reserved items are left out, as from feeds and calendars (cuf.members.access).
        return self.model.objects.published().not_reserved().order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.updated


class ThemeSitemap(Sitemap):
    def items(self):
        return theme_counts()


# The pages about the portal itself, which the footer links.
INFORMATION_PAGES = ("cuf:site_map", "cuf:contact", "cuf:legal_notice", "cuf:accessibility")


class SectionSitemap(Sitemap):
    """The home page, each section with the pages under it (the agenda's past events, the
    resource centre's four kinds: ``sub_pages`` in its registration), the themes and the
    information pages."""

    def items(self) -> list[str]:
        paths = [reverse("cuf:home")]
        for config in content_types.all_types():
            paths.append(config.list_url)
            paths.extend(link.url for link in (config.sub_pages() if config.sub_pages else []))
        paths.append(reverse("cuf:theme_list"))
        paths.extend(reverse(name) for name in INFORMATION_PAGES)
        return list(dict.fromkeys(paths))

    def location(self, path):
        return path


def sitemaps() -> dict[str, type[Sitemap]]:
    """The sitemap's sections, by name: a content type's own sitemap, or its published
    items."""
    sections: dict[str, type[Sitemap]] = {"rubriques": SectionSitemap}
    for config in content_types.all_types():
        sections[config.key] = config.sitemap or type(
            f"{config.model.__name__}Sitemap", (PublishedSitemap,), {"model": config.model}
        )
    sections["themes"] = ThemeSitemap
    return sections
