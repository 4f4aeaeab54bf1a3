"""Items as the API gives them: plain dicts matching api.schemas, every address absolute
(from SITE_URL, never the request's Host), with the access rule applied (api.access)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from api.access import Access, access_for
from cuf import content_types
from cuf.operations.site_url import absolute_url
from cuf.text.plain import first_words, plain_text

SUMMARY_WORDS = 40


def local(moment: datetime.datetime | None) -> datetime.datetime | None:
    """In the site's time zone: an event at 10 h in Paris reads 10:00+01:00."""
    return timezone.localtime(moment) if moment is not None else None


def _value(value):
    return local(value) if isinstance(value, datetime.datetime) else value


def item_id(key: str, pk: int) -> str:
    return f"{key}:{pk}"


def api_detail_url(key: str, pk: int) -> str:
    return absolute_url(reverse(f"api:{key}_detail", kwargs={"pk": pk}))


def theme(theme) -> dict:
    return {
        "slug": theme.slug,
        "name": theme.name,
        "kind": theme.kind,
        "url": absolute_url(theme.get_absolute_url()),
    }


def _file(found: content_types.ApiFile) -> dict:
    return {
        "title": found.title,
        "url": absolute_url(found.path),
        "format": found.format,
        "media_type": found.media_type,
        "size": found.size,
    }


def _image(found: content_types.ApiImage) -> dict:
    return {
        "url": absolute_url(found.path),
        "alt": found.alt,
        "credit": found.credit,
        "width": found.width,
        "height": found.height,
        "renditions": [
            {"width": width, "url": absolute_url(path)} for width, path in found.renditions
        ],
    }


def items(pairs, *, request) -> list[dict]:
    """(item, its type's config) pairs as a page lists them: the themes they share are
    written out once (their addresses took a tenth of a list's time)."""
    themes: dict[str, dict] = {}
    return [item(found, config, request=request, themes=themes) for found, config in pairs]


def _themes(found, memo: dict[str, dict]) -> list[dict]:
    written = []
    for each in found.api_themes:
        if each.slug not in memo:
            memo[each.slug] = theme(each)
        written.append(memo[each.slug])
    return written


def item(found, config: content_types.ContentTypeConfig, *, request, themes=None) -> dict:
    """``found`` comes from api.selectors (its themes as ``api_themes``, the type's
    relations prefetched, its last change annotated as ``api_changed``); ``themes``, the
    themes already written out for the same page, by slug."""
    declared = config.api
    body = getattr(found, declared.body, "") if declared.body else ""
    text = plain_text(body)
    summary = declared.summary(found) if declared.summary else first_words(text, SUMMARY_WORDS)
    changed = getattr(found, "api_changed", None)
    updated = max(found.updated, changed) if changed else found.updated
    data = {
        "id": item_id(config.key, found.pk),
        "type": config.key,
        "type_label": config.label,
        "pk": found.pk,
        "title": found.title,
        "surtitre": found.surtitre,
        "slug": found.slug,
        "url": absolute_url(found.get_absolute_url()),
        "api_url": api_detail_url(config.key, found.pk),
        "date": local(getattr(found, config.shown_date)),
        "published_at": local(found.published_at),
        "updated_at": local(updated),
        "expires_at": local(found.expires_at),
        "summary": summary,
        "themes": _themes(found, {} if themes is None else themes),
    }
    access = access_for(found, request)
    data["access"] = str(access)
    if access is Access.TEASER:
        # The teaser's summary is the item's own, never the body's first words.
        return data | {
            "summary": declared.summary(found) if declared.summary else "",
            "body_html": None,
            "body_text": None,
            "files": None,
            "images": None,
            "fields": None,
        }
    return data | {
        "body_html": body if declared.body else None,
        "body_text": text if declared.body else None,
        "files": [_file(each) for each in declared.files(found)] if declared.files else [],
        "images": [_image(each) for each in declared.images(found)] if declared.images else [],
        "fields": {name: _value(getattr(found, name)) for name in declared.fields},
    }
