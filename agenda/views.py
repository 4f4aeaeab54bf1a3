import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView, ListView

from agenda.calendar import calendar_for
from agenda.models import Event
from cuf.members.access import can_read_body
from cuf.operations.site_url import site_address
from cuf.public.calendars import CalendarSubscription, EventLinks
from cuf.public.views import PublishableDetailMixin, PublishableListMixin
from cuf.publishing.page_cache import never_shared
from cuf.themes.models import Theme
from cuf.themes.selectors import themes_used_by


class EventListView(PublishableListMixin, ListView):
    """Upcoming events, soonest first; ``?periode=passes`` lists past ones, latest first."""

    model = Event
    template_name = "agenda/event_list.html"
    context_object_name = "events"

    def get_queryset(self):
        self.show_past = self.request.GET.get("periode") == "passes"
        queryset = super().get_queryset()
        return queryset.past() if self.show_past else queryset.upcoming()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            show_past=self.show_past,
            filter_themes=themes_used_by(Event),
            calendar=agenda_calendar(self.theme),
            **kwargs,
        )


class EventDetailView(PublishableDetailMixin, DetailView):
    model = Event
    template_name = "agenda/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("themes")

    def get_context_data(self, **kwargs):
        event = self.object
        return super().get_context_data(
            event_links=EventLinks(
                title=event.title,
                starts_at=event.starts_at,
                ends_at=event.ends_at,
                all_day=event.all_day,
                # As the .ics file says: an online event takes place at its link.
                place=event.place or event.online_url,
                page_path=event.get_absolute_url(),
            ),
            calendar=agenda_calendar(None),
            **kwargs,
        )


def agenda_calendar(theme: Theme | None) -> CalendarSubscription:
    """The subscribable calendar of the agenda, or of one theme's events."""
    if theme is None:
        return CalendarSubscription(f"Agenda – {settings.SITE_NAME}", reverse("agenda:ics"))
    return CalendarSubscription(
        f"Agenda « {theme.name} » – {settings.SITE_NAME}",
        reverse("agenda:theme_ics", args=[theme.slug]),
    )


def _ics_response(request, events, *, name: str, filename: str):
    body = calendar_for(
        events,
        name=name,
        # UIDs and links on the configured address: one event has one UID, whatever
        # name the calendar was fetched under.
        host=urlsplit(site_address(request)).hostname,
        base_url=site_address(request),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, slug: str):
    """One event as an .ics file, to add to a calendar."""
    event = get_object_or_404(
        Event.objects.visible_to(request.user).prefetch_related("themes"), slug=slug
    )
    if not can_read_body(event, request):
        raise Http404("Réservé aux adhérents.")
    response = _ics_response(request, [event], name=event.title, filename=f"{event.slug}.ics")
    if not event.is_public:
        never_shared(response)
    return response


def agenda_ics(request, theme_slug: str | None = None):
    """The subscribable calendar: upcoming and recent events (optionally of one theme)."""
    # Reserved events are left out: calendar applications carry no member's session.
    events = Event.objects.published().not_reserved().prefetch_related("themes")
    name = f"Agenda – {settings.SITE_NAME}"
    filename = "agenda.ics"
    if theme_slug:
        theme = get_object_or_404(Theme, slug=theme_slug)
        events = events.filter(themes=theme)
        name = f"Agenda « {theme.name} » – {settings.SITE_NAME}"
        filename = f"agenda-{theme.slug}.ics"
    # Calendar apps keep what they have seen: a year of past events is enough.
    since = timezone.now() - datetime.timedelta(days=365)
    events = events.filter(starts_at__gte=since).order_by("starts_at")
    return _ics_response(request, events, name=name, filename=filename)
