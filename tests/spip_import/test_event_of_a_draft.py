"""An event linked to an article that is not published: the event is imported, never
the article's text nor its date (page, JSON-LD, calendars, search, old address)."""

import datetime

import pytest
from django.utils import timezone

from agenda.models import Event
from tests.spip_import.helpers import run_import

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "Compte rendu confidentiel du brouillon"


@pytest.fixture
def imported(spip, img):
    spip.rubrique(2, "Actualités")
    spip.article(
        8, 2, "Mission à Sfax (brouillon)", statut="prepa", texte=SECRET, date="2026-12-07 03:04:45"
    )
    spip.article(9, 2, "Mission publiée", texte="Le texte public.", date="2025-01-02 10:00:00")
    spip.event(
        5,
        id_article=8,
        titre="Mission technique à Sfax",
        descriptif="Une semaine d’échanges.",
        date_debut="2025-03-10 00:00:00",
        date_fin="2025-03-14 00:00:00",
        horaire="non",
    )
    spip.event(
        6, id_article=9, titre="Restitution", date_debut="2030-04-10 10:00:00", horaire="oui"
    )
    run_import(spip, img, actualites=[2])
    return Event.objects.get(title="Mission technique à Sfax")


def test_the_event_is_public_without_its_draft_articles_text(imported, client):
    assert imported.status == "published"
    assert "Une semaine d’échanges." in imported.body
    assert SECRET not in imported.body
    page = client.get(imported.get_absolute_url())
    assert page.status_code == 200
    assert SECRET not in page.content.decode()  # the page and its JSON-LD
    for address in ("/agenda.ics", f"/agenda/{imported.slug}.ics"):
        calendar = client.get(address)
        assert calendar.status_code == 200
        assert SECRET not in calendar.content.decode()
    results = client.get("/recherche/", {"q": "confidentiel"})
    assert SECRET not in results.content.decode()
    assert "Mission technique" not in results.content.decode()
    old = client.get("/?page=evenement&id_evenement=5", follow=True)
    assert SECRET not in old.content.decode()


def test_its_date_is_not_the_draft_articles(imported):
    # The draft was started on the import's day: the event is dated by itself.
    assert timezone.localdate(imported.published_at) == datetime.date(2025, 3, 10)


def test_an_event_of_a_published_article_carries_its_text(imported):
    assert "Le texte public." in Event.objects.get(title="Restitution").body
