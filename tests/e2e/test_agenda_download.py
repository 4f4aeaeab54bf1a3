import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from tests.e2e.helpers import download_from
from tests.factories import EventFactory
from tests.helpers import days_from_now

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_goes_from_home_to_an_event_and_downloads_its_ics(live_server, page):
    start = days_from_now(10).astimezone(zoneinfo.ZoneInfo("Europe/Paris"))
    start = start.replace(hour=15, minute=0, second=0, microsecond=0)
    EventFactory(
        title="Webinaire de la coopération",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Agenda", exact=True).first.click()
    page.get_by_role("link", name="Webinaire de la coopération").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Webinaire de la coopération"

    filename, ics = download_from(page, "Calendrier d’Apple, Thunderbird et autres (fichier .ics)")
    assert filename == "webinaire-de-la-cooperation.ics"
    (vevent,) = Calendar.from_ical(ics).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Webinaire de la coopération"
    assert vevent.decoded("DTSTART") == start
