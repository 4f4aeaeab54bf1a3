"""An event's place from SPIP's "lieu" and its address of several lines."""

import pytest

from agenda.models import Event
from tests.spip_import.helpers import run_import

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_lines_of_an_events_address_stay_apart_on_its_page(spip, img, client):
    spip.event(
        2,
        id_article=0,
        titre="Festival des cultures vietnamiennes",
        lieu="Halle aux grains",
        adresse="2, place Jean-Jaurès\r\n41000 Blois\n",
        date_debut="2030-09-13 00:00:00",
        date_fin="2030-09-15 00:00:00",
        horaire="non",
    )
    run_import(spip, img)
    event = Event.objects.get()
    assert event.place == "Halle aux grains, 2, place Jean-Jaurès, 41000 Blois"
    assert "2, place Jean-Jaurès, 41000 Blois" in client.get(event.get_absolute_url()).text
