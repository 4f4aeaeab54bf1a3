"""iCalendar (RFC 5545) files for events, built with the icalendar library."""

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from cuf.text.plain import plain_text
from cuf.text.validators import one_line


def _uid(event, host: str) -> str:
    # Stable across edits and renames, unique per portal.
    return f"evenement-{event.pk}@{host}"


def calendar_for(events, *, name: str, host: str, base_url: str) -> bytes:
    """An iCalendar file holding ``events``; times in Europe/Paris, all-day as dates.

    Every text is written on one line: its line breaks become spaces (``one_line``).
    icalendar escapes CR and LF in TEXT properties but not the other characters some
    readers end a line at (vertical tab, NEL, U+2028...), and writes an X- property such
    as X-WR-CALNAME as given: a line break there failed its assertion (HTTP 500) or, under
    ``python -O``, started a line of the editor's choosing. One-line fields refuse line
    breaks (``cuf.text.validators.single_line``), but rows written before that check or by
    ``QuerySet.update()`` may hold some.
    """
    calendar = Calendar()
    calendar.add("prodid", "-//Portail de la cooperation decentralisee//Agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", one_line(name))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(_component(event, host=host, base_url=base_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _component(event, *, host: str, base_url: str) -> CalendarEvent:
    component = CalendarEvent()
    component.add("uid", _uid(event, host))
    component.add("dtstamp", event.updated.astimezone(datetime.UTC))
    component.add("last-modified", event.updated.astimezone(datetime.UTC))
    component.add("summary", one_line(event.title))
    if event.all_day:
        # RFC 5545: an all-day event is a DATE, and DTEND is the day after the last day.
        component.add("dtstart", event.start_date)
        component.add("dtend", event.end_date + datetime.timedelta(days=1))
    else:
        component.add("dtstart", timezone.localtime(event.starts_at))
        if event.ends_at:
            component.add("dtend", timezone.localtime(event.ends_at))
    url = base_url + event.get_absolute_url()
    component.add("url", url)
    location = event.place or event.online_url
    if location:
        component.add("location", one_line(location))
    description = plain_text(event.body)
    extras = [
        f"En ligne : {event.online_url}" if event.online_url else "",
        f"Organisateur : {event.organiser}" if event.organiser else "",
        f"Inscription : {event.registration_url or event.registration_contact}"
        if event.registration_url or event.registration_contact
        else "",
        url,
    ]
    # Blank lines (escaped by icalendar) separate the parts; no line break inside one.
    parts = [one_line(part) for part in [description, *extras] if part]
    component.add("description", "\n\n".join(parts))
    categories = [one_line(theme.name) for theme in event.themes.all()]
    if categories:
        component.add("categories", categories)
    component.add("status", "CONFIRMED")
    return component
