"""Line breaks stored in one-line fields never break a calendar nor add a line to it.

The fields refuse line breaks (tests/cuf/test_validators.py), but rows written before
that check, or by ``QuerySet.update()``, may still hold some: the calendars fold them.
"""

import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from agenda.models import Event
from cuf.themes.models import Theme
from tests.factories import EventFactory, ThemeFactory

pytestmark = pytest.mark.django_db

# What str.splitlines() ends a line at, written out here rather than imported.
SEPARATORS = ["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]

PROPERTY_OR_CONTINUATION = re.compile(r"[A-Z][A-Z0-9-]*[;:]| ")
CALENDAR_PROPERTIES = {"PRODID", "VERSION", "CALSCALE", "METHOD", "X-WR-CALNAME", "X-WR-TIMEZONE"}
EVENT_PROPERTIES = {
    "UID",
    "DTSTAMP",
    "LAST-MODIFIED",
    "SUMMARY",
    "DTSTART",
    "DTEND",
    "URL",
    "DESCRIPTION",
    "CATEGORIES",
    "STATUS",
}


def folded(text: str) -> str:
    """``text`` as a calendar shows it: each line break (CR LF being one) a space."""
    text = text.replace("\r\n", "\n")
    return "".join(" " if character in "".join(SEPARATORS) else character for character in text)


def parsed(response) -> Calendar:
    """The calendar in ``response``, checked to be made of CRLF-ended lines only."""
    assert response.status_code == 200
    text = response.content.decode()
    lines = text.split("\r\n")
    assert lines[-1] == ""
    # No line ends anywhere else, whoever reads it (str.splitlines() sees every separator).
    assert text.splitlines() == lines[:-1]
    # Each line starts a property or continues the one before (a folded long line).
    assert all(PROPERTY_OR_CONTINUATION.match(line) for line in lines[:-1])
    return Calendar.from_ical(response.content)


def the_event(calendar: Calendar):
    (vevent,) = calendar.walk("VEVENT")
    return vevent


def test_a_title_with_a_line_break_neither_breaks_the_event_calendar_nor_adds_a_property(
    client,
):
    event = EventFactory(place="Paris")
    Event.objects.filter(pk=event.pk).update(title="Atelier\r\nX-WR-CALNAME:Piège")
    calendar = parsed(client.get(f"/agenda/{event.slug}.ics"))
    assert set(calendar) == CALENDAR_PROPERTIES
    assert str(calendar["X-WR-CALNAME"]) == "Atelier X-WR-CALNAME:Piège"
    assert str(the_event(calendar)["SUMMARY"]) == "Atelier X-WR-CALNAME:Piège"


@pytest.mark.parametrize("separator", SEPARATORS)
def test_every_line_break_in_an_events_one_line_fields_becomes_a_space(client, separator):
    theme = ThemeFactory(slug="eau")
    event = EventFactory(place="Paris", themes=[theme])
    Event.objects.filter(pk=event.pk).update(
        title=f"Atelier{separator}STATUS:CANCELLED",
        place=f"Salle 1{separator}X-INJECTE:oui",
        organiser=f"CUF{separator}ATTENDEE:mailto:x@example.org",
        registration_contact=f"contact@example.org{separator}X-INJECTE:oui",
    )
    Theme.objects.filter(pk=theme.pk).update(name=f"Eau{separator}X-INJECTE:oui")
    for address in (f"/agenda/{event.slug}.ics", "/themes/eau/agenda.ics"):
        calendar = parsed(client.get(address))
        vevent = the_event(calendar)
        assert set(calendar) == CALENDAR_PROPERTIES, address
        assert set(vevent) == EVENT_PROPERTIES | {"LOCATION"}, address
        assert str(vevent["SUMMARY"]) == "Atelier STATUS:CANCELLED"
        assert str(vevent["LOCATION"]) == "Salle 1 X-INJECTE:oui"
        assert [str(name) for name in vevent["CATEGORIES"].cats] == ["Eau X-INJECTE:oui"]
        description = str(vevent["DESCRIPTION"])
        assert "Organisateur : CUF ATTENDEE:mailto:x@example.org\n" in description
        assert "Inscription : contact@example.org X-INJECTE:oui\n" in description
    theme_calendar = parsed(client.get("/themes/eau/agenda.ics"))
    assert "« Eau X-INJECTE:oui »" in str(theme_calendar["X-WR-CALNAME"])


def test_a_line_separator_in_the_body_becomes_a_space_of_its_paragraph(client):
    event = EventFactory(body="<p>Premier\u2028second</p><p>Troisième</p>", organiser="")
    vevent = the_event(parsed(client.get(f"/agenda/{event.slug}.ics")))
    assert str(vevent["DESCRIPTION"]).startswith("Premier second Troisième\n\n")


# Any text at all, with line breaks and iCalendar's own punctuation more often than chance
# would give them. NUL is left out: PostgreSQL refuses it in text.
ANY_TEXT = st.lists(
    st.one_of(
        st.sampled_from([*SEPARATORS, ":", ";", ",", "\\", '"', "X-", "BEGIN:VEVENT"]),
        st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    ),
    max_size=30,
).map("".join)


@pytest.fixture
def stored():
    """An event tagged with one theme; each Hypothesis example overwrites their texts."""
    theme = ThemeFactory(slug="theme-propriete")
    return EventFactory(slug="evenement-propriete", online_url="", themes=[theme]), theme


# The fixture is made once for all examples: safe, as every example sets every text the
# test varies with QuerySet.update() before reading the calendars.
@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=ANY_TEXT, place=ANY_TEXT, organiser=ANY_TEXT, theme_name=ANY_TEXT)
def test_any_stored_text_gives_calendars_with_exactly_the_expected_properties(
    stored, title, place, organiser, theme_name
):
    event, theme = stored
    Event.objects.filter(pk=event.pk).update(title=title, place=place, organiser=organiser)
    Theme.objects.filter(pk=theme.pk).update(name=theme_name)
    client = Client()
    expected_event = EVENT_PROPERTIES | ({"LOCATION"} if place else set())
    calendars = {
        title: parsed(client.get(f"/agenda/{event.slug}.ics")),
        f"Agenda « {theme_name} »": parsed(client.get(f"/themes/{theme.slug}/agenda.ics")),
    }
    for name, calendar in calendars.items():
        vevent = the_event(calendar)
        assert set(calendar) == CALENDAR_PROPERTIES
        assert set(vevent) == expected_event
        assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE", "VEVENT"]
        # icalendar writes a literal "\N" as RFC 5545's escaped line break (its own
        # reading of the text it is given): escaped, hence on one line, but not the same.
        if "\\N" in title + place + organiser + theme_name:
            continue
        assert str(calendar["X-WR-CALNAME"]).startswith(folded(name))
        assert str(vevent["SUMMARY"]) == folded(title)
        if place:
            assert str(vevent["LOCATION"]) == folded(place)
        assert [str(category) for category in vevent["CATEGORIES"].cats] == [folded(theme_name)]
        if organiser:
            assert f"Organisateur : {folded(organiser)}\n" in str(vevent["DESCRIPTION"])
