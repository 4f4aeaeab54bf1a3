"""HTTP as a partner's client sees it: JSON with its charset, validators and 304, cache
headers, CORS, read-only methods, problems in French, the rate limit, the page cache,
and no server error whatever the query string."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cuf.members.models import Member, MemberOrganisation
from tests.factories import CommuniqueFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_json_with_its_charset_and_cors_for_anyone(client):
    CommuniqueFactory()
    response = client.get("/api/v1/communiques/", HTTP_ORIGIN="https://ville.example.fr")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert client.get("/api/v1/openapi.json")["Content-Type"].endswith("charset=utf-8")


def test_a_preflight_allows_reading_only(client):
    response = client.options("/api/v1/communiques/")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_etag_gives_a_304_until_something_changes(client):
    CommuniqueFactory()
    first = client.get("/api/v1/communiques/")
    assert first["ETag"].startswith('W/"')
    assert first["Cache-Control"].startswith("public, max-age=0")
    again = client.get("/api/v1/communiques/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    CommuniqueFactory()
    changed = client.get("/api/v1/communiques/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed.json()["count"] == 2


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_refused_with_a_405_in_french(client, method):
    item = CommuniqueFactory()
    response = getattr(client, method)(f"/api/v1/communiques/{item.pk}/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Content-Type"] == "application/problem+json; charset=utf-8"
    assert response.json()["title"] == "Méthode non autorisée"


def test_head_answers_without_a_body(client):
    CommuniqueFactory()
    response = client.head("/api/v1/communiques/")
    assert response.status_code == 200
    assert response.content == b""


def test_errors_are_problems_in_french_naming_the_parameter(client):
    response = client.get("/api/v1/agenda/?updated_since=hier&page=zéro")
    assert response.status_code == 400
    problem = response.json()
    assert problem["status"] == 400
    assert problem["title"] == "Requête invalide"
    assert {error["parameter"] for error in problem["errors"]} == {"updated_since", "page"}
    assert "doit être une date et une heure ISO 8601" in problem["detail"]
    unknown = client.get("/api/v1/nulle-part/")
    assert unknown.status_code == 404
    assert unknown["Content-Type"].startswith("application/problem+json")


def test_a_client_over_the_limit_gets_429_with_retry_after(settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    caches["default"].clear()
    client = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [client.get("/api/v1/themes/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/themes/")
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Pas plus de 3 requêtes par minute" in refused.json()["detail"]
    assert Client(REMOTE_ADDR="203.0.113.10").get("/api/v1/themes/").status_code == 200


def test_an_ipv6_client_is_counted_by_its_network(settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    caches["default"].clear()
    statuses = [
        Client(REMOTE_ADDR=f"2001:db8:5:6::{n}").get("/api/v1/themes/").status_code
        for n in range(1, 5)
    ]
    assert statuses == [200, 200, 200, 429]
    assert Client(REMOTE_ADDR="2001:db8:5:7::1").get("/api/v1/themes/").status_code == 200


@pytest.mark.parametrize("page_cache", [False, True])
def test_the_etag_says_nothing_of_a_scheduled_draft_to_anyone(settings, page_cache):
    # The page cache's ETag is opaque (tests/cuf/test_page_cache_flooding.py); the API's
    # must be too, for a request with a session (which the page cache leaves alone: any
    # "sessionid" cookie will do) and for every request where the page cache is off.
    settings.PAGE_CACHE = page_cache
    CommuniqueFactory(title="Assises")
    moment = (timezone.now() + datetime.timedelta(minutes=2)).replace(microsecond=0)
    CommuniqueFactory(title="Embargo", published_at=moment)  # the next boundary
    user = get_user_model().objects.create_user("lea@gers.example", password="x" * 20)
    organisation = MemberOrganisation.objects.create(name="Gers", kind="departement")
    Member.objects.create(user=user, organisation=organisation)
    member = Client()
    member.force_login(user)
    with_cookie = Client()
    with_cookie.cookies["sessionid"] = "nimporte-quoi"
    tags = {
        who: client.get("/api/v1/communiques/")["ETag"]
        for who, client in {"visitor": Client(), "cookie": with_cookie, "member": member}.items()
    }
    for who, etag in tags.items():
        assert re.fullmatch(r'W/"[0-9a-f]{32}"', etag), (who, etag)
        assert str(int(moment.timestamp())) not in etag
    assert tags["member"] != tags["visitor"]
    assert member.get("/api/v1/communiques/", HTTP_IF_NONE_MATCH=tags["member"]).status_code == 304


def test_the_api_goes_through_the_never_stale_page_cache(settings):
    settings.PAGE_CACHE = True
    caches["default"].clear()
    CommuniqueFactory()
    first = Client().get("/api/v1/communiques/?page_size=5")
    second = Client().get("/api/v1/communiques/?page_size=5")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second["Access-Control-Allow-Origin"] == "*"
    CommuniqueFactory()
    third = Client().get("/api/v1/communiques/?page_size=5")
    assert third["X-Cache"] == "miss"
    assert third.json()["count"] == 2
    caches["default"].clear()


def test_the_documentation_page_is_a_plain_page_with_curl_examples(client):
    page = client.get("/api/v1/documentation/")
    assert page.status_code == 200
    text = page.text
    assert "curl -s &#x27;https://portail.example.org/api/v1/agenda/?period=upcoming&#x27;" in text
    assert "<script" not in text.split("</main>")[0].split("<main")[1]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    path=st.sampled_from(
        ["/api/v1/contenus/", "/api/v1/agenda/", "/api/v1/recherche/", "/api/v1/retraits/"]
    ),
    query=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "page",
                    "page_size",
                    "theme",
                    "type",
                    "q",
                    "updated_since",
                    "date_after",
                    "since",
                    "period",
                    "year",
                    "x",
                ]
            ),
            st.text(max_size=30),
        ),
        max_size=4,
    ),
)
def test_no_query_string_makes_a_server_error(path, query):
    EventFactory.build()  # nothing saved: the lists may be empty, the answers must hold
    response = Client().get(path, dict(query) if query else {})
    assert response.status_code in (200, 400, 404)
    assert response["Content-Type"].endswith("charset=utf-8")
