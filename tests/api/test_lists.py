"""Lists as a partner reads them: pagination, filters, every type at once, themes and
search, and the same queries whatever the page size."""

import datetime

import pytest
from django.test import Client

from cuf import content_types
from tests.factories import (
    AttachmentFactory,
    CommuniqueFactory,
    EventFactory,
    NewsItemFactory,
    PublicationFactory,
    ResourceFactory,
    ThemeFactory,
)
from tests.helpers import days_from_now

pytestmark = pytest.mark.django_db


def test_pages_have_a_total_a_stable_order_and_absolute_links(client):
    same_time = days_from_now(-1)
    made = [CommuniqueFactory(published_at=same_time) for _ in range(5)]
    first = client.get("/api/v1/communiques/?page_size=2").json()
    assert first["count"] == 5
    assert first["previous"] is None
    assert first["next"] == "https://portail.example.org/api/v1/communiques/?page_size=2&page=2"
    seen = []
    page = first
    while True:
        seen += [item["pk"] for item in page["results"]]
        if not page["next"]:
            break
        page = client.get(page["next"].removeprefix("https://portail.example.org")).json()
    assert seen == sorted((item.pk for item in made), reverse=True)


def test_a_page_past_the_last_is_a_french_404(client):
    CommuniqueFactory()
    response = client.get("/api/v1/communiques/?page=3")
    assert response.status_code == 404
    assert "Cette page n’existe pas" in response.json()["detail"]


def test_the_page_size_is_bounded(client):
    response = client.get("/api/v1/contenus/?page_size=101")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"parameter": "page_size", "message": "doit valoir au plus 100"}
    ]


def test_every_type_at_once_newest_first_and_by_type(client):
    old = CommuniqueFactory(published_at=days_from_now(-5))
    EventFactory(published_at=days_from_now(-3))
    new = PublicationFactory(published_at=days_from_now(-1))
    NewsItemFactory(draft=True)
    everything = client.get("/api/v1/contenus/").json()
    assert [item["id"] for item in everything["results"]][0] == f"publications:{new.pk}"
    assert everything["results"][-1]["id"] == f"communiques:{old.pk}"
    assert everything["count"] == 3
    only = client.get("/api/v1/contenus/?type=communiques&type=publications").json()
    assert {item["type"] for item in only["results"]} == {"communiques", "publications"}


def test_every_type_at_once_page_by_page_misses_and_repeats_nothing(client):
    """Each type's part of the list is cut before the types are merged (where the
    database can): a page further on still gets the right items of every type."""
    factories = (CommuniqueFactory, EventFactory, NewsItemFactory, ResourceFactory)
    made = {}
    for day in range(1, 15):
        # The newest items are all of one type, the older ones alternate.
        factory = CommuniqueFactory if day <= 5 else factories[day % 4]
        item = factory(published_at=days_from_now(-day))
        made[f"{content_types.for_model(item).key}:{item.pk}"] = day
    expected = sorted(made, key=made.get)
    seen, address = [], "/api/v1/contenus/?page_size=3"
    while address:
        page = client.get(address).json()
        seen += [item["id"] for item in page["results"]]
        address = (page["next"] or "").removeprefix("https://portail.example.org")
    assert seen == expected
    one_type = client.get("/api/v1/contenus/?type=agenda&page_size=1&page=2").json()
    events = [key for key in expected if key.startswith("agenda:")]
    assert [item["id"] for item in one_type["results"]] == events[1:2]


def test_every_type_at_once_runs_the_same_queries_for_one_item_or_many(
    django_assert_max_num_queries,
):
    for factory in (CommuniqueFactory, EventFactory, NewsItemFactory, ResourceFactory):
        for _ in range(6):
            factory()
    # The version, the count, the page's (type, id), then per type on the page its rows,
    # themes and relations: bounded by the number of types, not the page size.
    for size in (4, 24):
        with django_assert_max_num_queries(3 + 4 * 3):
            response = Client().get(f"/api/v1/contenus/?page_size={size}")
        assert len(response.json()["results"]) == size


def test_several_themes_give_the_items_of_either(client):
    haiti, senegal, other = ThemeFactory(name="Haïti"), ThemeFactory(name="Sénégal"), ThemeFactory()
    a = CommuniqueFactory(themes=[haiti])
    b = CommuniqueFactory(themes=[senegal])
    CommuniqueFactory(themes=[other])
    found = client.get(f"/api/v1/communiques/?theme={haiti.slug}&theme={senegal.slug}").json()
    assert {item["pk"] for item in found["results"]} == {a.pk, b.pk}
    assert client.get("/api/v1/communiques/?theme=inconnu").status_code == 404


def test_date_ranges_read_the_date_the_site_shows(client):
    soon = EventFactory(starts_at=days_from_now(10))
    EventFactory(starts_at=days_from_now(40))
    day = (soon.starts_at + datetime.timedelta(hours=1)).date()
    found = client.get(f"/api/v1/agenda/?date_after={day}&date_before={day}").json()
    assert [item["pk"] for item in found["results"]] == [soon.pk]


def test_upcoming_and_past_events(client):
    past = EventFactory(starts_at=days_from_now(-20), ends_at=None)
    coming = EventFactory(starts_at=days_from_now(5))
    upcoming = client.get("/api/v1/agenda/?period=upcoming").json()
    assert [item["pk"] for item in upcoming["results"]] == [coming.pk]
    gone = client.get("/api/v1/agenda/?period=past").json()
    assert [item["pk"] for item in gone["results"]] == [past.pk]
    assert client.get("/api/v1/communiques/?period=upcoming").status_code == 200  # ignored
    assert client.get("/api/v1/agenda/?period=demain").status_code == 400


def test_an_event_says_when_where_and_whether_online(client):
    event = EventFactory(all_day=True, place="Lyon", online_url="https://visio.example.org/x")
    fields = client.get(f"/api/v1/agenda/{event.pk}/").json()["fields"]
    assert fields["all_day"] is True
    assert fields["place"] == "Lyon"
    assert fields["online_url"] == "https://visio.example.org/x"
    assert fields["starts_at"].endswith(("+01:00", "+02:00"))


def test_documents_come_with_title_format_size_and_download_address(client):
    communique = CommuniqueFactory()
    document = AttachmentFactory(item=communique, title="Rapport")
    files = client.get(f"/api/v1/communiques/{communique.pk}/").json()["files"]
    assert files == [
        {
            "title": "Rapport",
            "url": f"https://portail.example.org{document.get_absolute_url()}",
            "format": "PDF",
            "media_type": "application/pdf",
            "size": document.size,
        }
    ]


def test_themes_with_their_kinds_and_counts(client):
    haiti = ThemeFactory(name="Haïti", kind="pays-region")
    climat = ThemeFactory(name="Climat")
    CommuniqueFactory(themes=[haiti, climat])
    EventFactory(themes=[haiti])
    CommuniqueFactory(themes=[climat], draft=True)
    ThemeFactory(name="Vide")
    found = client.get("/api/v1/themes/").json()
    counts = {theme["name"]: theme["count"] for theme in found["results"]}
    assert counts == {"Climat": 1, "Haïti": 2}
    assert {kind["value"]: kind["count"] for kind in found["kinds"]} == {
        "thematique": 1,
        "pays-region": 1,
    }


def test_search_finds_what_recherche_finds_with_its_facets(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        CommuniqueFactory(title="Assises de la coopération", themes=[ThemeFactory(name="Haïti")])
        EventFactory(title="Coopération et climat")
        CommuniqueFactory(title="Coopération secrète", draft=True)
    found = client.get("/api/v1/recherche/?q=coopération").json()
    assert found["count"] == 2
    assert {option["value"] for option in found["facets"]["types"]} == {"communiques", "agenda"}
    assert all("<mark>" in hit["title_html"] for hit in found["results"])
    narrowed = client.get("/api/v1/recherche/?q=coopération&type=agenda").json()
    assert [hit["type"] for hit in narrowed["results"]] == ["agenda"]


def test_each_item_gets_its_own_themes_in_the_order_they_were_linked(client):
    # Items of two types with the same number: the one through table tells them apart.
    first, second, third = ThemeFactory(), ThemeFactory(), ThemeFactory()
    communique = CommuniqueFactory()
    event = EventFactory(pk=communique.pk)
    communique.themes.add(second)
    communique.themes.add(first)
    event.themes.add(third)
    news = NewsItemFactory()
    found = {
        item["id"]: [theme["slug"] for theme in item["themes"]]
        for item in client.get("/api/v1/contenus/").json()["results"]
    }
    assert found[f"communiques:{communique.pk}"] == [second.slug, first.slug]
    assert found[f"agenda:{event.pk}"] == [third.slug]
    assert found[f"actualites:{news.pk}"] == []
    detail = client.get(f"/api/v1/communiques/{communique.pk}/").json()
    assert [theme["slug"] for theme in detail["themes"]] == [second.slug, first.slug]
