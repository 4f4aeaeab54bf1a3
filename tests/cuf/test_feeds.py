"""RSS and Atom feeds, read with a third-party feed parser as a feed reader would."""

import feedparser
import pytest

from cuf import content_types
from tests import factories
from tests.factories import CommuniqueFactory, EventFactory, NewsItemFactory, ThemeFactory
from tests.helpers import days_from_now

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


def test_feed_entries_are_newest_first_with_their_date_and_themes(client):
    covid = ThemeFactory(name="COVID-19")
    CommuniqueFactory(title="Ancien", published_at=days_from_now(-10))
    CommuniqueFactory(title="Récent", published_at=days_from_now(-1), themes=[covid])
    _, feed = parse(client, "/communiques/rss/")
    assert [entry.title for entry in feed.entries] == ["Récent", "Ancien"]
    assert feed.entries[0].published_parsed is not None
    assert [tag.term for tag in feed.entries[0].tags] == ["COVID-19"]


def test_surtitre_is_part_of_the_entry_title(client):
    CommuniqueFactory(surtitre="MEAE/DAECT", title="Webinaire du 19 mai")
    _, feed = parse(client, "/communiques/rss/")
    assert feed.entries[0].title == "MEAE/DAECT : Webinaire du 19 mai"


def test_event_feed_says_when_and_where(client):
    start = days_from_now(7).replace(hour=9, minute=30)
    EventFactory(title="Forum", place="Bordeaux", starts_at=start, ends_at=start.replace(hour=12))
    _, feed = parse(client, "/agenda/rss/")
    assert feed.entries[0].summary.startswith("Le ")
    assert "Bordeaux" in feed.entries[0].summary


@pytest.mark.parametrize("flavour", ["rss", "atom"])
def test_everything_feed_mixes_every_type_newest_first(client, flavour):
    every_type = factories.every_type_factory()
    titles = [f"Un élément {factory._meta.model.__name__}" for factory in every_type]
    for days_ago, (factory, title) in enumerate(zip(every_type, titles, strict=True), start=1):
        factory(title=title, published_at=days_from_now(-days_ago))
    NewsItemFactory(title="Une actualité en brouillon", draft=True)
    _, feed = parse(client, f"/{flavour}/")
    assert [entry.title for entry in feed.entries] == titles


@pytest.mark.parametrize("flavour", ["rss", "atom"])
def test_theme_feed_lists_published_items_of_that_theme_only(client, flavour):
    haiti, sahel = ThemeFactory(name="Haïti"), ThemeFactory(name="Sahel")
    CommuniqueFactory(title="Sur Haïti", themes=[haiti])
    EventFactory(title="Aussi sur Haïti", themes=[haiti])
    NewsItemFactory(title="Sur le Sahel", themes=[sahel])
    NewsItemFactory(title="Haïti, pas encore publié", themes=[haiti], draft=True)
    _, feed = parse(client, f"/themes/{haiti.slug}/{flavour}/")
    assert sorted(entry.title for entry in feed.entries) == ["Aussi sur Haïti", "Sur Haïti"]
    assert "Haïti" in feed.feed.title


def test_unknown_theme_feed_is_404(client):
    assert client.get("/themes/inconnu/rss/").status_code == 404


def test_feed_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    theme = ThemeFactory()
    for _ in range(25):
        CommuniqueFactory(themes=[theme])
    with django_assert_max_num_queries(2):
        client.get("/communiques/rss/")
    for _ in range(25):
        EventFactory(themes=[theme])
    # The theme, the stream, then each type's items in one query.
    with django_assert_max_num_queries(2 + len(content_types.all_types())):
        client.get(f"/themes/{theme.slug}/atom/")


def test_pages_announce_their_feeds(client):
    theme = ThemeFactory()
    home = client.get("/").text
    assert 'type="application/rss+xml"' in home and 'href="/rss/"' in home
    assert 'href="/communiques/rss/"' in client.get("/communiques/").text
    assert f'href="/themes/{theme.slug}/rss/"' in client.get(theme.get_absolute_url()).text


@pytest.mark.parametrize("address", ["/rss/", "/communiques/rss/", "/atom/", "/communiques/atom/"])
def test_entries_have_absolute_ids_and_atom_entries_an_update_date(client, address):
    item = CommuniqueFactory(title="Un communiqué")
    response = client.get(address)
    text = response.content.decode()
    assert f"https://portail.example.org{item.get_absolute_url()}" in text
    assert f">{item.get_absolute_url()}<" not in text
    if "atom" in address:
        entry = text[text.index("<entry>") :]
        assert "<updated>" in entry


@pytest.mark.parametrize("address", ["/rss/", "/atom/", "/themes/sahel/rss/"])
def test_global_and_theme_feeds_describe_entries_as_their_section_feeds_do(client, address):
    sahel = ThemeFactory(name="Sahel", slug="sahel")
    NewsItemFactory(title="Atelier", summary="Un atelier sur l’eau au Sahel.", themes=[sahel])
    CommuniqueFactory(
        title="Webinaire", body="<p>Les collectivités <b>témoignent</b>.</p>", themes=[sahel]
    )
    start = days_from_now(7).replace(hour=10, minute=0)
    EventFactory(title="Forum", place="Bordeaux", starts_at=start, themes=[sahel])
    _, feed = parse(client, address)
    summaries = {entry.title: entry.summary for entry in feed.entries}
    assert summaries["Atelier"] == "Un atelier sur l’eau au Sahel."
    assert summaries["Webinaire"] == "Les collectivités témoignent."
    assert summaries["Forum"].startswith("Le ") and "Bordeaux" in summaries["Forum"]
    assert not {"Actualité", "Communiqué", "Événement"} & set(summaries.values())
