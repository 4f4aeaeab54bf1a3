import datetime
import zoneinfo

import pytest

from agenda.models import Event
from tests.factories import EventFactory, ThemeFactory
from tests.helpers import admin_item_data

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/agenda/event/"
ADD = "/admin/agenda/event/add/"


def add_form_data(**fields) -> dict:
    return admin_item_data(
        "Journée du groupe-pays Haïti",
        "journee-du-groupe-pays-haiti",
        {
            "body": "<p>Point d’étape annuel.</p>",
            "starts_at_0": "18/11/2024",
            "starts_at_1": "09:30",
            "ends_at_0": "21/11/2024",
            "ends_at_1": "18:00",
            "place": "Paris",
            "online_url": "",
            "organiser": "CUF",
            "registration_url": "",
            "registration_contact": "",
            "registration_deadline": "",
        },
        **fields,
    )


def test_changelist_search_finds_by_place(superuser_client):
    EventFactory(title="Atelier eau", place="Ouagadougou")
    EventFactory(title="Forum jeunesse", place="Bordeaux")
    found = superuser_client.get(CHANGELIST, {"q": "Ouagadougou"})
    assert "Atelier eau" in found.text and "Forum jeunesse" not in found.text


def test_adding_an_all_day_event_spans_whole_days_and_records_the_author(superuser_client):
    theme = ThemeFactory(name="Haïti")
    response = superuser_client.post(ADD, add_form_data(all_day="on", themes=[str(theme.pk)]))
    assert response.status_code == 302
    event = Event.objects.get(slug="journee-du-groupe-pays-haiti")
    assert event.author.username == "chef"
    assert list(event.themes.all()) == [theme]
    assert event.start_date == datetime.date(2024, 11, 18)
    assert event.end_date == datetime.date(2024, 11, 21)
    assert event.is_multi_day


def test_an_event_ending_before_it_starts_is_refused(superuser_client):
    response = superuser_client.post(ADD, add_form_data(ends_at_0="17/11/2024"))
    assert response.status_code == 200
    assert "La fin ne peut pas précéder le début." in response.text
    assert not Event.objects.exists()


def test_an_all_day_event_needs_no_hours(superuser_client):
    response = superuser_client.post(
        ADD, add_form_data(all_day="on", starts_at_1="", ends_at_1="", ends_at_0="19/11/2024")
    )
    assert response.status_code == 302
    event = Event.objects.get(slug="journee-du-groupe-pays-haiti")
    assert event.start_date == datetime.date(2024, 11, 18)
    assert event.end_date == datetime.date(2024, 11, 19)
    assert event.all_day


def test_a_timed_event_without_its_hour_is_refused_in_french(superuser_client):
    response = superuser_client.post(ADD, add_form_data(starts_at_1=""))
    assert response.status_code == 200
    assert "Indiquez l’heure, ou cochez « Toute la journée »." in response.text
    assert not Event.objects.exists()


def test_an_all_day_event_opens_again_with_its_dates_and_no_hours(superuser_client):
    superuser_client.post(
        ADD, add_form_data(all_day="on", starts_at_1="", ends_at_1="", ends_at_0="19/11/2024")
    )
    event = Event.objects.get(slug="journee-du-groupe-pays-haiti")
    page = superuser_client.get(f"{CHANGELIST}{event.pk}/change/").text
    # The hours the portal stores for whole days (midnight, 23:59:59) are not the editor's.
    assert 'name="starts_at_0" value="18/11/2024"' in page
    assert 'name="ends_at_0" value="19/11/2024"' in page
    assert "23:59:59" not in page and "00:00:00" not in page
    # Saved again as it opened, it stays the same whole days.
    data = add_form_data(all_day="on", starts_at_1="", ends_at_1="", ends_at_0="19/11/2024")
    superuser_client.post(f"{CHANGELIST}{event.pk}/change/", data)
    event.refresh_from_db()
    assert (event.start_date, event.end_date) == (
        datetime.date(2024, 11, 18),
        datetime.date(2024, 11, 19),
    )


PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def test_a_moderator_reads_when_an_all_day_event_takes_place_without_stored_hours(
    moderator_client,
):
    event = EventFactory(
        all_day=True,
        starts_at=datetime.datetime(2027, 2, 10, tzinfo=PARIS),
        ends_at=datetime.datetime(2027, 2, 12, 23, 59, 59, tzinfo=PARIS),
    )
    page = moderator_client.get(f"{CHANGELIST}{event.pk}/change/").text
    assert "Du mercredi 10 février au vendredi 12 février 2027" in page
    assert "23:59" not in page and "00:00" not in page
