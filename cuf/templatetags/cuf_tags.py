"""French dates as the portal writes them, share links, responsive images and an item's
attachments."""

import json
import re
from urllib.parse import quote, urlencode

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from cuf.files.attachments import split_attachments
from cuf.files.renditions import WIDTHS
from cuf.members.access import can_read_body
from cuf.operations.site_url import absolute_url_for
from cuf.public import sharing, structured_data
from cuf.publishing.rule import PublicationState
from cuf.text import plain as text

register = template.Library()


def _local(value):
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return timezone.localtime(value)
    return value


def _day(value) -> str:
    return "1er" if value.day == 1 else str(value.day)


@register.filter
def readable_by(item, request) -> bool:
    """``{% if item|readable_by:request %}``: whether this visitor sees a reserved item's
    details (place, picture, credit) in a list, by the one rule of its page."""
    return can_read_body(item, request)


# A credit that names its own role ("Réalisation : Studio Mistral", "Photo : …") or
# already carries its "©" is written as it is, not after another label.
_LABELLED_CREDIT = re.compile(r"^(?:©|\(c\)|[^\W\d_][\w’'.-]*(?:\s[\w’'.-]+){0,3}\s?:)", re.I)


@register.filter
def credit_line(credit: str, label: str) -> str:
    """``{{ resource.credit|credit_line:"Crédit :" }}``: « Crédit : Jean Dupont », but
    « Réalisation : Studio Mistral » as it is written (imported credits often say their
    role)."""
    credit = (credit or "").strip()
    if not credit or _LABELLED_CREDIT.match(credit):
        return credit
    return f"{label} {credit}"


@register.filter
def long_date(value) -> str:
    """« jeudi 7 mai 2020 », « vendredi 1er mai 2020 »."""
    if not value:
        return ""
    value = _local(value)
    return f"{date_format(value, 'l')} {_day(value)} {date_format(value, 'F Y')}"


def day_span(start, end, *, start_time: str = "", end_time: str = "") -> str:
    """Two days in the portal's one French style, hours after each day when given:
    « Du samedi 19 décembre au mardi 22 décembre 2026 », « Du lundi 4 janvier à 10 h au
    mardi 5 janvier 2027 à 17 h »; the year is written once when both days share it."""
    start, end = _local(start), _local(end)
    first = long_date(start)
    if start.year == end.year:
        first = first.rsplit(" ", 1)[0]  # « samedi 19 décembre »
    at_start = f" à {start_time}" if start_time else ""
    at_end = f" à {end_time}" if end_time else ""
    return f"Du {first}{at_start} au {long_date(end)}{at_end}"


@register.filter
def short_date(value) -> str:
    """« 12 mai 2020 », « 1er mai 2020 »: for « Publié le … »."""
    if not value:
        return ""
    value = _local(value)
    return f"{_day(value)} {date_format(value, 'F Y')}"


# The abbreviations French typography uses (Imprimerie nationale): never "jan." or "jui".
MONTH_ABBREVIATIONS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)


def month_abbreviation(value) -> str:
    """« janv. », « mai », « déc. »."""
    return MONTH_ABBREVIATIONS[_local(value).month - 1]


@register.inclusion_tag("includes/day_badge.html")
def day_badge(value) -> dict:
    """The calendar-leaf badge of a date: « 1er » over « janv. » (hidden from screen
    readers: the full date is written next to it)."""
    value = _local(value)
    return {"day": _day(value), "month": month_abbreviation(value)}


def time_of_day(value) -> str:
    """« 15 h », « 17 h 30 », with non-breaking spaces: a time never wraps apart from
    its number ("de 14" at the end of a line, "h à 16 h" on the next)."""
    value = _local(value)
    if value.minute == 0:
        return f"{value.hour}\u00a0h"
    return f"{value.hour}\u00a0h\u00a0{value.minute:02d}"


@register.simple_tag
def publication_states():
    """The publication states, to compare an item's state with in a template."""
    return PublicationState


@register.filter
def duration_fr(value) -> str:
    """« 15 minutes », « 1 heure », « 2 h 30 »: a timedelta as a French reader says it."""
    minutes = round(value.total_seconds() / 60)
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes > 1 else ''}"
    hours, rest = divmod(minutes, 60)
    if rest:
        return f"{hours} h {rest:02d}"
    return f"{hours} heure{'s' if hours > 1 else ''}"


@register.filter
def plain_text(rich) -> str:
    """Rich text as the text a reader sees: for meta descriptions (then escaped as usual)."""
    return text.plain_text(rich)


@register.filter
def file_size(size) -> str:
    """« 245 Ko », « 1,4 Mo »: sizes as French readers expect them."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size} o"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} Ko"
    return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")


# JSON inside <script>: these would let the text close the element or open a comment.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, item):
    """A <script type="application/ld+json"> describing ``item`` for search engines."""
    request = context["request"]
    data = structured_data.describe(item, lambda location: absolute_url_for(request, location))
    if data is None:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        # Safe: the characters that could end the element are escaped just above.
        mark_safe(payload.translate(_JSON_SCRIPT_ESCAPES)),
    )


# Plain links to each network's own share page: no script, no request to the network until
# the visitor follows the link.
SHARE_TARGETS = (
    ("Facebook", "https://www.facebook.com/sharer/sharer.php?{}", lambda url, title: {"u": url}),
    ("X", "https://x.com/intent/post?{}", lambda url, title: {"url": url, "text": title}),
    (
        "LinkedIn",
        "https://www.linkedin.com/sharing/share-offsite/?{}",
        lambda url, title: {"url": url},
    ),
)


@register.inclusion_tag("includes/share.html", takes_context=True)
def share_links(context, item) -> dict:
    """Links to share ``item`` on social networks and by e-mail, with accessible names."""
    url = absolute_url_for(context["request"], item.get_absolute_url())
    # The visible text is the network's name; the accessible name is the whole phrase,
    # e.g. « Partager sur Facebook (nouvelle fenêtre) ».
    links = [
        {
            "href": pattern.format(urlencode(params(url, item.title))),
            "before": "Partager sur ",
            "name": network,
            "new_window": True,
        }
        for network, pattern, params in SHARE_TARGETS
    ]
    mail = f"mailto:?subject={quote(item.title)}&body={quote(url)}"
    links.append({"href": mail, "before": "Partager par ", "name": "e-mail", "new_window": False})
    return {"links": links}


@register.inclusion_tag("includes/responsive_img.html")
def responsive_img(sources, *, display: int, sizes: str, alt: str, lazy: bool = True):
    """An ``<img>`` with its renditions in ``srcset``; ``lazy`` for images below the fold."""
    return {"image": sources.at(display), "sizes": sizes, "alt": alt, "lazy": lazy}


@register.inclusion_tag("includes/og_image.html", takes_context=True)
def og_image(context, sources=None, alt=""):
    """Open Graph's image of the page: ``sources`` (an item's ImageSources) at about
    1200 px wide, else the network's image (cuf.public.sharing)."""
    image = sharing.share_image(sources, alt)
    return {"image": image, "url": absolute_url_for(context["request"], image.path)}


@register.inclusion_tag("includes/attachments.html")
def attachments(item) -> dict:
    """An item's images as a gallery and its other files to download
    (``item.attachments`` prefetched by its page)."""
    gallery, documents = split_attachments(item)
    return {"gallery": gallery, "documents": documents}


@register.filter
def attachment_rendition(attachment, width) -> str:
    return attachment.rendition_url(int(width))


@register.filter
def attachment_srcset(attachment) -> str:
    return ", ".join(f"{attachment.rendition_url(width)} {width}w" for width in WIDTHS)
