"""Theme moderation: unique names, rename with redirects, merge, delete, untagged content."""

import html
import re

import pytest
from django.core.exceptions import ValidationError

from cuf.themes.models import Theme, ThemedItem, ThemeRedirect, theme_name_key
from cuf.themes.services import theme_merge, theme_rename
from tests.factories import (
    CommuniqueFactory,
    EventFactory,
    NewsItemFactory,
    ResourceFactory,
    ThemeFactory,
)
from tests.helpers import main_text

pytestmark = pytest.mark.django_db

THEMES = "/admin/cuf/theme/"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("COVID-19", "Covid-19"),
        ("Haïti", "HAITI"),
        ("Coopération", "cooperation"),
        ("Covid 19", "covid-19"),
    ],
)
def test_theme_names_are_unique_regardless_of_case_accents_and_punctuation(
    moderator_client, first, second
):
    ThemeFactory(name=first, slug="premier")
    response = moderator_client.post(
        f"{THEMES}add/", {"name": second, "slug": "second", "kind": "thematique"}
    )
    assert response.status_code == 200
    assert f"Le thème « {first} » existe déjà" in response.text
    assert Theme.objects.count() == 1


def test_name_key_ignores_case_accents_and_punctuation():
    assert theme_name_key("  Éducation—Jeunesse ") == theme_name_key("education jeunesse")


def test_renaming_a_theme_moves_its_address_and_the_old_one_redirects(client, moderator_client):
    theme = ThemeFactory(name="Covid", slug="covid")
    CommuniqueFactory(title="Communiqué sanitaire", themes=[theme])
    response = moderator_client.post(
        f"{THEMES}{theme.pk}/change/", {"name": "COVID-19", "slug": "covid", "kind": "thematique"}
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.name, theme.slug) == ("COVID-19", "covid-19")
    old = client.get("/themes/covid/")
    assert old.status_code == 301
    assert old["Location"] == "/themes/covid-19/"
    assert "Communiqué sanitaire" in main_text(client.get("/themes/covid-19/"))


def test_editing_only_the_description_keeps_the_address(moderator_client):
    theme = ThemeFactory(name="Jeunesse", slug="jeunesse-et-volontariat")
    moderator_client.post(
        f"{THEMES}{theme.pk}/change/",
        {"name": "Jeunesse", "slug": theme.slug, "kind": "thematique", "description": "Neuf"},
    )
    theme.refresh_from_db()
    assert theme.slug == "jeunesse-et-volontariat"
    assert theme.description == "Neuf"
    assert not ThemeRedirect.objects.exists()


def test_an_old_address_reused_by_a_new_theme_stops_redirecting(client):
    theme = ThemeFactory(name="Covid", slug="covid")
    theme_rename(theme=theme, name="COVID-19")
    theme_rename(theme=ThemeFactory(name="Autre", slug="autre"), name="Covid", slug="covid")
    assert client.get("/themes/covid/").status_code == 200
    assert not ThemeRedirect.objects.filter(old_slug="covid").exists()


def test_merge_moves_items_of_every_type_and_changes_nothing_else(client):
    covid, covid_bis, other = (
        ThemeFactory(name="COVID-19"),
        ThemeFactory(name="Coronavirus"),
        ThemeFactory(name="Sahel"),
    )
    items = [
        CommuniqueFactory(title="Communiqué A", themes=[covid_bis]),
        EventFactory(title="Événement B", themes=[covid_bis, other]),
        NewsItemFactory(title="Actualité C", themes=[covid, covid_bis]),
        ResourceFactory(title="Ressource D", themes=[covid]),
    ]
    before = {(type(item), item.pk): type(item).objects.get(pk=item.pk).updated for item in items}

    moved = theme_merge(sources=[covid_bis], target=covid)

    assert moved == 2  # the communiqué and the event; the news item already had it
    assert not Theme.objects.filter(pk=covid_bis.pk).exists()
    for item in items:
        assert covid in item.themes.all()
        assert type(item).objects.get(pk=item.pk).updated == before[(type(item), item.pk)]
    assert set(items[1].themes.all()) == {covid, other}
    assert ThemedItem.objects.filter(tag=covid).count() == 4
    page = main_text(client.get(covid.get_absolute_url()))
    assert all(title in page for title in ["Communiqué A", "Événement B", "Actualité C"])
    assert client.get(f"/themes/{covid_bis.slug}/")["Location"] == covid.get_absolute_url()


def test_merging_several_sources_tagging_the_same_item_keeps_one_row():
    a, b, target = ThemeFactory(), ThemeFactory(), ThemeFactory()
    item = CommuniqueFactory(themes=[a, b])
    theme_merge(sources=[a, b], target=target)
    assert list(item.themes.all()) == [target]


def test_merge_rolls_back_entirely_on_error(monkeypatch):
    source, target = ThemeFactory(), ThemeFactory()
    item = CommuniqueFactory(themes=[source])

    def fail(**kwargs):
        raise RuntimeError("panne")

    monkeypatch.setattr("cuf.themes.services._keep_old_address", fail)
    with pytest.raises(RuntimeError):
        theme_merge(sources=[source], target=target)
    assert list(item.themes.all()) == [source]
    assert Theme.objects.filter(pk=source.pk).exists()


def test_merging_a_theme_into_itself_is_refused():
    theme = ThemeFactory()
    with pytest.raises(ValidationError):
        theme_merge(sources=[theme], target=theme)


def test_moderator_merges_themes_from_the_list(moderator_client):
    covid, covid_bis = ThemeFactory(name="COVID-19"), ThemeFactory(name="Coronavirus")
    CommuniqueFactory(themes=[covid_bis])
    selection = {"action": "merge_themes", "_selected_action": [covid.pk, covid_bis.pk]}
    confirm = moderator_client.post(THEMES, selection)
    assert confirm.status_code == 200
    assert "Thème conservé" in confirm.text
    done = moderator_client.post(
        THEMES, {**selection, "target": covid.pk, "confirmer": "Fusionner"}, follow=True
    )
    assert "1 thème fusionné dans « COVID-19 »" in done.text
    assert list(Theme.objects.all()) == [covid]


def test_deleting_a_theme_lists_what_is_tagged_first(moderator_client):
    theme = ThemeFactory(name="Haïti")
    CommuniqueFactory(title="Séisme : solidarité", themes=[theme])
    EventFactory(title="Rencontre Haïti", themes=[theme])
    response = moderator_client.get(f"{THEMES}{theme.pk}/delete/")
    assert response.status_code == 200
    assert "« Séisme : solidarité » (communiqué) classé sous « Haïti »" in response.text
    assert "« Rencontre Haïti » (événement) classé sous « Haïti »" in response.text
    moderator_client.post(f"{THEMES}{theme.pk}/delete/", {"post": "yes"})
    assert not Theme.objects.exists()
    assert not ThemedItem.objects.exists()


def test_untagged_content_view_lists_items_without_themes(moderator_client):
    theme = ThemeFactory()
    CommuniqueFactory(title="Communiqué classé", themes=[theme])
    CommuniqueFactory(title="Communiqué à classer")
    ResourceFactory(title="Ressource à classer")
    response = moderator_client.get(f"{THEMES}sans-theme/")
    assert response.status_code == 200
    assert "Communiqué à classer" in response.text
    assert "Ressource à classer" in response.text
    assert "Communiqué classé" not in response.text
    filtered = moderator_client.get("/admin/communiques/communique/?classement=sans-theme")
    assert "Communiqué à classer" in filtered.text
    assert "Communiqué classé" not in filtered.text


def test_deleting_an_item_removes_its_theme_rows():
    theme = ThemeFactory()
    item = CommuniqueFactory(themes=[theme])
    item.delete()
    assert not ThemedItem.objects.exists()


@pytest.mark.parametrize("slug", ["haïti", "coopération", "日本"])
def test_a_theme_address_with_accents_is_refused_as_no_url_could_reach_it(
    client, moderator_client, slug
):
    # /themes/<slug>/ takes ASCII letters, digits and hyphens only: a theme whose address
    # had an accent could not be linked, and every page listing it failed.
    response = moderator_client.post(
        f"{THEMES}add/", {"name": "Haïti", "slug": slug, "kind": "pays-region"}
    )
    assert response.status_code == 200
    assert "lettres sans accents" in response.text
    assert not Theme.objects.exists()
    theme = ThemeFactory(name="Haïti", slug="haiti")
    with pytest.raises(ValidationError):
        theme_rename(theme=theme, name="Haïti", slug=slug)
    theme.refresh_from_db()
    assert theme.slug == "haiti"
    CommuniqueFactory(themes=[theme])
    assert client.get("/themes/").status_code == 200


@pytest.mark.parametrize("suffix", ["rss/", "atom/", "agenda.ics"])
def test_a_renamed_themes_former_feeds_and_calendar_redirect_to_the_new_ones(client, suffix):
    theme = ThemeFactory(name="Covid")
    theme_rename(theme=theme, name="COVID-19 et coopération")
    response = client.get(f"/themes/covid/{suffix}")
    assert response.status_code == 301
    assert response["Location"] == f"/themes/{theme.slug}/{suffix}"
    assert client.get(response["Location"]).status_code == 200


def test_an_unknown_themes_feed_is_still_404(client):
    assert client.get("/themes/jamais-existe/rss/").status_code == 404


def test_a_list_on_a_renamed_theme_moves_to_its_new_address(client):
    theme = ThemeFactory(name="Eau", slug="eau")
    theme_rename(theme=theme, name="Eau et assainissement")
    response = client.get("/agenda/", {"theme": "eau", "periode": "passes"})
    assert response.status_code == 301
    assert response["Location"] == "/agenda/?theme=eau-et-assainissement&periode=passes"
    assert client.get("/agenda/", {"theme": "inconnu"}).status_code == 404


def test_a_duplicate_theme_is_refused_in_plain_french_without_django_jargon(moderator_client):
    ThemeFactory(name="Jeunesse", slug="jeunesse")
    response = moderator_client.post(
        f"{THEMES}add/", {"name": "JEUNESSE", "slug": "jeunesse", "kind": "thematique"}
    )
    assert response.status_code == 200
    assert "Le thème « Jeunesse » existe déjà" in response.text
    assert "Cette adresse est déjà celle d’un autre thème." in response.text
    assert "Un objet" not in response.text and "ce champ" not in response.text


def test_a_new_name_whose_address_is_taken_is_refused_in_french(moderator_client):
    ThemeFactory(name="Abc", slug="abc")
    other = ThemeFactory(name="Autre", slug="autre")
    response = moderator_client.post(
        f"{THEMES}{other.pk}/change/",
        {"name": "A'bc", "slug": "autre", "kind": "thematique", "description": ""},
    )
    assert response.status_code == 200
    assert "L’adresse « abc », tirée du nouveau nom, est déjà celle d’un autre thème" in (
        response.text
    )
    other.refresh_from_db()
    assert other.name == "Autre"


def test_merge_screen_shows_counts_preselects_the_most_used_and_says_what_happens(
    moderator_client,
):
    covid, corona, sars = (
        ThemeFactory(name="COVID-19"),
        ThemeFactory(name="Coronavirus"),
        ThemeFactory(name="SRAS-CoV-2"),
    )
    for _ in range(3):
        CommuniqueFactory(themes=[covid])
    CommuniqueFactory(themes=[corona])
    page = moderator_client.post(
        "/admin/cuf/theme/",
        {"action": "merge_themes", "_selected_action": [covid.pk, corona.pk, sars.pk]},
    ).text
    assert "COVID-19 (3 éléments classés)" in page
    assert "Coronavirus (1 élément classé)" in page
    assert "SRAS-CoV-2 (0 élément classé)" in page
    checked = re.findall(r'<input type="radio"[^>]*value="(\d+)"[^>]*checked', page)
    assert checked == [str(covid.pk)]
    assert (
        "Proposé : garder « COVID-19 », le plus utilisé. Le contenu classé sous "
        "« Coronavirus » et « SRAS-CoV-2 » passera sous « COVID-19 » ; ces thèmes seront "
        "supprimés et leurs adresses redirigeront vers le thème conservé."
    ) in html.unescape(page)


def test_former_theme_addresses_are_listed_but_never_added_or_edited_by_hand(
    moderator_client, superuser_client
):
    theme = ThemeFactory(name="Covid", slug="covid")
    theme_rename(theme=theme, name="COVID-19", slug="covid-19")
    redirect = ThemeRedirect.objects.get()
    for client in (moderator_client, superuser_client):
        listing = client.get("/admin/cuf/themeredirect/")
        assert listing.status_code == 200 and "covid" in listing.text
        assert "/admin/cuf/themeredirect/add/" not in listing.text
        assert client.get("/admin/cuf/themeredirect/add/").status_code == 403
        change = client.get(f"/admin/cuf/themeredirect/{redirect.pk}/change/")
        assert change.status_code == 200
        assert 'name="old_slug"' not in change.text
    index = superuser_client.get("/admin/").text
    assert "/admin/cuf/themeredirect/add/" not in index


def test_themes_are_listed_in_french_alphabetical_order_for_visitors_and_moderators(
    client, moderator_client
):
    names = ["Élus", "Burkina Faso", "COVID-19", "Bénin", "Climat", "Eau", "Égalité"]
    for name in names:
        CommuniqueFactory(themes=[ThemeFactory(name=name, kind=Theme.Kind.TOPIC)])
    expected = ["Bénin", "Burkina Faso", "Climat", "COVID-19", "Eau", "Égalité", "Élus"]
    assert [theme.name for theme in Theme.objects.all()] == expected

    def order_in(page: str) -> list[str]:
        text = html.unescape(re.sub(r"<[^>]+>", " ", page))
        return sorted(names, key=text.index)

    assert order_in(client.get("/themes/").text) == expected
    listed = moderator_client.get(THEMES).text
    assert order_in(listed[listed.index('id="result_list"') :]) == expected
