"""schema.org descriptions (JSON-LD) of content, for search engines and link previews."""

from django.conf import settings
from django.templatetags.static import static
from django.utils.text import Truncator

from actualites.models import NewsItem
from agenda.models import Event
from communiques.models import Communique
from cuf.sanitizer import plain_text


def _text(html: str, words: int = 50) -> str:
    return Truncator(plain_text(html)).words(words)


def _publisher(absolute) -> dict:
    return {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "logo": {"@type": "ImageObject", "url": absolute(static("cuf/img/favicon.svg"))},
    }


def news_article(item, absolute) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title[:110],
        "datePublished": item.published_at.isoformat(),
        "dateModified": item.updated.isoformat(),
        "mainEntityOfPage": absolute(item.get_absolute_url()),
        "inLanguage": "fr",
        "publisher": _publisher(absolute),
        "keywords": [theme.name for theme in item.themes.all()],
    }
    if isinstance(item, Communique):
        data["description"] = _text(item.body)
        if item.issuer:
            data["author"] = {"@type": "Organization", "name": item.issuer}
    else:
        data["description"] = item.summary or _text(item.body)
        if item.source:
            data["author"] = {"@type": "Organization", "name": item.source}
        if item.image:
            data["image"] = absolute(item.image_url)
    return data


def event(item, absolute) -> dict:
    online, on_site = bool(item.online_url), bool(item.place)
    if online and on_site:
        mode = "MixedEventAttendanceMode"
    elif online:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    locations = []
    if on_site:
        locations.append({"@type": "Place", "name": item.place, "address": item.place})
    if online:
        locations.append({"@type": "VirtualLocation", "url": item.online_url})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": item.title,
        "description": _text(item.body),
        "url": absolute(item.get_absolute_url()),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "inLanguage": "fr",
    }
    if item.all_day:
        data["startDate"] = item.start_date.isoformat()
        data["endDate"] = item.end_date.isoformat()
    else:
        data["startDate"] = item.starts_at.isoformat()
        if item.ends_at:
            data["endDate"] = item.ends_at.isoformat()
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if item.organiser:
        data["organizer"] = {"@type": "Organization", "name": item.organiser}
    return data


def describe(item, absolute) -> dict | None:
    """The JSON-LD of ``item``, or None for content schema.org has no fitting type for."""
    if isinstance(item, Event):
        return event(item, absolute)
    if isinstance(item, Communique | NewsItem):
        return news_article(item, absolute)
    return None
