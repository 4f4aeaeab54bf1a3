"""iCalendar (RFC 5545) files for events, built with the icalendar library."""

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from cuf.text import plain_text


def _uid(event, host: str) -> str:
    # Stable across edits and renames, unique per portal.
    return f"evenement-{event.pk}@{host}"


def calendar_for(events, *, name: str, host: str, base_url: str) -> bytes:
    """An iCalendar file holding ``events``; times in Europe/Paris, all-day as dates."""
    calendar = Calendar()
    calendar.add("prodid", "-//Portail de la cooperation decentralisee//Agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
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
    component.add("summary", event.title)
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
        component.add("location", location)
    description = plain_text(event.body)
    extras = [
        f"En ligne : {event.online_url}" if event.online_url else "",
        f"Organisateur : {event.organiser}" if event.organiser else "",
        f"Inscription : {event.registration_url or event.registration_contact}"
        if event.registration_url or event.registration_contact
        else "",
        "Réservé aux adhérents." if event.members_only else "",
        url,
    ]
    component.add("description", "\n\n".join(part for part in [description, *extras] if part))
    categories = [theme.name for theme in event.themes.all()]
    if categories:
        component.add("categories", categories)
    component.add("status", "CONFIRMED")
    return component
