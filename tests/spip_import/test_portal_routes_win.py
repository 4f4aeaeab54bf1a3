"""A legacy readable address never shadows a route of the portal (issue 20, finding 7)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from communiques.models import Communique
from spip_import.models import LegacyAddress, SpipObject
from tests.factories import CommuniqueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported_article():
    item = CommuniqueFactory(title="Article importé", slug="article-importe")
    SpipObject.objects.create(
        spip_type="article",
        spip_id=12,
        content_type=ContentType.objects.get_for_model(Communique),
        object_id=item.pk,
    )
    return item


@pytest.mark.parametrize("old", ["admin", "admin/", "communiques", "recherche", "agenda", "rss"])
def test_a_legacy_address_named_like_a_portal_route_never_wins(client, imported_article, old):
    LegacyAddress.objects.create(old=old.strip("/"), spip_type="article", spip_id=12)
    response = client.get("/" + old)
    target = response.get("Location", "")
    assert imported_article.get_absolute_url() not in target
    if response.status_code in (301, 302):
        assert target.rstrip("/").endswith(old.strip("/"))


def test_a_legacy_address_that_is_no_route_still_redirects(client, imported_article):
    LegacyAddress.objects.create(old="mon-vieil-article", spip_type="article", spip_id=12)
    response = client.get("/mon-vieil-article")
    assert response.status_code == 301
    assert response["Location"] == imported_article.get_absolute_url()
