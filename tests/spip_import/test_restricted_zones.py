"""SPIP's "Accès restreint" zones become items reserved to members, reported."""

import pytest

from agenda.models import Event
from communiques.models import Communique
from tests.spip_import.helpers import run_import
from tests.spip_import.spip_site import add_zone

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(spip):
    spip.rubrique(1, "Communiqués")
    spip.rubrique(5, "Groupes-pays", id_parent=1)
    spip.rubrique(6, "Comptes rendus", id_parent=5)
    spip.article(10, 1, "Communiqué public", texte="Pour tous.")
    spip.article(11, 6, "Compte rendu du groupe-pays", texte="Pour les adhérents.")
    spip.article(12, 1, "Note interne", texte="Réservée.")
    spip.article(13, 1, "Zone de l’espace privé", texte="Rien de restreint en public.")
    return spip


def test_a_site_without_the_plugin_imports_everything_public(site, img):
    report = run_import(site, img, communiques=[1])
    assert set(Communique.objects.values_list("access", flat=True)) == {"public"}
    assert report.restricted == []


def test_articles_of_a_restricted_rubrique_or_linked_to_a_zone_are_reserved(site, img):
    add_zone(site, 1, "Adhérents", rubrique=[5], article=[12], auteur=[3])
    add_zone(site, 2, "Rédaction", publique="non", article=[13])
    site.event(1, id_article=11, titre="Réunion du groupe-pays", date_debut="2024-06-03 10:00:00")
    report = run_import(site, img, communiques=[1])

    access = dict(Communique.objects.values_list("title", "access"))
    assert access == {
        "Communiqué public": "public",
        "Compte rendu du groupe-pays": "members",  # a sub-rubrique of a restricted one
        "Note interne": "members",
        "Zone de l’espace privé": "public",
    }
    assert Event.objects.get().access == "members"
    assert "article 11 : zone « Adhérents »" in report.restricted
    assert "événement 1 : zone « Adhérents »" in report.restricted
    lines = report.lines()
    assert "Réservés aux adhérents (zones d’Accès restreint) : 3" in lines


def test_a_zone_lifted_in_spip_makes_the_item_public_at_the_next_run(site, img):
    add_zone(site, 1, "Adhérents", article=[12])
    run_import(site, img, communiques=[1])
    assert Communique.objects.get(title="Note interne").access == "members"
    site.execute("DELETE FROM spip_zones_liens")
    run_import(site, img, communiques=[1])
    assert Communique.objects.get(title="Note interne").access == "public"


def test_an_item_reserved_on_the_portal_stays_reserved_when_the_import_runs_again(site, img):
    # A site without the plugin says nothing of who may read: what editors reserved on the
    # portal since the first run must not become public (body, files, feeds) at the next.
    site.event(1, id_article=12, titre="Réunion interne", date_debut="2024-06-03 10:00:00")
    run_import(site, img, communiques=[1])
    Communique.objects.filter(title="Note interne").update(access="members")
    Event.objects.update(access="members")
    report = run_import(site, img, communiques=[1])
    assert Communique.objects.get(title="Note interne").access == "members"
    assert Event.objects.get().access == "members"
    assert Communique.objects.get(title="Communiqué public").access == "public"
    assert report.restricted == []


def test_an_event_carrying_the_text_of_an_article_reserved_on_the_portal_is_reserved(site, img):
    # The event's page shows its article's text: reserving the article on the portal must
    # not leave that text public through the event at the next run.
    site.event(1, id_article=12, titre="Réunion interne", date_debut="2024-06-03 10:00:00")
    run_import(site, img, communiques=[1])
    assert "Réservée." in Event.objects.get().body
    Communique.objects.filter(title="Note interne").update(access="members")
    run_import(site, img, communiques=[1])
    assert Event.objects.get().access == "members"
