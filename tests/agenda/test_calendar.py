"""iCalendar files, read back with the icalendar parser as a calendar app would."""

import datetime
import zoneinfo

import pytest
from django.test import Client
from icalendar import Calendar

from cuf.publishing.rule import Status
from tests.factories import EventFactory, ThemeFactory
from tests.helpers import days_from_now

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def events_in(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


def test_event_ics_has_uid_dtstamp_and_paris_times(client):
    start = datetime.datetime(2030, 5, 19, 15, 0, tzinfo=PARIS)
    event = EventFactory(
        title="Webinaire du 19 mai",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2, minutes=30),
        place="Paris",
    )
    response = client.get(f"/agenda/{event.slug}.ics")
    assert "attachment" in response["Content-Disposition"]
    calendar, (vevent,) = events_in(response)
    assert calendar["VERSION"] == "2.0" and calendar.get("PRODID")
    assert str(vevent["SUMMARY"]) == "Webinaire du 19 mai"
    assert str(vevent["UID"]) == f"evenement-{event.pk}@portail.example.org"
    assert vevent.get("DTSTAMP") is not None
    dtstart = vevent.decoded("DTSTART")
    assert dtstart == start and str(dtstart.tzinfo) == "Europe/Paris"
    assert vevent.decoded("DTEND") == datetime.datetime(2030, 5, 19, 17, 30, tzinfo=PARIS)
    assert str(vevent["LOCATION"]) == "Paris"
    assert str(vevent["URL"]).endswith(event.get_absolute_url())
    assert list(calendar.walk("VTIMEZONE"))[0]["TZID"] == "Europe/Paris"


def test_all_day_event_is_dates_with_an_exclusive_end(client):
    event = EventFactory(
        all_day=True,
        starts_at=datetime.datetime(2030, 11, 18, tzinfo=PARIS),
        ends_at=datetime.datetime(2030, 11, 21, 23, 59, tzinfo=PARIS),
    )
    _, (vevent,) = events_in(client.get(f"/agenda/{event.slug}.ics"))
    assert vevent.decoded("DTSTART") == datetime.date(2030, 11, 18)
    assert vevent.decoded("DTEND") == datetime.date(2030, 11, 22)


def test_online_event_gives_its_link(client):
    event = EventFactory(place="", online_url="https://visio.example.org/salle")
    _, (vevent,) = events_in(client.get(f"/agenda/{event.slug}.ics"))
    assert str(vevent["LOCATION"]) == "https://visio.example.org/salle"
    assert "En ligne : https://visio.example.org/salle" in str(vevent["DESCRIPTION"])


def test_uid_stays_the_same_when_the_event_is_edited(client):
    event = EventFactory(title="Avant")
    _, (before,) = events_in(client.get(f"/agenda/{event.slug}.ics"))
    event.title = "Après"
    event.save()
    _, (after,) = events_in(client.get(f"/agenda/{event.slug}.ics"))
    assert before["UID"] == after["UID"] and str(after["SUMMARY"]) == "Après"


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_ics_of_unpublished_event_is_404_for_visitors_and_served_to_staff(staff_client, state):
    fields = {"status": Status.DRAFT} if state == "draft" else {"published_at": days_from_now(1)}
    event = EventFactory(**fields)
    assert Client().get(f"/agenda/{event.slug}.ics").status_code == 404
    assert staff_client.get(f"/agenda/{event.slug}.ics").status_code == 200


def test_agenda_feed_holds_published_events_only(client):
    EventFactory(title="Publié")
    EventFactory(title="Brouillon", status=Status.DRAFT)
    EventFactory(title="Programmé", published_at=days_from_now(1))
    calendar, vevents = events_in(client.get("/agenda.ics"))
    assert [str(v["SUMMARY"]) for v in vevents] == ["Publié"]
    assert "Agenda" in str(calendar["X-WR-CALNAME"])


def test_agenda_feed_keeps_a_year_of_past_events(client):
    EventFactory(title="Le mois dernier", starts_at=days_from_now(-30), ends_at=None)
    EventFactory(title="Il y a deux ans", starts_at=days_from_now(-730), ends_at=None)
    _, vevents = events_in(client.get("/agenda.ics"))
    assert [str(v["SUMMARY"]) for v in vevents] == ["Le mois dernier"]


def test_theme_agenda_feed_holds_that_theme_only(client):
    japon, sahel = ThemeFactory(name="Japon"), ThemeFactory(name="Sahel")
    EventFactory(title="Rencontres franco-japonaises", themes=[japon])
    EventFactory(title="Atelier Sahel", themes=[sahel])
    calendar, vevents = events_in(client.get(f"/themes/{japon.slug}/agenda.ics"))
    assert [str(v["SUMMARY"]) for v in vevents] == ["Rencontres franco-japonaises"]
    assert "Japon" in str(calendar["X-WR-CALNAME"])
    assert client.get("/themes/inconnu/agenda.ics").status_code == 404


def test_agenda_feed_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(25):
        EventFactory()
    with django_assert_max_num_queries(2):
        client.get("/agenda.ics")


def test_event_page_offers_its_ics_and_the_agenda_offers_the_feed(client):
    event = EventFactory()
    assert f'href="/agenda/{event.slug}.ics"' in client.get(event.get_absolute_url()).text
    assert 'href="/agenda.ics"' in client.get("/agenda/").text
