"""HTTP as the standards audit read it (issue 20, finding 11): methods, headers,
validators, and identifiers that do not depend on the name a visitor used."""

import icalendar
import pytest
from django.test import Client

from tests.factories import AttachmentFactory, CommuniqueFactory, EventFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("url", ["/", "/communiques/", "/rss/", "/robots.txt", "/agenda/"])
def test_a_post_to_a_page_is_405_with_allow_not_a_csrf_failure(csrf_client, url):
    response = csrf_client.post(url, {"x": "y"})
    assert response.status_code == 405
    allowed = {method.strip() for method in response["Allow"].split(",")}
    assert {"GET", "HEAD"} <= allowed
    assert "POST" not in allowed


def test_a_post_to_a_theme_page_and_a_feed_of_it_is_405(csrf_client):
    theme = ThemeFactory(name="Climat")
    for url in (theme.get_absolute_url(), f"/themes/{theme.slug}/rss/"):
        assert csrf_client.post(url, {"x": "y"}).status_code == 405, url


def test_forms_that_take_a_post_still_check_the_csrf_token(csrf_client):
    assert csrf_client.post("/admin/login/", {"username": "x"}).status_code == 403
    assert csrf_client.post("/admin/mot-de-passe-oublie/", {"email": "a@b.c"}).status_code == 403


def test_pages_send_a_permissions_policy_that_turns_off_what_the_portal_never_uses(client):
    policy = client.get("/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
    assert "fullscreen=(self" in policy


@pytest.mark.parametrize("url", ["/", "/communiques/", "/rss/", "/robots.txt"])
def test_a_french_only_site_does_not_vary_by_accept_language(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert "accept-language" not in response.get("Vary", "").lower()
    assert 'lang="fr"' in response.text or url != "/"


def test_a_download_has_a_validator_and_is_revalidated_without_its_bytes(client):
    document = AttachmentFactory(title="Programme")
    first = client.get(document.get_absolute_url())
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"')
    again = client.get(document.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    # A range of the same version is answered as a range (If-Range), another is whole.
    ranged = client.get(document.get_absolute_url(), HTTP_RANGE="bytes=0-3", HTTP_IF_RANGE=etag)
    assert ranged.status_code == 206
    stale = client.get(document.get_absolute_url(), HTTP_RANGE="bytes=0-3", HTTP_IF_RANGE='"autre"')
    assert stale.status_code == 200


def test_a_drafts_document_is_404_even_with_its_validator(client):
    document = AttachmentFactory(item__draft=True)
    from cuf.files.serving import file_etag

    response = client.get(document.get_absolute_url(), HTTP_IF_NONE_MATCH=file_etag("x"))
    assert response.status_code == 404


def test_calendar_uids_and_feed_ids_are_the_same_under_any_host_name(settings):
    settings.ALLOWED_HOSTS = [".example.org", "testserver"]
    event = EventFactory(title="Assises")
    CommuniqueFactory(title="Communiqué")
    uids, guids = set(), set()
    for host in ("portail.example.org", "PORTAIL.example.org:8443", "autre.example.org"):
        client = Client(HTTP_HOST=host)
        calendar = icalendar.Calendar.from_ical(client.get(f"/agenda/{event.slug}.ics").content)
        uids.update(str(part["UID"]) for part in calendar.walk("VEVENT"))
        guids.add(client.get("/rss/").text.split("<guid")[1].split("</guid>")[0])
        atom = client.get("/atom/").text
        assert "<id>https://portail.example.org/" in atom
        assert "autre" not in atom and "8443" not in atom
    assert uids == {f"evenement-{event.pk}@portail.example.org"}
    assert len(guids) == 1 and "https://portail.example.org/" in guids.pop()
