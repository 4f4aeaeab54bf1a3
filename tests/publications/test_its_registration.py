"""What the test-only type gets from its registration alone (tests/publications/content.py):
its theme subscription on every theme page, and its query parameter in the page cache."""

import pytest
from django.core.cache import caches
from django.test import Client

from tests.factories import EventFactory, PublicationFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "p"},
    }
    yield
    caches["pages"].clear()


def test_a_theme_page_offers_the_subscriptions_every_type_declares(client):
    theme = ThemeFactory(name="Climat")
    PublicationFactory(title="Étude climat", themes=[theme])
    PublicationFactory(title="Brouillon climat", status="draft", themes=[theme])
    page = client.get(theme.get_absolute_url()).text
    assert f'href="/themes/{theme.slug}/publications.txt">titres des publications (texte)' in page
    # A calendar is offered to subscribe to (cuf.public.calendars), its file among the ways.
    assert f"webcal://portail.example.org/themes/{theme.slug}/agenda.ics" in page
    assert f'href="/themes/{theme.slug}/agenda.ics" download>' in page
    titles = client.get(f"/themes/{theme.slug}/publications.txt")
    assert titles.text == "Étude climat\n"


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("/publications/?ordre=anciennes", True),
        ("/publications/?ordre=zz", False),
        ("/agenda/?periode=passes", True),
        ("/agenda/?periode=zz", False),
        ("/recherche/?type=agenda", True),
        ("/recherche/?type=zz", False),
        ("/recherche/?annee=2024", True),
        ("/recherche/?annee=zz", False),
        ("/communiques/?page=1", True),
        ("/communiques/?page=zz", False),
        ("/communiques/?theme=climat", True),
        ("/communiques/?theme=pas%20un%20slug", False),
        # Read elsewhere, not by these views: their pages do not change with them.
        ("/rss/?theme=climat", False),
        ("/communiques/rss/?page=2", False),
        ("/publications/rss/?ordre=anciennes", False),
        # Free text: search words are never kept, whatever they are.
        ("/recherche/?q=climat", False),
        ("/?q=climat", False),
    ],
)
def test_the_page_cache_keeps_only_declared_parameters_with_valid_values(page_cache, url, kept):
    ThemeFactory(name="Climat", slug="climat")
    EventFactory()
    first = Client().get(url)
    second = Client().get(url)
    if first.status_code != 200:
        assert second.get("X-Cache") != "hit"
        return
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == ("hit" if kept else "miss")
