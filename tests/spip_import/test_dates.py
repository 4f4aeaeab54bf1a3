"""Dates as SPIP shows them: ``date`` (not ``date_redac``), the site's ``post_dates``
setting for articles dated in the future, and implausible dates reported, never stored."""

import datetime

import pytest
from django.utils import timezone

from agenda.models import Event
from communiques.models import Communique
from tests.spip_import.helpers import run_import

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(spip):
    spip.rubrique(1, "Communiqués")
    return spip


def test_the_date_shown_is_date_not_date_redac(site, img):
    site.article(1, 1, "Assises", date="2024-03-14 10:00:00", date_redac="2024-03-10 00:00:00")
    run_import(site, img, communiques=[1])
    assert timezone.localdate(Communique.objects.get().published_at) == datetime.date(2024, 3, 14)


def test_a_future_article_is_public_now_when_post_dates_is_oui(site, img, client):
    site.setting("post_dates", "oui")
    site.article(1, 1, "Annoncé pour 2099", date="2099-01-01 10:00:00")
    report = run_import(site, img, communiques=[1])

    item = Communique.objects.get()
    assert item.published_at <= timezone.now()
    page = client.get(item.get_absolute_url())
    assert page.status_code == 200
    # It shows its SPIP date, as SPIP does, on its page and in its section's list.
    assert timezone.localdate(item.dated_at) == datetime.date(2099, 1, 1)
    assert 'Publié le <time datetime="2099-01-01T10:00:00+01:00">' in page.content.decode()
    assert "2099-01-01T10:00:00+01:00" in client.get("/communiques/").content.decode()
    assert any("article 1 : daté du 01/01/2099" in line for line in report.dates)
    # A second run keeps the date it was given: nothing changes.
    again = run_import(site, img, communiques=[1])
    assert again.counts[("Communiqués", "unchanged")] == 1
    assert Communique.objects.get().published_at == item.published_at


def test_a_future_article_waits_for_its_date_when_post_dates_is_non(site, img, client):
    site.setting("post_dates", "non")
    site.article(1, 1, "Annoncé pour 2099", date="2099-01-01 10:00:00")
    report = run_import(site, img, communiques=[1])

    item = Communique.objects.get()
    assert timezone.localdate(item.published_at) == datetime.date(2099, 1, 1)
    assert item.dated_at is None
    assert client.get(item.get_absolute_url()).status_code == 404
    assert report.dates == []


@pytest.mark.parametrize("date", ["0001-01-01 00:00:00", "0001-01-01 00:05:00", "1000-06-01"])
def test_an_implausible_date_is_reported_and_never_stored(site, img, client, date):
    site.article(1, 1, "Daté de l’an 1", date=date, texte="Texte cherchable")
    site.event(1, titre="Jamais", date_debut=date)
    report = run_import(site, img, communiques=[1])

    item = Communique.objects.get()
    assert item.published_at.year >= 1900
    assert any(line.startswith("article 1 : date invalide") for line in report.dates)
    assert any(line.startswith("événement 1 : date invalide") for line in report.skipped)
    assert not Event.objects.exists()
    # The search index was rebuilt after the import: the item's page and search answer.
    assert client.get(item.get_absolute_url()).status_code == 200
    assert client.get("/recherche/", {"q": "cherchable"}).status_code == 200
