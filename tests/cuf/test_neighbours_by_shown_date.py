""" "Sur ces thèmes" orders an item's neighbours by the date each shows (an event's start,
anything else's publication), previous being earlier; the sidebar beside an item never
offers the item being read."""

import re

import pytest

from tests.factories import CommuniqueFactory, EventFactory, NewsItemFactory, ThemeFactory
from tests.helpers import days_from_now, related_block

pytestmark = pytest.mark.django_db


def neighbours(response) -> dict[str, str]:
    block = related_block(response)
    return dict(
        re.findall(
            r'<span class="related-dir">(\w+) :</span>.*?<a href="[^"]*">([^<]+)</a>', block, re.S
        )
    )


def test_an_event_to_come_is_next_to_a_communique_not_before_it(client):
    theme = ThemeFactory(name="Japon")
    # Published long ago, it shows its start: in two months.
    EventFactory(
        title="Rencontres de janvier",
        themes=[theme],
        published_at=days_from_now(-60),
        starts_at=days_from_now(60),
    )
    CommuniqueFactory(title="Communiqué d’octobre", themes=[theme], published_at=days_from_now(-30))
    communique = CommuniqueFactory(
        title="Communiqué de décembre", themes=[theme], published_at=days_from_now(-1)
    )
    found = neighbours(client.get(communique.get_absolute_url()))
    assert found == {"Précédent": "Communiqué d’octobre", "Suivant": "Rencontres de janvier"}


def test_an_events_neighbours_follow_its_start(client):
    theme = ThemeFactory(name="Sahel")
    event = EventFactory(
        title="Atelier Sahel",
        themes=[theme],
        published_at=days_from_now(-90),
        starts_at=days_from_now(10),
    )
    CommuniqueFactory(title="Communiqué récent", themes=[theme], published_at=days_from_now(-2))
    NewsItemFactory(title="Actualité ancienne", themes=[theme], published_at=days_from_now(-100))
    found = neighbours(client.get(event.get_absolute_url()))
    assert found == {"Précédent": "Communiqué récent"}


def beside(response) -> str:
    """The sidebar beside the item, alone."""
    start = response.text.index('<aside class="sidebar sidebar--beside"')
    return response.text[start : response.text.index("</aside>", start)]


def test_the_sidebar_beside_an_event_leaves_the_event_out(client, django_assert_max_num_queries):
    event = EventFactory(title="Forum en cours de lecture", starts_at=days_from_now(1))
    for n in range(3):
        EventFactory(title=f"Autre forum {n}", starts_at=days_from_now(2 + n))
    response = client.get(event.get_absolute_url())
    sidebar = beside(response)
    assert "Forum en cours de lecture" not in sidebar
    assert all(f"Autre forum {n}" in sidebar for n in range(3))  # still three events


def test_the_sidebar_beside_a_news_item_leaves_it_out(client):
    item = NewsItemFactory(title="Actualité lue")
    NewsItemFactory(title="Actualité voisine", published_at=days_from_now(-3))
    response = client.get(item.get_absolute_url())
    sidebar = beside(response)
    assert "Actualité lue" not in sidebar and "Actualité voisine" in sidebar
