"""Feeds as their specifications require: an author for every Atom entry (RFC 4287
§4.1.1), RSS's self link with its type, and enclosures podcast apps can fetch."""

import xml.etree.ElementTree as ET

import feedparser
import pytest

from cuf import content_types
from resources.models import Resource
from tests.factories import (
    CommuniqueFactory,
    EventFactory,
    NewsItemFactory,
    ThemeFactory,
    every_type_factory,
    resource_with_file,
)
from tests.files import image_upload, pdf_upload, wav_upload

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://portail.example.org"


def feed_addresses(theme) -> list[str]:
    sections = [config.list_url for config in content_types.all_types()]
    return ["/", *sections, theme.get_absolute_url()]


@pytest.fixture
def site():
    theme = ThemeFactory(name="Haïti")
    for factory in every_type_factory():
        factory(themes=[theme])
    CommuniqueFactory(issuer="MEAE/DAECT", title="Appel", themes=[theme])
    NewsItemFactory(source="", title="Sans source", themes=[theme])
    return theme


def test_every_atom_entry_has_an_author_and_so_has_every_atom_feed(client, site):
    for address in feed_addresses(site):
        response = client.get(f"{address}atom/")
        assert response.status_code == 200, address
        root = ET.fromstring(response.content)
        assert root.findtext(f"{ATOM}author/{ATOM}name") == "Cités Unies France", address
        entries = root.findall(f"{ATOM}entry")
        assert entries, address
        for entry in entries:
            assert entry.findtext(f"{ATOM}author/{ATOM}name"), (
                address,
                entry.findtext(f"{ATOM}title"),
            )
        links = root.findall(f"{ATOM}link[@rel='self']")
        assert [link.get("type") for link in links] == ["application/atom+xml"], address


def test_an_entry_s_author_is_its_issuing_body_else_the_network(client, site):
    feed = feedparser.parse(client.get("/communiques/atom/").content)
    authors = {entry.title: entry.author for entry in feed.entries}
    assert authors["Appel"] == "MEAE/DAECT"
    news = feedparser.parse(client.get("/actualites/atom/").content)
    assert {entry.title: entry.author for entry in news.entries}["Sans source"] == (
        "Cités Unies France"
    )


def test_every_rss_feed_gives_its_own_address_with_its_type(client, site):
    for address in feed_addresses(site):
        response = client.get(f"{address}rss/")
        root = ET.fromstring(response.content)
        [link] = root.findall(f"channel/{ATOM}link")
        assert link.get("rel") == "self"
        assert link.get("type") == "application/rss+xml"
        assert link.get("href") == f"{SITE}{address}rss/"


@pytest.mark.parametrize("flavour", ["rss", "atom"])
def test_sound_photo_and_pdf_resources_come_with_their_file(client, flavour):
    sound = resource_with_file(kind=Resource.Kind.SOUND, upload=wav_upload(), title="Podcast")
    photo = resource_with_file(kind=Resource.Kind.PHOTO, upload=image_upload(), title="Forage")
    text = resource_with_file(kind=Resource.Kind.TEXT, upload=pdf_upload(), title="Guide")
    for address in ("/ressources/", "/"):
        feed = feedparser.parse(client.get(f"{address}{flavour}/").content)
        assert not feed.bozo
        enclosures = {
            entry.title: [(e.href, int(e.length), e.type) for e in entry.enclosures]
            for entry in feed.entries
        }
        assert enclosures["Podcast"] == [(f"{SITE}{sound.file_url}", sound.size, "audio/wav")]
        assert enclosures["Forage"] == [(f"{SITE}{photo.file_url}", photo.size, "image/png")]
        assert enclosures["Guide"] == [(f"{SITE}{text.file_url}", text.size, "application/pdf")]


def test_an_event_s_entry_has_no_enclosure(client):
    EventFactory(title="Forum")
    feed = feedparser.parse(client.get("/agenda/rss/").content)
    assert feed.entries[0].enclosures == []
