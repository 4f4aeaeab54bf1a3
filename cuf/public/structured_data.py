"""schema.org descriptions (JSON-LD) of content, for search engines and link previews.

Each content type gives its own description (``json_ld`` in its registration); the pieces
they share (the publisher, an article) are here.
"""

from collections.abc import Callable

from django.conf import settings
from django.templatetags.static import static

from cuf import content_types
from cuf.public.sharing import image_urls
from cuf.text.plain import excerpt

DESCRIPTION_WORDS = 50


def description(rich: str) -> str:
    return excerpt(rich, DESCRIPTION_WORDS)


def publisher(absolute: Callable[[str], str]) -> dict:
    return {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "logo": {"@type": "ImageObject", "url": absolute(static("cuf/img/favicon.svg"))},
    }


def news_article(item, absolute, *, text: str, author: str = "", image_sources=None) -> dict:
    """A NewsArticle: communiqués and news alike (``author`` is the issuing body); its
    image is the item's own (``image_sources``) or the network's (cuf.public.sharing)."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title[:110],
        "datePublished": item.published_at.isoformat(),
        "dateModified": item.updated.isoformat(),
        "mainEntityOfPage": absolute(item.get_absolute_url()),
        "inLanguage": "fr",
        "publisher": publisher(absolute),
        "keywords": [theme.name for theme in item.themes.all()],
        "description": text,
        "image": image_urls(absolute, image_sources),
    }
    if author:
        data["author"] = {"@type": "Organization", "name": author}
    return data


def describe(item, absolute) -> dict | None:
    """The JSON-LD of ``item``, or None for content schema.org has no fitting type for."""
    config = content_types.for_model(item)
    if config is None or config.json_ld is None:
        return None
    return config.json_ld(item, absolute)
