"""A list narrowed to one theme (?theme=) links back to the whole list, in correct French."""

import pytest

from cuf import content_types
from tests.factories import EventFactory, ThemeFactory, factory_for
from tests.helpers import days_from_now, main_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "key", "link"),
    [
        ("/communiques/", "communiques", '<a href="/communiques/">Voir tous les communiqués</a>'),
        ("/agenda/", "agenda", '<a href="/agenda/">Voir tous les événements</a>'),
        ("/actualites/", "actualites", '<a href="/actualites/">Voir toutes les actualités</a>'),
        ("/ressources/", "ressources", '<a href="/ressources/">Voir toutes les ressources</a>'),
        (
            "/ressources/video/",
            "ressources",
            '<a href="/ressources/video/">Voir toutes les ressources de ce type</a>',
        ),
        (
            "/publications/",
            "publications",
            '<a href="/publications/">Voir toutes les publications</a>',
        ),
    ],
)
def test_a_list_on_one_theme_links_to_the_whole_list_with_the_right_gender(client, url, key, link):
    theme = ThemeFactory(slug="sahel")
    factory_for(content_types.for_key(key))(themes=[theme])
    assert link in main_text(client.get(url, {"theme": "sahel"}))


def test_past_events_on_one_theme_link_to_all_past_events_not_to_upcoming_ones(client):
    theme = ThemeFactory(slug="sahel")
    EventFactory(themes=[theme], starts_at=days_from_now(-20), ends_at=None)
    page = main_text(client.get("/agenda/", {"periode": "passes", "theme": "sahel"}))
    assert '<a href="/agenda/?periode=passes">Voir tous les événements passés</a>' in page
