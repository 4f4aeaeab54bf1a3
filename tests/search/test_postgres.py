"""French full-text search on PostgreSQL, with real content: each behaviour a visitor
relies on."""

import pytest
from django.db import connection
from django.db.models import F

from search.models import SearchEntry, SearchWord
from tests.factories import (
    AttachmentFactory,
    CommuniqueFactory,
    EventFactory,
    NewsItemFactory,
    ThemeFactory,
)
from tests.files import pdf_upload
from tests.helpers import days_from_now, main_text
from tests.search.conftest import on_postgresql, result_titles

pytestmark = [pytest.mark.django_db, on_postgresql]


def test_the_migrations_create_the_extensions_configuration_and_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        extensions = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT to_tsvector('cuf_french', 'Coopérations décentralisées')")
        vector = cursor.fetchone()[0]
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename LIKE 'search_%'")
        indexes = {row[0] for row in cursor.fetchall()}
    assert {"unaccent", "pg_trgm"} <= extensions
    assert vector == "'cooper':1 'decentralise':2"
    assert {"search_entry_vector", "search_word_folded_trgm"} <= indexes


def test_french_stemming_finds_other_forms_of_a_word(committed, search_page):
    with committed():
        CommuniqueFactory(title="Un webinaire pour les collectivités")
        CommuniqueFactory(title="Les élus se sont mobilisés")
    assert result_titles(search_page("webinaires")) == ["Un webinaire pour les collectivités"]
    assert result_titles(search_page("collectivité")) == ["Un webinaire pour les collectivités"]
    assert result_titles(search_page("mobiliser")) == ["Les élus se sont mobilisés"]


def test_accents_and_case_are_ignored_both_ways(committed, search_page):
    with committed():
        CommuniqueFactory(title="La coopération avec Haïti")
        NewsItemFactory(title="ECOLE ET SANTE")
    assert result_titles(search_page("cooperation haiti")) == ["La coopération avec Haïti"]
    assert result_titles(search_page("COOPÉRATION")) == ["La coopération avec Haïti"]
    assert result_titles(search_page("école santé")) == ["ECOLE ET SANTE"]


def test_title_ranks_above_surtitre_above_summary_above_body(committed, search_page):
    # The newest carry the word in the least weighty places: rank, not date, decides.
    with committed():
        NewsItemFactory(title="Forage au village", published_at=days_from_now(-40))
        NewsItemFactory(title="Un", surtitre="Forage", published_at=days_from_now(-30))
        NewsItemFactory(title="Deux", summary="Un forage.", published_at=days_from_now(-20))
        NewsItemFactory(title="Trois", body="<p>Un forage.</p>", published_at=days_from_now(-10))
    assert result_titles(search_page("forage")) == ["Forage au village", "Un", "Deux", "Trois"]


def test_equal_relevance_shows_the_newest_first(committed, search_page):
    with committed():
        NewsItemFactory(title="Forage ancien", published_at=days_from_now(-30))
        NewsItemFactory(title="Forage récent", published_at=days_from_now(-1))
    assert result_titles(search_page("forage")) == ["Forage récent", "Forage ancien"]


def test_quoted_phrases_match_the_words_in_that_order(committed, search_page):
    with committed():
        CommuniqueFactory(title="La coopération décentralisée")
        CommuniqueFactory(title="Décentralisée, la coopération ?")
    assert result_titles(search_page('"coopération décentralisée"')) == [
        "La coopération décentralisée"
    ]
    assert len(result_titles(search_page("coopération décentralisée"))) == 2


# Phrases whose words are parsed in different ways: a stop word inside, an apostrophe, a
# hyphenated compound, an e-mail address, an unclosed quote, and phrases beside words,
# exclusions and alternatives.
PHRASES = [
    '"coopération décentralisée"',
    '"formation des élus"',
    '"l’eau potable"',
    '"l\'eau potable"',
    '"Port-au-Prince"',
    '"écrire à contact@example.org pour"',
    '"eau potable',
    '"eau potable" Sénégal',
    'Sénégal -"eau potable"',
    '"eau potable" or "élus locaux"',
    '"eau potable" "élus locaux"',
    '"Potable eau"',
    '""',
    'Sénégal - "formation des élus locaux"',
    '"formation des élus locaux" or, Sénégal',
    '"eau potable" -"eau potable en bouteille"',
    '"eau potable" "eau potable en bouteille"',
    '"eau potable" OR"élus"',
    '"la coopération décentralisée au"',
]
PHRASE_TEXTS = [
    "Stage au Sénégal",
    "Formation des élus locaux au Sénégal",
    "Eau potable en bouteille",
    "Eau potable du robinet",
    "La coopération décentralisée au Sénégal",
    "Décentralisée, la coopération ?",
    "La formation des élus locaux",
    "Formation pour élus",
    "Formation locale élus",
    "L’eau potable à Port-au-Prince",
    "L'eau potable au Sénégal, écrire à contact@example.org pour s'inscrire",
    "Eau et potable, Port au Prince",
    "Les élus locaux et l’eau",
]


@pytest.mark.parametrize("query", PHRASES)
def test_phrase_pairs_narrow_the_search_without_losing_any_result(committed, query):
    from search.backends import PostgresBackend
    from search.text import Query

    with committed():
        for title in PHRASE_TEXTS:
            NewsItemFactory(title=title, body=f"<p>{title}</p>")
    backend = PostgresBackend(Query.from_input(query))
    public = SearchEntry.objects.public()
    narrowed = set(backend.matching(public).values_list("title", flat=True))
    as_typed = set(public.filter(vector=backend.tsquery).values_list("title", flat=True))
    assert narrowed == as_typed


@pytest.mark.parametrize(
    "query", ['"coopération décentralisée"', '"la coopération décentralisée au"']
)
def test_a_phrase_is_looked_up_in_the_index_not_checked_row_by_row(committed, query):
    # Twelve entries hold the words apart, one side by side: as typed, the index finds
    # all thirteen and each is checked for the phrase; with the word pairs, it finds one.
    import json

    from search.backends import Matches, PostgresBackend
    from search.text import Query

    with committed():
        for n in range(12):
            NewsItemFactory(title=f"Décentralisée, la coopération au Sénégal {n}")
        NewsItemFactory(title="La coopération décentralisée au Sénégal")
    backend = PostgresBackend(Query.from_input(query))
    entries = SearchEntry.objects.order_by()
    plans = {}
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        for name, tsquery in (("as typed", backend.tsquery), ("narrowed", backend.match_query)):
            found = entries.filter(Matches(F("vector"), tsquery))
            plans[name] = json.loads(found.explain(format="json", analyze=True))[0]["Plan"]
        cursor.execute("RESET enable_seqscan")
    assert plans["as typed"]["Actual Rows"] == plans["narrowed"]["Actual Rows"] == 1
    assert plans["as typed"]["Rows Removed by Index Recheck"] == 12
    assert plans["narrowed"].get("Rows Removed by Index Recheck", 0) == 0


def test_an_entry_too_large_for_its_word_pairs_is_indexed_and_its_phrases_found(
    committed, search_page
):
    # 62 000 different numbers (a budget annex) fill most of the 1 MB a vector may hold,
    # leaving no room for the pairs; two words of 1 100 letters make a pair longer than a
    # word may be. Both entries are marked as lacking pairs, and phrases are checked in them
    # word by word.
    numbers = " ".join(str(100_000_000 + n * 7) for n in range(62_000))
    long_words = f"{'a' * 1100} {'b' * 1100} jumelage solidaire"
    with committed():
        NewsItemFactory(title="Annexe budgétaire", body=f"<p>{numbers}</p>")
        NewsItemFactory(title="Mots très longs", body=f"<p>{long_words}</p>")
    vectors = dict(SearchEntry.objects.values_list("title", "vector"))
    assert "'no  pairs'" in vectors["Annexe budgétaire"]
    assert "'no  pairs'" in vectors["Mots très longs"]
    assert result_titles(search_page('"100000007 100000014"')) == ["Annexe budgétaire"]
    assert result_titles(search_page('"jumelage solidaire"')) == ["Mots très longs"]


def test_a_quoted_ou_is_a_word_of_the_phrase(committed, search_page):
    # Not "or": a stop word of the phrase, which holds the place of any one word, as in
    # every phrase with a stop word ("formation des élus").
    with committed():
        CommuniqueFactory(title="Sel ou poivre")
        CommuniqueFactory(title="Sel et poivre")
        CommuniqueFactory(title="Sel, poivre")
    response = search_page('"sel ou poivre"')
    assert sorted(result_titles(response)) == ["Sel et poivre", "Sel ou poivre"]
    assert "Aucun résultat" not in main_text(response)


def test_minus_excludes_and_or_widens(committed, search_page):
    with committed():
        CommuniqueFactory(title="Jumelage avec le Japon")
        CommuniqueFactory(title="Jumelage avec Haïti")
        CommuniqueFactory(title="Mission au Sahel")
    assert result_titles(search_page("jumelage -japon")) == ["Jumelage avec Haïti"]
    assert len(result_titles(search_page("japon or sahel"))) == 2
    assert len(result_titles(search_page("Japon OU Sahel"))) == 2


def test_a_typo_falls_back_to_the_closest_known_words(committed, search_page):
    with committed():
        CommuniqueFactory(title="La coopération décentralisée en Haïti")
        CommuniqueFactory(title="Un autre sujet")
    response = search_page("cooperaton haitti")
    assert result_titles(response) == ["La coopération décentralisée en Haïti"]
    text = main_text(response)
    assert "Aucun résultat pour « cooperaton haitti »." in text
    assert (
        'Vouliez-vous dire « <a href="?q=coop%C3%A9ration+ha%C3%AFti">coopération haïti</a> » ?'
        in text
    )
    assert "1 résultat pour « coopération haïti »" in text
    assert "<mark>coopération</mark>" in response.text


def test_a_word_unlike_any_other_gets_no_suggestion(committed, search_page):
    with committed():
        CommuniqueFactory(title="La coopération décentralisée")
    response = search_page("xqzwv")
    assert result_titles(response) == []
    assert "Aucun résultat pour « xqzwv »." in main_text(response)


def test_the_words_of_new_content_join_the_suggestions(committed):
    with committed():
        EventFactory(title="Assises de Dakar")
    assert SearchWord.objects.filter(word="dakar", folded="dakar").exists()


def test_the_text_of_a_programme_finds_its_communique_with_an_excerpt(committed, search_page):
    with committed():
        communique = CommuniqueFactory(title="Webinaire du 19 mai")
        AttachmentFactory(
            item=communique,
            title="Programme",
            file=pdf_upload(text="Seize heures : témoignages des collectivités partenaires."),
        )
    response = search_page("témoignages partenaires")
    assert result_titles(response) == ["Webinaire du 19 mai"]
    assert "<mark>témoignages</mark>" in response.text


def test_documents_of_drafts_are_never_found(committed, search_page):
    with committed():
        draft = CommuniqueFactory(title="Brouillon", status="draft")
        AttachmentFactory(item=draft, file=pdf_upload(text="Phrase introuvable du brouillon."))
    assert result_titles(search_page("introuvable")) == []


def test_dates_in_words_find_an_item_by_month_and_year(committed, search_page):
    with committed():
        EventFactory(
            title="Webinaire des partenaires",
            starts_at=days_from_now(0).replace(year=2020, month=5, day=19),
            ends_at=None,
        )
        EventFactory(
            title="Webinaire de juin",
            starts_at=days_from_now(0).replace(year=2020, month=6, day=2),
            ends_at=None,
        )
    assert result_titles(search_page("webinaire mai 2020")) == ["Webinaire des partenaires"]


def test_stored_vectors_follow_the_content(committed):
    with committed():
        news = NewsItemFactory(title="Ancien titre")
    with committed():
        news.title = "Nouveau titre"
        news.save()
    entry = SearchEntry.objects.get(kind="actualites", object_id=news.pk)
    assert "nouveau" in str(entry.vector) and "ancien" not in str(entry.vector)
    assert "nouveau" in str(entry.rank_vector)


def test_a_rebuild_writes_each_entry_once(committed):
    # Vectors are written with the row: an UPDATE of every row would leave as many dead
    # rows for each search's facet count to step over.
    from django.test.utils import CaptureQueriesContext

    from search.indexing import rebuild_index

    with committed():
        NewsItemFactory(title="Coopération")
    with CaptureQueriesContext(connection) as queries:
        rebuild_index()
    assert not [q for q in queries if q["sql"].startswith('UPDATE "search_searchentry"')]
    entry = SearchEntry.objects.get(kind="actualites")
    assert "cooper" in str(entry.vector) and "cooper" in str(entry.rank_vector)


def test_theme_names_find_their_items(committed, search_page):
    with committed():
        theme = ThemeFactory(name="Climat et transition écologique")
        NewsItemFactory(title="Des panneaux solaires", themes=[theme])
    titles = result_titles(search_page("transition écologique"))
    assert "Des panneaux solaires" in titles
    assert "Climat et transition écologique" in titles


@pytest.mark.parametrize(
    "syntax",
    ["covid & !", "covid:*", "(covid", "covid <-> haiti", "'covid'", "covid | | haiti", "!!covid"],
)
def test_tsquery_syntax_is_read_as_plain_words(committed, search_page, syntax):
    with committed():
        CommuniqueFactory(title="Covid et Haïti")
    search_page(syntax)  # no error


def test_a_query_of_stop_words_only_finds_nothing_without_error(committed, search_page):
    with committed():
        CommuniqueFactory(title="Le la de")
    assert "Aucun résultat" in main_text(search_page("le la de"))
