"""A list narrowed to one theme (?theme=) links back to the whole list, in correct French."""

import pytest

from tests.factories import (
    CommuniqueFactory,
    EventFactory,
    NewsItemFactory,
    ResourceFactory,
    ThemeFactory,
)
from tests.helpers import days_from_now, main_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "factory", "link"),
    [
        (
            "/communiques/",
            CommuniqueFactory,
            '<a href="/communiques/">Voir tous les communiqués</a>',
        ),
        ("/agenda/", EventFactory, '<a href="/agenda/">Voir tous les événements</a>'),
        ("/actualites/", NewsItemFactory, '<a href="/actualites/">Voir toutes les actualités</a>'),
        ("/ressources/", ResourceFactory, '<a href="/ressources/">Voir toutes les ressources</a>'),
        (
            "/ressources/video/",
            ResourceFactory,
            '<a href="/ressources/video/">Voir toutes les ressources de ce type</a>',
        ),
    ],
)
def test_a_list_on_one_theme_links_to_the_whole_list_with_the_right_gender(
    client, url, factory, link
):
    theme = ThemeFactory(slug="sahel")
    factory(themes=[theme])
    assert link in main_text(client.get(url, {"theme": "sahel"}))


def test_past_events_on_one_theme_link_to_all_past_events_not_to_upcoming_ones(client):
    theme = ThemeFactory(slug="sahel")
    EventFactory(themes=[theme], starts_at=days_from_now(-20), ends_at=None)
    page = main_text(client.get("/agenda/", {"periode": "passes", "theme": "sahel"}))
    assert '<a href="/agenda/?periode=passes">Voir tous les événements passés</a>' in page
