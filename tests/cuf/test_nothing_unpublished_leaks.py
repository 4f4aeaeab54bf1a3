"""Drafts, scheduled and expired items appear nowhere a visitor can look."""

import pytest

from cuf.models import Status
from tests.factories import (
    CommuniqueFactory,
    EventFactory,
    NewsItemFactory,
    ResourceFactory,
    ThemeFactory,
)
from tests.helpers import days_from_now

pytestmark = pytest.mark.django_db

FACTORIES = [CommuniqueFactory, EventFactory, NewsItemFactory, ResourceFactory]
HIDDEN_STATES = {
    "Brouillon": {"status": Status.DRAFT},
    "Programme": {"published_at": days_from_now(1)},
    "Expire": {"published_at": days_from_now(-10), "expires_at": days_from_now(-1)},
}


def public_urls(theme) -> list[str]:
    sections = ["/communiques/", "/agenda/", "/actualites/", "/ressources/"]
    return [
        "/",
        "/agenda/?periode=passes",
        "/ressources/texte/",
        "/ressources/video/",
        "/themes/",
        theme.get_absolute_url(),
        "/plan-du-site/",
        "/rss/",
        "/atom/",
        f"/themes/{theme.slug}/rss/",
        f"/themes/{theme.slug}/atom/",
        "/agenda.ics",
        f"/themes/{theme.slug}/agenda.ics",
        "/sitemap.xml",
        *sections,
        *[f"{section}?theme={theme.slug}" for section in sections],
        *[f"{section}rss/" for section in sections],
        *[f"{section}atom/" for section in sections],
    ]


def test_unpublished_items_of_every_type_appear_on_no_public_page(client):
    theme = ThemeFactory(name="Thème partagé")
    hidden = []
    for factory in FACTORIES:
        # One public item per type, so that every list, feed and theme page has content.
        factory(themes=[theme], title=f"Visible {factory.__name__}")
        for label, fields in HIDDEN_STATES.items():
            title = f"Secret {label} {factory.__name__}"
            item = factory(themes=[theme], title=title, **fields)
            hidden.append((title, item.slug))
    # Past events too, for the archive of the agenda.
    past = {"starts_at": days_from_now(-20), "ends_at": None}
    EventFactory(themes=[theme], title="Visible passé", **past)
    for label, fields in HIDDEN_STATES.items():
        item = EventFactory(themes=[theme], title=f"Secret passé {label}", **past, **fields)
        hidden.append((item.title, item.slug))
    for url in public_urls(theme):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for title, slug in hidden:
            assert title not in body, f"{title} shows on {url}"
            assert f"/{slug}/" not in body, f"a link to {slug} shows on {url}"
        if url not in ("/sitemap.xml", "/ressources/texte/", "/themes/", "/plan-du-site/"):
            assert "Visible" in body, url
