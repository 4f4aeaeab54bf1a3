"""Theme pages list what a first import tagged: the links written in bulk carry their
items' copies (status, dates, title, address), which theme pages read."""

import pytest

from cuf.themes.models import Theme
from tests.spip_import.helpers import run_import

pytestmark = pytest.mark.django_db(transaction=True)


def test_theme_page_lists_the_items_of_a_first_import(spip, img, client):
    spip.rubrique(1, "Communiqués")
    spip.rubrique(2, "Actualités")
    spip.groupe(1, "Thèmes")
    spip.mot(1, "Eau", 1)
    spip.article(1, 1, "Un forage à Tiznit")
    spip.article(2, 2, "Des châteaux d’eau")
    spip.article(3, 2, "Un brouillon sur l’eau", statut="prepa")
    spip.event(1, titre="Inauguration du forage", date_debut="2024-04-18 10:30:00")
    for objet, id_objet in (("article", 1), ("article", 2), ("article", 3), ("evenement", 1)):
        spip.tag(1, objet, id_objet)
    run_import(spip, img, communiques=[1], actualites=[2])

    page = client.get(Theme.objects.get(name="Eau").get_absolute_url())

    assert page.status_code == 200
    text = page.content.decode()
    assert "Aucun contenu publié sur ce thème" not in text
    for title in ("Un forage à Tiznit", "Des châteaux d’eau", "Inauguration du forage"):
        assert title in text
    assert "Un brouillon sur l’eau" not in text
