"""A partner that keeps a copy of the API's items and comes back with ``updated_since``
(and reads /api/v1/retraits/) ends with exactly what the site shows, after publishes,
edits, theme changes, unpublications, deletions and an end of publication."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from cuf.publishing.services import item_publish, item_unpublish
from tests.factories import AttachmentFactory, CommuniqueFactory, EventFactory, ThemeFactory
from tests.helpers import days_from_now

pytestmark = pytest.mark.django_db


class Partner:
    """Stores items by their stable identifier; syncs from the time of its last visit."""

    def __init__(self):
        self.client = Client()
        self.items: dict[str, dict] = {}
        self.last_visit: datetime.datetime | None = None

    def _pages(self, url, params):
        response = self.client.get(url, params)
        assert response.status_code == 200, response.content
        page = response.json()
        while True:
            yield from page["results"]
            if not page["next"]:
                return
            page = self.client.get(page["next"].removeprefix("https://portail.example.org"))
            page = page.json()

    def sync(self):
        now = timezone.now()
        params = {"page_size": 2}
        removed = {"page_size": 2}
        if self.last_visit is not None:
            params["updated_since"] = self.last_visit.isoformat()
            removed["since"] = self.last_visit.isoformat()
        for gone in self._pages("/api/v1/retraits/", removed):
            self.items.pop(gone["id"], None)
        for item in self._pages("/api/v1/contenus/", params):
            self.items[item["id"]] = item
        self.last_visit = now


def site_shows() -> dict[str, str]:
    everything = Client().get("/api/v1/contenus/", {"page_size": 100}).json()["results"]
    return {item["id"]: item["title"] for item in everything}


def titles(partner: Partner) -> dict[str, str]:
    return {key: item["title"] for key, item in partner.items.items()}


def test_a_syncing_partner_ends_with_what_the_site_shows(monkeypatch):
    partner = Partner()
    kept = CommuniqueFactory(title="Gardé")
    edited = CommuniqueFactory(title="Avant")
    unpublished = EventFactory(title="Dépublié bientôt")
    deleted = CommuniqueFactory(title="Supprimé bientôt")
    expiring = CommuniqueFactory(title="Expire bientôt", expires_at=days_from_now(1))
    scheduled = CommuniqueFactory(title="Programmé", published_at=days_from_now(2))
    draft = CommuniqueFactory(title="Brouillon", draft=True)
    partner.sync()
    assert titles(partner) == site_shows()
    assert len(partner.items) == 5

    edited.title = "Après"
    edited.save()
    theme = ThemeFactory(name="Haïti")
    kept.themes.add(theme)
    AttachmentFactory(item=kept)
    item_unpublish(item=unpublished)
    deleted.delete()
    item_publish(item=draft)
    partner.sync()
    assert titles(partner) == site_shows()
    assert partner.items[f"communiques:{kept.pk}"]["themes"][0]["name"] == "Haïti"
    assert len(partner.items[f"communiques:{kept.pk}"]["files"]) == 1

    theme.name = "Haïti (Caraïbes)"
    theme.save()
    partner.sync()
    assert partner.items[f"communiques:{kept.pk}"]["themes"][0]["name"] == "Haïti (Caraïbes)"

    # Three days later, with no write: the end of publication passed and the scheduled
    # item's time came.
    later = timezone.now() + datetime.timedelta(days=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    partner.sync()
    shown = site_shows()
    assert f"communiques:{expiring.pk}" not in shown
    assert f"communiques:{scheduled.pk}" in shown
    assert titles(partner) == shown
    item_publish(item=unpublished)
    partner.sync()
    assert titles(partner) == site_shows()
    assert f"agenda:{unpublished.pk}" in partner.items


def test_tombstones_say_why_an_item_left(client, monkeypatch):
    unpublished = CommuniqueFactory()
    deleted = EventFactory()
    expired = CommuniqueFactory(expires_at=days_from_now(1))
    item_unpublish(item=unpublished)
    deleted_pk = deleted.pk
    deleted.delete()
    later = timezone.now() + datetime.timedelta(days=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    found = client.get("/api/v1/retraits/").json()["results"]
    assert len(found) == 3
    reasons = {row["id"]: row["reason"] for row in found}
    assert reasons[f"communiques:{unpublished.pk}"] == "unpublished"
    assert reasons[f"agenda:{deleted_pk}"] == "deleted"
    assert reasons[f"communiques:{expired.pk}"] == "expired"
