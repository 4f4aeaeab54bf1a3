"""Words found in more items than facets count exactly: what the visitor still gets."""

import datetime
import zoneinfo

import pytest

from search import selectors
from tests.factories import CommuniqueFactory, EventFactory
from tests.helpers import main_text
from tests.search.conftest import result_titles

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
LIMIT = 5


@pytest.fixture(autouse=True)
def _small_limit(monkeypatch):
    monkeypatch.setattr(selectors, "FACET_EXACT_LIMIT", LIMIT)


@pytest.fixture
def common_word(committed):
    """Nine communiqués and two events with "partenariat", the oldest events in 2011."""
    with committed():
        for n in range(9):
            CommuniqueFactory(title=f"Partenariat numéro {n}")
        for n in range(2):
            day = datetime.datetime(2011, 3, 1 + n, 10, tzinfo=PARIS)
            EventFactory(
                title=f"Rencontre partenariat {n}", published_at=day, starts_at=day, ends_at=None
            )


def test_a_very_common_word_says_plus_de_and_shows_facets_without_counts(common_word, search_page):
    response = search_page("partenariat")
    text = main_text(response)
    assert f"Plus de {LIMIT} résultats pour « partenariat »" in text
    assert len(result_titles(response)) == LIMIT
    assert "Choix trouvés parmi les premiers résultats" in response.text
    assert "(9" not in response.text and "(2" not in response.text


def test_a_filter_that_leaves_few_results_counts_them_exactly(common_word, search_page):
    response = search_page("partenariat", type="agenda")
    assert "2 résultats pour « partenariat », filtrés." in main_text(response)
    assert sorted(result_titles(response)) == ["Rencontre partenariat 0", "Rencontre partenariat 1"]


def test_a_year_beyond_the_first_matches_still_finds_its_items(common_word, search_page):
    response = search_page("partenariat", annee="2011")
    assert sorted(result_titles(response)) == ["Rencontre partenariat 0", "Rencontre partenariat 1"]
    assert 'aria-current="true"' in response.text  # the chosen year can be removed


def test_below_the_limit_counts_stay_exact(committed, search_page):
    with committed():
        for n in range(3):
            CommuniqueFactory(title=f"Jumelage {n}")
    response = search_page("jumelage")
    assert "3 résultats pour « jumelage »." in main_text(response)
    assert "(3" in response.text
    assert "Choix trouvés parmi les premiers résultats" not in response.text


def test_query_count_stays_bounded_above_the_limit(
    common_word, search_page, django_assert_max_num_queries
):
    with django_assert_max_num_queries(9):
        search_page("partenariat")
