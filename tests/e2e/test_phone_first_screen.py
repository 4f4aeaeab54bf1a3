"""What a visitor on a phone sees first, in Chromium at 360 × 740: the next event on the
home page's first screen, the search filters folded before the results; on a wide screen
both stay in the sidebar, each shown once."""

import pytest

from search.indexing import rebuild_index
from tests.factories import CommuniqueFactory, EventFactory, ThemeFactory
from tests.helpers import days_from_now

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_next_event_is_in_the_first_screen_of_a_phone(live_server, new_page):
    for n in range(5):
        CommuniqueFactory(title=f"Communiqué numéro {n} sur la coopération décentralisée")
    EventFactory(title="Assises de la coopération franco-japonaise", starts_at=days_from_now(9))
    page = new_page(width=360, height=740)
    page.goto(live_server.url + "/")
    link = page.get_by_role("link", name="Assises de la coopération franco-japonaise")
    assert link.count() == 1  # the sidebar's copy is not shown on a phone
    box = link.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 740
    assert page.get_by_role("heading", name="Prochains événements").is_visible()

    wide = new_page(width=1280, height=900)
    wide.goto(live_server.url + "/")
    assert wide.get_by_role("link", name="Assises de la coopération franco-japonaise").count() == 1
    assert not wide.get_by_role("heading", name="Prochains événements").is_visible()
    assert wide.get_by_role("heading", name="Agenda").is_visible()


def test_search_filters_come_folded_before_the_results_on_a_phone(live_server, new_page):
    theme = ThemeFactory(name="Jeunesse")
    for n in range(4):
        CommuniqueFactory(title=f"Jumelage numéro {n}", themes=[theme])
    rebuild_index()
    page = new_page(width=360, height=740)
    page.goto(live_server.url + "/recherche/?q=jumelage")
    summary = page.locator("summary", has_text="Affiner la recherche")
    first_result = page.locator(".search-result").first
    assert summary.is_visible()
    assert summary.bounding_box()["y"] < first_result.bounding_box()["y"]
    filter_link = page.get_by_role("link", name="Jeunesse")
    assert not filter_link.first.is_visible()  # folded
    summary.click()
    page.get_by_role("link", name="Jeunesse").first.click()
    page.wait_for_url("**theme=*")
    assert page.locator("details.facets-disclosure").get_attribute("open") is not None

    wide = new_page(width=1280, height=900)
    wide.goto(live_server.url + "/recherche/?q=jumelage")
    assert not wide.locator("summary", has_text="Affiner la recherche").is_visible()
    assert wide.get_by_role("heading", name="Affiner la recherche").is_visible()
