"""The page cache under attack and across deploys (issue 20, findings 2, 3, 4 and 11).

Nobody fills it with junk (made-up words, host names, parameters a page does not read), a
deploy never serves or confirms a page of the previous release, the ETag says nothing of
the schedule, and If-Modified-Since is answered.
"""

import datetime
import json
import re
import uuid

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils.http import http_date

from cuf.operations import release
from cuf.publishing.services import item_unpublish
from tests.factories import CommuniqueFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "f"},
    }
    settings.ALLOWED_HOSTS = ["testserver", ".example.org"]
    yield
    caches["pages"].clear()
    release.release.cache_clear()


def entries() -> int:
    # Local memory: how many keys the page cache holds (no public count exists).
    return len(caches["pages"]._cache)


def test_made_up_search_words_and_parameters_pages_do_not_read_make_no_entry():
    CommuniqueFactory(title="Assises")
    ThemeFactory(name="Climat", slug="climat")
    for url in ("/", "/rss/", "/communiques/"):
        Client().get(url)
    before = entries()
    for _ in range(20):
        word = uuid.uuid4().hex
        for url in (
            f"/?q={word}",
            f"/rss/?q={word}",
            f"/recherche/?q={word}",
            "/rss/?theme=climat",
            "/sitemap.xml?page=2",
            "/communiques/rss/?page=3",
            "/agenda/?periode=zz",
        ):
            response = Client().get(url)
            assert response.status_code in (200, 404), url
            assert response.get("X-Cache") != "hit", url
    assert entries() == before


def test_host_variants_share_one_entry_and_every_address_is_on_site_url():
    item = CommuniqueFactory(title="Assises")
    first = Client().get(item.get_absolute_url(), HTTP_HOST="PoRtAiL.example.org:8821")
    assert first["X-Cache"] == "miss"
    for host in ("portail.example.org.", "portail.example.org:1", "autre.example.org"):
        response = Client().get(item.get_absolute_url(), HTTP_HOST=host)
        assert response["X-Cache"] == "hit", host
    page = first.text
    canonical = (
        f'<link rel="canonical" href="https://portail.example.org{item.get_absolute_url()}">'
    )
    assert canonical in page
    assert "8821" not in page and "PoRtAiL" not in page
    feed = Client().get("/rss/", HTTP_HOST="autre.example.org:8443").text
    assert f"<guid>https://portail.example.org{item.get_absolute_url()}</guid>" in feed
    assert "autre.example.org" not in feed
    sitemap = Client().get("/sitemap.xml", HTTP_HOST="autre.example.org").text
    assert "<loc>https://portail.example.org/</loc>" in sitemap
    assert "autre" not in sitemap


def test_a_deploy_with_new_static_files_misses_old_pages_and_old_etags(settings, tmp_path):
    """collectstatic writes a new manifest (a CSS change): the next process serves no page
    of the previous release and confirms none of its ETags."""
    settings.STATIC_ROOT = tmp_path
    manifest = tmp_path / "staticfiles.json"
    manifest.write_text(json.dumps({"paths": {"cuf/css/site.css": "cuf/css/site.aaaa.css"}}))
    release.release.cache_clear()
    CommuniqueFactory(title="Assises")
    old = Client().get("/communiques/")
    assert Client().get("/communiques/")["X-Cache"] == "hit"
    assert Client().get("/communiques/", HTTP_IF_NONE_MATCH=old["ETag"]).status_code == 304

    manifest.write_text(json.dumps({"paths": {"cuf/css/site.css": "cuf/css/site.bbbb.css"}}))
    release.release.cache_clear()  # a gunicorn reload: new workers read the release again

    new = Client().get("/communiques/", HTTP_IF_NONE_MATCH=old["ETag"])
    assert new.status_code == 200
    assert new["X-Cache"] == "miss"
    assert new["ETag"] != old["ETag"]


def test_the_etag_is_opaque_and_says_nothing_of_a_scheduled_draft(settings):
    CommuniqueFactory(title="Assises")
    plain = Client().get("/")["ETag"]
    moment = datetime.datetime(2031, 5, 4, 17, 17, 17, tzinfo=datetime.UTC)
    CommuniqueFactory(title="Embargo", published_at=moment)
    scheduled = Client().get("/")["ETag"]
    for etag in (plain, scheduled):
        assert re.fullmatch(r'W/"[0-9a-f]{32}"', etag), etag
        assert str(int(moment.timestamp())) not in etag
    assert scheduled != plain
    # Keyed: another SECRET_KEY gives another tag for the same state.
    settings.SECRET_KEY = "une-autre-cle-" + "z" * 40
    assert Client().get("/")["ETag"] != scheduled


def test_feeds_answer_if_modified_since_and_a_change_is_never_hidden():
    item = CommuniqueFactory(title="Assises")
    CommuniqueFactory(title="Plus ancien", published_at=item.published_at - datetime.timedelta(1))
    first = Client().get("/rss/")
    assert first.status_code == 200
    since = first["Last-Modified"]
    assert Client().get("/rss/", HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    # The newest entry leaves: the feed's newest date stays the same, the answer changes.
    item_unpublish(item=item)
    later = http_date(datetime.datetime.now(datetime.UTC).timestamp() + 1)
    response = Client().get("/rss/", HTTP_IF_MODIFIED_SINCE=since)
    assert response.status_code == 200
    assert "Assises" not in response.text
    assert Client().get("/rss/", HTTP_IF_MODIFIED_SINCE=later).status_code == 304
