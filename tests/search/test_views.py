"""/recherche/ on either database: what a visitor sees."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from search.text import MAX_QUERY_LENGTH
from tests.factories import (
    AttachmentFactory,
    CommuniqueFactory,
    EventFactory,
    NewsItemFactory,
    ResourceFactory,
    ThemeFactory,
)
from tests.files import pdf_upload
from tests.helpers import days_from_now, main_text
from tests.search.conftest import on_sqlite, result_links, result_titles

pytestmark = pytest.mark.django_db


def test_the_header_form_sends_to_the_results_page(client):
    response = client.get("/")
    assert 'action="/recherche/"' in response.text
    assert 'id="recherche-q" name="q"' in response.text


def test_results_of_every_type_on_one_page_with_the_query_kept_in_the_box(committed, search_page):
    with committed():
        ThemeFactory(name="Haïti")
        CommuniqueFactory(title="Solidarité avec Haïti", published_at=days_from_now(-4))
        EventFactory(title="Rencontre Haïti 2025", published_at=days_from_now(-3))
        NewsItemFactory(title="Écoles reconstruites en Haïti", published_at=days_from_now(-2))
        ResourceFactory(title="Entretien : dix ans en Haïti", published_at=days_from_now(-1))
    response = search_page("haiti")
    assert set(result_titles(response)) == {
        "Solidarité avec Haïti",
        "Rencontre Haïti 2025",
        "Écoles reconstruites en Haïti",
        "Entretien : dix ans en Haïti",
        "Haïti",
    }
    assert "/themes/haiti/" in result_links(response)
    assert 'value="haiti"' in response.text  # the header box keeps the query
    assert "5 résultats pour « haiti »" in main_text(response)
    assert "<title>« haiti » : 5 résultats – Recherche" in response.text
    # Each date agrees with its item's type.
    text = main_text(response)
    assert "Communiqué · publié le" in text
    assert "Actualité · publiée le" in text and "Ressource · publiée le" in text


def test_search_ignores_accents_and_case_both_ways(committed, search_page):
    with committed():
        CommuniqueFactory(title="La coopération décentralisée en Haïti")
        CommuniqueFactory(title="COOPERATION ET ECHANGES")
    assert len(result_titles(search_page("Coopération"))) == 2
    assert len(result_titles(search_page("cooperation HAITI"))) == 1
    assert result_titles(search_page("échanges")) == ["COOPERATION ET ECHANGES"]


def test_matched_words_are_highlighted_in_titles_and_excerpts(committed, search_page):
    with committed():
        NewsItemFactory(
            title="Les webinaires de mai",
            summary="Un cycle de webinaires sur la coopération.",
            body="<p>Inscription libre.</p>",
        )
    response = search_page("webinaires")
    assert "<mark>webinaires</mark> de mai" in response.text
    assert "cycle de <mark>webinaires</mark> sur" in response.text


def test_content_is_escaped_and_only_the_highlight_is_markup(committed, search_page):
    with committed():
        NewsItemFactory(title="<script>alert(1)</script> Sahel", summary="<b>Sahel</b> & co")
    response = search_page("sahel")
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Sahel</mark>" in response.text
    assert "<b>" not in response.text
    assert "&amp; co" in response.text


def test_only_published_items_are_ever_found(committed, search_page):
    with committed():
        public = CommuniqueFactory(title="Jumelage public")
        draft = CommuniqueFactory(title="Jumelage brouillon", status="draft")
        CommuniqueFactory(title="Jumelage programmé", published_at=days_from_now(1))
        AttachmentFactory(item=draft, file=pdf_upload(text="Jumelage secret du brouillon."))
    response = search_page("jumelage")
    assert result_titles(response) == [public.title]
    assert "secret" not in response.text
    assert "1 résultat pour" in main_text(response)


def test_staff_do_not_see_drafts_in_search_either(committed, staff_client):
    with committed():
        CommuniqueFactory(title="Jumelage brouillon", status="draft")
    response = staff_client.get("/recherche/", {"q": "jumelage"})
    assert result_titles(response) == []


def test_a_scheduled_item_appears_by_itself_when_its_time_comes(committed, search_page):
    with committed():
        CommuniqueFactory(title="Annonce programmée", published_at=days_from_now(1))
    assert result_titles(search_page("annonce")) == []
    later = timezone.now() + datetime.timedelta(days=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert result_titles(search_page("annonce")) == ["Annonce programmée"]


def test_an_item_leaves_the_results_and_their_counts_when_its_publication_ends(
    committed, search_page
):
    with committed():
        CommuniqueFactory(title="Annonce limitée", expires_at=days_from_now(1))
    first = search_page("annonce")
    assert result_titles(first) == ["Annonce limitée"]
    assert "1 résultat" in main_text(first)
    later = timezone.now() + datetime.timedelta(days=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        after = search_page("annonce")
        assert result_titles(after) == []
        assert "Aucun résultat" in main_text(after)


def test_the_text_of_attached_documents_is_found(committed, search_page):
    with committed():
        communique = CommuniqueFactory(title="Webinaire du 19 mai")
        AttachmentFactory(
            item=communique,
            file=pdf_upload(text="Seize heures : atelier sur les financements européens."),
        )
    response = search_page("atelier financements européens")
    assert result_titles(response) == ["Webinaire du 19 mai"]
    assert "<mark>" in response.text


def test_facets_count_by_type_theme_and_year(committed, search_page):
    jeunesse, sahel = ThemeFactory(name="Jeunesse"), ThemeFactory(name="Sahel")
    with committed():
        CommuniqueFactory(
            title="Volontariat 1", themes=[jeunesse], published_at=timezone.now().replace(year=2020)
        )
        CommuniqueFactory(title="Volontariat 2", themes=[jeunesse, sahel])
        NewsItemFactory(title="Volontariat 3", themes=[sahel])
        NewsItemFactory(title="Sans rapport")
    text = search_page("volontariat").text
    assert 'Communiqués <span class="count">(2' in text
    assert 'Actualités <span class="count">(1' in text
    assert 'Jeunesse <span class="count">(2' in text
    assert 'Sahel <span class="count">(2' in text
    assert '2020 <span class="count">(1' in text
    assert f'{timezone.localdate().year} <span class="count">(2' in text


def test_choosing_a_facet_narrows_results_and_keeps_other_types_reachable(committed, search_page):
    sahel = ThemeFactory(name="Sahel")
    with committed():
        CommuniqueFactory(title="Forage 1", themes=[sahel])
        NewsItemFactory(title="Forage 2")
        NewsItemFactory(title="Forage 3", themes=[sahel])
    response = search_page("forage", type="actualites")
    assert sorted(result_titles(response)) == ["Forage 2", "Forage 3"]
    assert "2 résultats pour « forage », filtrés" in main_text(response)
    # The type facet still offers communiqués, with their count, to switch in one click.
    assert '?q=forage&amp;type=communiques">Communiqués <span class="count">(1' in response.text
    assert 'aria-current="true"' in response.text
    response = search_page("forage", type="actualites", theme="sahel")
    assert result_titles(response) == ["Forage 3"]


def test_each_facet_counts_within_the_other_chosen_facets(committed, search_page):
    sahel, eau = ThemeFactory(name="Sahel"), ThemeFactory(name="Eau")
    in_2020 = timezone.now().replace(year=2020)
    with committed():
        CommuniqueFactory(title="Forage 1", themes=[sahel], published_at=in_2020)
        CommuniqueFactory(title="Forage 2", themes=[sahel, eau])
        NewsItemFactory(title="Forage 3", themes=[eau], published_at=in_2020)
        NewsItemFactory(title="Forage 4")
    this_year = timezone.localdate().year
    # A theme chosen: types and years count that theme's results only.
    text = search_page("forage", theme="sahel").text
    assert 'Communiqués <span class="count">(2' in text
    assert 'Actualités <span class="count">' not in text
    assert '2020 <span class="count">(1' in text
    assert f'{this_year} <span class="count">(1' in text
    # A year chosen: themes and types count that year's results only.
    text = search_page("forage", annee="2020").text
    assert 'Sahel <span class="count">(1' in text
    assert 'Eau <span class="count">(1' in text
    assert 'Actualités <span class="count">(1' in text
    # A type chosen: themes count that type's results only.
    text = search_page("forage", type="actualites").text
    assert 'Eau <span class="count">(1' in text
    assert 'Sahel <span class="count">' not in text


def test_themes_with_as_many_results_are_in_alphabetical_order(committed, search_page):
    themes = [ThemeFactory(name=name) for name in ("Zone sahélienne", "Éducation", "eau")]
    with committed():
        CommuniqueFactory(title="Forage", themes=themes)
    text = search_page("forage").text
    positions = [text.index(f'{name} <span class="count">') for name in ("eau", "Éducation")]
    assert positions[0] < positions[1] < text.index('Zone sahélienne <span class="count">')


def test_choosing_a_facet_counts_nothing_again(
    committed, search_page, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sahel = ThemeFactory(name="Sahel")
    with committed():
        CommuniqueFactory(title="Forage", themes=[sahel])
        NewsItemFactory(title="Forage")
    search_page("forage")
    with CaptureQueriesContext(connection) as queries:
        response = search_page("forage", type="actualites", theme="sahel", annee="2020")
    assert not [q for q in queries if "facet_keys" in q["sql"]]
    assert "Aucun résultat" in main_text(response)


def test_a_renamed_theme_shows_its_new_name_in_the_facet(committed, search_page):
    sahel = ThemeFactory(name="Sahel")
    with committed():
        CommuniqueFactory(title="Forage", themes=[sahel])
    assert 'Sahel <span class="count">(1' in search_page("forage").text
    with committed():
        sahel.name = "Sahel et Sahara"
        sahel.save()
    assert 'Sahel et Sahara <span class="count">(1' in search_page("forage").text


def test_invalid_facet_values_are_ignored(committed, search_page):
    with committed():
        CommuniqueFactory(title="Forage")
    for params in ({"type": "inconnu"}, {"annee": "abc"}, {"annee": "99999"}, {"theme": "x" * 300}):
        assert result_titles(search_page("forage", **params)) == ["Forage"], params


@pytest.mark.parametrize("year", ["²", "²⁰²⁰", "٢٠٢٠", "9" * 5000])
def test_a_year_of_digits_python_cannot_read_as_an_int_is_ignored_not_an_error(
    committed, search_page, year
):
    # str.isdigit() accepts superscripts, other scripts' digits and numbers too long for
    # int(): none of these is a year of the facet, none may crash the page.
    with committed():
        CommuniqueFactory(title="Forage")
    response = search_page("forage", annee=year)
    assert response.status_code == 200
    assert result_titles(response) == ["Forage"]


def test_results_are_paginated_with_the_query_kept_in_the_links(committed, search_page):
    with committed():
        for n in range(25):
            NewsItemFactory(title=f"Mission {n}", published_at=days_from_now(-n - 1))
    first = search_page("mission")
    assert len(result_titles(first)) == 20
    assert "25 résultats" in main_text(first)
    assert 'href="?q=mission&amp;page=2"' in first.text
    second = search_page("mission", page="2")
    assert len(result_titles(second)) == 5
    assert '<ol class="search-results" start="21">' in second.text
    assert len(result_titles(search_page("mission", page="999"))) == 5
    assert len(result_titles(search_page("mission", page="abc"))) == 20


def test_query_count_does_not_grow_with_results(
    committed, search_page, django_assert_max_num_queries
):
    theme = ThemeFactory(name="Climat")
    with committed():
        for n in range(30):
            CommuniqueFactory(title=f"Climat {n}", themes=[theme])
            AttachmentFactory(item=CommuniqueFactory(title=f"Climat doc {n}"))
    # The chosen theme, the next scheduled time (for the facet cache), two facet counts
    # and the page; on PostgreSQL, the session setting in its savepoint (three more) and the
    # files' text of the page's results whose words are not in their own text (one).
    with django_assert_max_num_queries(9):
        response = search_page("climat", theme="climat")
    assert len(result_titles(response)) == 20


def test_no_results_says_so_in_french_with_suggestions(committed, search_page):
    with committed():
        CommuniqueFactory(title="Climat")
    text = main_text(search_page("zzzzqqq"))
    assert "Aucun résultat pour « zzzzqqq »." in text
    assert "Vérifiez l’orthographe" in text
    assert 'href="/themes/"' in text


def test_no_results_with_filters_offers_to_search_without_them(committed, search_page):
    with committed():
        CommuniqueFactory(title="Climat")
    text = main_text(search_page("climat", type="agenda"))
    assert "Aucun résultat pour « climat » avec les filtres choisis." in text
    assert 'href="?q=climat">Chercher « climat » sans filtre' in text


def test_empty_search_invites_to_type_words(search_page):
    text = main_text(search_page(""))
    assert "Saisissez un ou plusieurs mots" in text
    assert "résultat" not in text


@pytest.mark.parametrize(
    "odd",
    [
        "",
        "   ",
        "!!!",
        "?,;:/.",
        '"',
        '"covid',
        "covid\"'",
        "' OR 1=1 --",
        "'; DROP TABLE search_searchentry; --",
        "covid & !(haiti | :*) <-> <2>",
        "a:* & b:A",
        "-",
        "--covid",
        "or",
        "OR OR",
        "(((",
        "😀🎉",
        "covid 😷",
        "\\",
        "%_%",
        "\x00covid\x01",
        "ﬁ ß œ Ǆ",
        "漢字 العربية",
        "le la les de",
        "x" * 3000,
        "covid " * 400,
    ],
)
def test_odd_or_hostile_input_never_errors(committed, search_page, odd):
    with committed():
        CommuniqueFactory(title="Covid et Haïti")
    response = search_page(odd)
    assert "<h1>Rechercher" in response.text


def test_a_very_long_query_is_cut_with_a_visible_notice(committed, search_page):
    with committed():
        CommuniqueFactory(title="Covid")
    response = search_page("covid " + "x" * 1200)
    text = main_text(response)
    assert "Votre recherche était trop longue" in text
    assert f"{MAX_QUERY_LENGTH} premiers caractères" in text


def test_search_results_are_not_indexed_by_search_engines(search_page):
    assert '<meta name="robots" content="noindex, follow">' in search_page("covid").text


@on_sqlite
def test_sqlite_finds_plurals_word_starts_phrases_and_exclusions(committed, search_page):
    with committed():
        CommuniqueFactory(title="Un webinaire sur la coopération décentralisée")
        CommuniqueFactory(title="Décentralisée, la coopération ?", body="<p>Japon</p>")
    assert len(result_titles(search_page("webinaires"))) == 1
    assert len(result_titles(search_page("coop"))) == 2
    assert result_titles(search_page('"coopération décentralisée"')) == [
        "Un webinaire sur la coopération décentralisée"
    ]
    assert result_titles(search_page("cooperation -japon")) == [
        "Un webinaire sur la coopération décentralisée"
    ]
    assert len(result_titles(search_page("webinaire ou japon"))) == 2


@on_sqlite
def test_sqlite_ranks_title_matches_before_newer_body_matches(committed, search_page):
    with committed():
        CommuniqueFactory(title="Ancien : forage au Sahel", published_at=days_from_now(-30))
        CommuniqueFactory(title="Récent", body="<p>Un forage.</p>", published_at=days_from_now(-1))
    assert result_titles(search_page("forage")) == ["Ancien : forage au Sahel", "Récent"]


@on_sqlite
def test_sqlite_falls_back_on_the_closest_word_too(committed, search_page):
    with committed():
        CommuniqueFactory(title="Coopération")
    assert result_titles(search_page("cooperaton")) == ["Coopération"]


def test_an_excerpt_does_not_repeat_the_title_its_text_starts_with(committed, search_page):
    with committed():
        NewsItemFactory(
            title="Les webinaires de mai",
            summary="",
            body="<p>Les webinaires de mai</p><p>Un cycle de rencontres en ligne.</p>",
        )
    response = search_page("webinaires")
    assert main_text(response).count("webinaires</mark> de mai") == 1
    assert "Un cycle de rencontres en ligne." in response.text


def test_a_direction_override_in_a_shared_search_link_is_not_shown_back(client):
    # Left in, it would turn "résultats pour « … »." and the heading around it backwards.
    response = client.get("/recherche/", {"q": "\u202eforage"})
    assert response.status_code == 200
    assert "« forage »" in main_text(response)
    assert "\u202e" not in main_text(response)
