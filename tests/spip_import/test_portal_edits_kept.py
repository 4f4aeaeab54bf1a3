"""A second run of the import keeps what editors corrected in the admin since the first:
the item edited on the portal stays as they saved it, and the report names it; the
items nobody edited still follow SPIP."""

import pytest

from actualites.models import NewsItem
from agenda.models import Event
from tests.admin_forms import admin_form_data
from tests.spip_import.helpers import run_import

pytestmark = pytest.mark.django_db(transaction=True)

NEWS = "/admin/actualites/newsitem/"
EVENTS = "/admin/agenda/event/"


def _save_in_the_admin(client, change: str, **fields) -> None:
    data = admin_form_data(client.get(change))
    data.update(fields)
    response = client.post(change, data)
    assert response.status_code == 302, response.context and response.context.get("errors")


def test_an_item_corrected_in_the_admin_keeps_its_correction_after_a_second_import(
    spip, img, superuser_client
):
    spip.rubrique(2, "Actualités")
    spip.article(1, 2, "Les chiffres clés", chapo="Résumé de SPIP.", texte="Le texte.")
    spip.article(2, 2, "Tiznit : un forage", texte="Le forage.")
    spip.event(5, id_article=2, titre="Inauguration", date_debut="2030-04-10 10:00:00")
    run_import(spip, img, actualites=[2])
    corrected = NewsItem.objects.get(title="Les chiffres clés")
    _save_in_the_admin(superuser_client, f"{NEWS}{corrected.pk}/change/", summary="Résumé corrigé.")
    event = Event.objects.get(title="Inauguration")
    _save_in_the_admin(
        superuser_client, f"{EVENTS}{event.pk}/change/", place="Salle des fêtes de Tiznit"
    )

    # Meanwhile SPIP changed all three.
    spip.execute("UPDATE spip_articles SET chapo = 'Résumé revu dans SPIP.' WHERE id_article = 1")
    spip.execute("UPDATE spip_articles SET texte = 'Le forage est fini.' WHERE id_article = 2")
    spip.execute("UPDATE spip_evenements SET lieu = 'Mairie' WHERE id_evenement = 5")
    report = run_import(spip, img, actualites=[2])

    assert NewsItem.objects.get(pk=corrected.pk).summary == "Résumé corrigé."
    assert Event.objects.get(pk=event.pk).place == "Salle des fêtes de Tiznit"
    # Nobody edited the other one on the portal: it follows SPIP.
    assert "Le forage est fini." in NewsItem.objects.get(title="Tiznit : un forage").body
    said = "\n".join(report.lines())
    assert "Modifiés sur le portail depuis leur import (gardés tels quels) : 2" in said
    assert "article 1 : « Les chiffres clés »" in said
    assert "événement 5 : « Inauguration »" in said

    # And at every later run, as long as SPIP has it.
    again = "\n".join(run_import(spip, img, actualites=[2]).lines())
    assert NewsItem.objects.get(pk=corrected.pk).summary == "Résumé corrigé."
    assert "article 1 : « Les chiffres clés »" in again


def test_an_item_deleted_on_the_portal_comes_back_with_spips_version(spip, img, superuser_client):
    spip.rubrique(2, "Actualités")
    spip.article(1, 2, "Les chiffres clés", chapo="Résumé de SPIP.", texte="Le texte.")
    run_import(spip, img, actualites=[2])
    item = NewsItem.objects.get()
    _save_in_the_admin(superuser_client, f"{NEWS}{item.pk}/change/", summary="Corrigé.")
    item.delete()
    run_import(spip, img, actualites=[2])
    assert NewsItem.objects.get().summary == "Résumé de SPIP."
