"""Drafts, scheduled and expired items of every registered type appear nowhere a visitor
can look."""

import pytest

from cuf import content_types
from tests.factories import EventFactory, ThemeFactory, factory_for
from tests.helpers import days_from_now

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ("draft", "scheduled", "expired")


def public_urls(theme) -> list[str]:
    sections = [config.list_url for config in content_types.all_types()]
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
    for config in content_types.all_types():
        factory = factory_for(config)
        # One public item per type, so that every list, feed and theme page has content.
        factory(themes=[theme], title=f"Visible {config.key}")
        for state in HIDDEN_STATES:
            title = f"Secret {state} {config.key}"
            item = factory(themes=[theme], title=title, **{state: True})
            hidden.append((title, item.slug))
    # Past events too, for the archive of the agenda.
    past = {"starts_at": days_from_now(-20), "ends_at": None}
    EventFactory(themes=[theme], title="Visible passé", **past)
    for state in HIDDEN_STATES:
        item = EventFactory(themes=[theme], title=f"Secret passé {state}", **past, **{state: True})
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
