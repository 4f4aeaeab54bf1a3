"""Typo suggestions ("Vouliez-vous dire … ?") on both databases: what a visitor who
mistypes a word sees, and the words a suggestion must never give away."""

import pytest

from search.indexing import rebuild_index
from search.models import SearchEntry, SearchWord
from search.suggestions import closest_words, distance, keys
from tests.factories import CommuniqueFactory, EventFactory, ThemeFactory
from tests.helpers import days_from_now, main_text
from tests.search.conftest import result_titles

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "meant", "title"),
    [
        ("cooperatoin", "coopération", "La coopération décentralisée"),
        ("assainissment", "assainissement", "L’assainissement à Dakar"),
        ("assainisement", "assainissement", "L’assainissement à Dakar"),
        ("cooperetion", "coopération", "La coopération décentralisée"),
    ],
)
def test_a_typo_offers_the_word_meant_and_its_results(committed, search_page, typed, meant, title):
    with committed():
        CommuniqueFactory(title="La coopération décentralisée")
        CommuniqueFactory(title="L’assainissement à Dakar")
        CommuniqueFactory(title="Un autre sujet")
    response = search_page(typed)
    text = main_text(response)
    assert f"Aucun résultat pour « {typed} »." in text
    assert "Vouliez-vous dire" in text
    assert f">{meant}</a> » ?" in text
    assert result_titles(response) == [title]


def test_each_word_of_a_query_is_corrected_and_a_right_word_kept(committed, search_page):
    with committed():
        CommuniqueFactory(title="L’assainissement à Dakar")
        CommuniqueFactory(title="L’assainissement à Lomé")
    response = search_page("assainissment dakar")
    assert result_titles(response) == ["L’assainissement à Dakar"]
    assert ">assainissement dakar</a> » ?" in main_text(response)


def test_a_word_only_a_draft_holds_is_never_offered(committed, search_page):
    with committed():
        CommuniqueFactory(title="Projet confidentiel d’assainissement", draft=True)
        CommuniqueFactory(title="Un autre sujet")
    response = search_page("assainissment")
    assert "Vouliez-vous dire" not in main_text(response)
    assert "assainissement" not in main_text(response)
    assert closest_words(["assainissment"]) == []


def test_a_word_is_no_longer_offered_once_its_item_is_unpublished(committed, search_page):
    with committed():
        item = CommuniqueFactory(title="L’assainissement à Dakar")
    assert closest_words(["assainissment"]) == ["assainissement"]
    with committed():
        item.status = "draft"
        item.save()
    # The word stays a candidate until a rebuild; the item holding it is no longer public.
    assert SearchWord.objects.filter(word="assainissement").exists()
    assert closest_words(["assainissment"]) == []
    assert "Vouliez-vous dire" not in main_text(search_page("assainissment"))


def test_a_word_is_no_longer_offered_once_its_publication_has_ended(committed):
    with committed():
        CommuniqueFactory(title="L’assainissement à Dakar", expires_at=days_from_now(1))
    assert closest_words(["assainissment"]) == ["assainissement"]
    # Time passes: no write tells the index, the rule applied when suggesting does.
    SearchEntry.objects.update(expires_at=days_from_now(-1))
    assert closest_words(["assainissment"]) == []


def test_a_scheduled_items_words_are_offered_from_its_time_without_a_rebuild(committed):
    with committed():
        CommuniqueFactory(title="L’assainissement à Dakar", published_at=days_from_now(1))
    assert closest_words(["assainissment"]) == []
    SearchEntry.objects.update(published_at=days_from_now(-1))  # its time has come
    assert closest_words(["assainissment"]) == ["assainissement"]


def test_a_closer_word_no_longer_public_does_not_hide_a_public_one(committed):
    with committed():
        first = CommuniqueFactory(title="Les partenaires")
        second = CommuniqueFactory(title="Nos partenaires")
        EventFactory(title="Un partenaire du réseau")
    rebuild_index()  # "partenaires" is now the most used candidate
    with committed():
        for item in (first, second):
            item.status = "draft"
            item.save()
    assert closest_words(["partenairs"]) == ["partenaire"]


def test_theme_names_are_offered(committed, search_page):
    with committed():
        ThemeFactory(name="Jeunesse")
    response = search_page("jeunese")
    assert ">jeunesse</a> » ?" in main_text(response)


def test_a_word_unlike_any_known_word_gets_no_suggestion(committed, search_page):
    with committed():
        CommuniqueFactory(title="La coopération décentralisée")
    assert closest_words(["xqzwv"]) == []
    text = main_text(search_page("xqzwv"))
    assert "Aucun résultat pour « xqzwv »." in text
    assert "Vouliez-vous dire" not in text


def test_the_suggestion_survives_a_rebuild(committed):
    with committed():
        CommuniqueFactory(title="La coopération décentralisée")
    rebuild_index()
    assert closest_words(["cooperatoin"]) == ["coopération"]


def test_a_typo_search_runs_a_fixed_number_of_queries(
    committed, search_page, django_assert_max_num_queries
):
    with committed():
        for n in range(5):
            CommuniqueFactory(title=f"La coopération décentralisée {n}")
    search_page("cooperatoin")  # fills the caches every search reads
    with django_assert_max_num_queries(12):
        search_page("assainissment cooperatoin dakar")


def test_keys_and_distance():
    assert keys("abc") == {"abc", "bc", "ac", "ab"}
    assert distance("cooperatoin", "cooperation") == 1  # two neighbours swapped
    assert distance("assainissment", "assainissement") == 1
    assert distance("kitten", "sitting") == 3
