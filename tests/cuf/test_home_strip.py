"""The home page's "Prochains événements" strip: the agenda's sidebar block, short, put
first in the main column (what a phone shows first; CSS shows one of the two)."""

import re

import pytest

from tests.factories import CommuniqueFactory, EventFactory
from tests.helpers import days_from_now, main_text

pytestmark = pytest.mark.django_db


def test_the_next_events_come_before_the_communiques_in_the_main_column(
    client, django_assert_max_num_queries
):
    CommuniqueFactory(title="Communiqué récent")
    EventFactory(title="Forum prochain", starts_at=days_from_now(2))
    EventFactory(title="Forum suivant", starts_at=days_from_now(5))
    EventFactory(title="Forum en brouillon", starts_at=days_from_now(1), draft=True)
    EventFactory(title="Forum passé", starts_at=days_from_now(-5), ends_at=None)
    with django_assert_max_num_queries(8):
        response = client.get("/")
    text = main_text(response)
    strip = re.search(r'<div class="home-strip">(.*?)</div>', text, re.S).group(1)
    assert "Prochains événements" in strip
    assert strip.index("Forum prochain") < strip.index("Forum suivant")
    assert "Forum en brouillon" not in strip and "Forum passé" not in strip
    assert text.index("Prochains événements") < text.index("Communiqué récent")
    # The sidebar keeps the full block, marked for wide screens only.
    assert re.search(r'<div class="home-aside-stripped">\s*<section', response.text)


def test_with_no_event_to_come_the_strip_says_so(client):
    assert "Aucun événement à venir." in main_text(client.get("/"))
