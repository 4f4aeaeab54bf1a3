"""What the API promises for every registered type (the test-only "publications" type
included, which gets its endpoints from its registration alone): a draft, scheduled or
expired item never leaks; a published one appears with the fields every item has."""

import pytest
from django.test import Client

from cuf import content_types
from tests.factories import ThemeFactory, factory_for

pytestmark = pytest.mark.django_db

TYPES = content_types.all_types()
UNPUBLISHED = ["draft", "scheduled", "expired"]
# A list, whatever its page size: the version (ETag), the count, the page's rows, their
# themes and at most one prefetch of the type's own (a communiqué's documents).
LIST_MAX_QUERIES = 6
DETAIL_MAX_QUERIES = 5


@pytest.fixture(params=TYPES, ids=[config.key for config in TYPES])
def config(request):
    return request.param


@pytest.fixture
def make(config):
    return factory_for(config)


def test_every_type_has_a_list_and_a_detail_from_its_registration(client):
    root = client.get("/api/v1/").json()
    for config in TYPES:
        assert root[config.key] == f"https://portail.example.org/api/v1/{config.key}/"
    assert "publications" in root  # tests/publications declares nothing for the API


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_an_unpublished_item_never_leaks(config, make, client, staff_client, state):
    hidden = make(**{state: True}, title=f"Caché {state}")
    for visitor in (client, staff_client):
        listed = visitor.get(f"/api/v1/{config.key}/").json()
        assert hidden.pk not in [item["pk"] for item in listed["results"]]
        everything = visitor.get("/api/v1/contenus/").json()
        assert f"{config.key}:{hidden.pk}" not in [item["id"] for item in everything["results"]]
        detail = visitor.get(f"/api/v1/{config.key}/{hidden.pk}/")
        assert detail.status_code == 404
        assert detail["Content-Type"].startswith("application/problem+json")


def test_a_published_item_appears_with_every_common_field(config, make, client):
    theme = ThemeFactory(name="Haïti", slug="haiti")
    item = make(title="Assises", slug="assises-2024", surtitre="CUF", themes=[theme])
    found = client.get(f"/api/v1/{config.key}/{item.pk}/").json()
    assert found["id"] == f"{config.key}:{item.pk}"
    assert found["type"] == config.key
    assert found["title"] == "Assises"
    assert found["surtitre"] == "CUF"
    assert found["access"] == "full"
    assert found["url"] == f"https://portail.example.org{item.get_absolute_url()}"
    assert found["api_url"] == f"https://portail.example.org/api/v1/{config.key}/{item.pk}/"
    assert found["themes"] == [
        {
            "slug": "haiti",
            "name": "Haïti",
            "kind": "thematique",
            "url": "https://portail.example.org/themes/haiti/",
        }
    ]
    for name in ("published_at", "updated_at", "date", "summary", "files", "images", "fields"):
        assert name in found
    assert set(found["fields"]) == set(config.api.fields)
    if config.api.body:
        assert found["body_html"].startswith("<p>")
        assert "<" not in found["body_text"]


def test_the_identifier_survives_a_rename(config, make, client):
    item = make(slug="avant")
    item.slug, item.title = "apres", "Nouveau titre"
    item.save()
    found = client.get(f"/api/v1/{config.key}/{item.pk}/").json()
    assert found["id"] == f"{config.key}:{item.pk}"
    assert found["url"].endswith("/apres/")


def test_addresses_follow_the_site_address_not_the_host_asked(config, make, client):
    item = make()
    found = client.get(f"/api/v1/{config.key}/{item.pk}/", HTTP_HOST="localhost").json()
    assert found["url"].startswith("https://portail.example.org/")


def test_a_list_runs_a_fixed_number_of_queries_whatever_its_size(
    config, make, django_assert_max_num_queries
):
    theme = ThemeFactory()
    for _ in range(12):
        make(themes=[theme])
    for size in (1, 12):
        with django_assert_max_num_queries(LIST_MAX_QUERIES):
            response = Client().get(f"/api/v1/{config.key}/?page_size={size}")
        assert len(response.json()["results"]) == size


def test_a_detail_runs_a_fixed_number_of_queries_whatever_its_themes(
    config, make, django_assert_max_num_queries
):
    few = make(themes=[ThemeFactory()])
    many = make(themes=[ThemeFactory() for _ in range(8)])
    for item, count in ((few, 1), (many, 8)):
        # The version, the row, its themes, one per relation of the type.
        with django_assert_max_num_queries(DETAIL_MAX_QUERIES):
            response = Client().get(f"/api/v1/{config.key}/{item.pk}/")
        assert len(response.json()["themes"]) == count
