"""Subscribing to a calendar, and adding one event to one, from the visitor's own
calendar application.

A subscription keeps a calendar in step with the portal (the application fetches the
address again every few hours); a downloaded .ics file is a copy taken once. Each
calendar is offered the ways its readers use: ``webcal://`` (Apple Calendar, Thunderbird,
Outlook on the desktop, most phones open it as a subscription), Google Agenda's and
Outlook on the web's "add by address" links, and the https address to copy. Every
address is built from ``SITE_URL`` (cuf.operations.site_url): those applications
fetch it from the Internet, whatever address the visitor's request came in by.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from django.utils import timezone

from cuf.operations.site_url import absolute_url

CALENDAR = "text/calendar"  # the media type of a Subscription offered as a calendar
GOOGLE_SUBSCRIBE = "https://calendar.google.com/calendar/render"
OUTLOOK_SUBSCRIBE = "https://outlook.live.com/calendar/0/addfromweb"
OUTLOOK_COMPOSE = "https://outlook.live.com/calendar/0/deeplink/compose"


def webcal(url: str) -> str:
    """The address as calendar applications open it to subscribe."""
    return "webcal://" + url.split("://", 1)[1]


@dataclass(frozen=True)
class CalendarSubscription:
    """One calendar (an .ics address of the portal) to subscribe to."""

    name: str
    path: str

    @property
    def url(self) -> str:
        return absolute_url(self.path)

    @property
    def webcal_url(self) -> str:
        return webcal(self.url)

    @property
    def google_url(self) -> str:
        # Google reads a webcal:// address in ``cid`` as a calendar to subscribe to.
        return f"{GOOGLE_SUBSCRIBE}?{urlencode({'cid': self.webcal_url})}"

    @property
    def outlook_url(self) -> str:
        return f"{OUTLOOK_SUBSCRIBE}?{urlencode({'url': self.url, 'name': self.name})}"


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class EventLinks:
    """One event added to Google Agenda or Outlook on the web, from its fields (those
    services take an event's details in the link; the .ics file serves the others)."""

    title: str
    starts_at: datetime
    ends_at: datetime | None
    all_day: bool
    place: str
    page_path: str

    def _end(self) -> datetime:
        # Without an end, an all-day event lasts its day, a timed one an hour.
        if self.ends_at:
            return self.ends_at
        return self.starts_at if self.all_day else self.starts_at + timedelta(hours=1)

    @property
    def google_url(self) -> str:
        if self.all_day:
            start = timezone.localtime(self.starts_at).date()
            end = timezone.localtime(self._end()).date() + timedelta(days=1)  # exclusive
            dates = f"{start:%Y%m%d}/{end:%Y%m%d}"
        else:
            dates = f"{_utc(self.starts_at)}/{_utc(self._end())}"
        params = {
            "action": "TEMPLATE",
            "text": self.title,
            "dates": dates,
            "details": absolute_url(self.page_path),
            "location": self.place,
            "ctz": "Europe/Paris",
        }
        return f"{GOOGLE_SUBSCRIBE}?{urlencode(params)}"

    @property
    def outlook_url(self) -> str:
        if self.all_day:
            start = timezone.localtime(self.starts_at).date().isoformat()
            end = (timezone.localtime(self._end()).date() + timedelta(days=1)).isoformat()
        else:
            start = timezone.localtime(self.starts_at).replace(microsecond=0).isoformat()
            end = timezone.localtime(self._end()).replace(microsecond=0).isoformat()
        params = {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": self.title,
            "startdt": start,
            "enddt": end,
            "allday": "true" if self.all_day else "false",
            "location": self.place,
            "body": absolute_url(self.page_path),
        }
        return f"{OUTLOOK_COMPOSE}?{urlencode(params)}"
