"""The event, as the portal's registry of content types knows it."""

from django.urls import reverse

from agenda import api, demo
from agenda.feeds import EventFeed
from agenda.models import Event
from agenda.structured_data import event
from agenda.views import EventDetailView
from cuf.content_types import ContentTypeConfig, HomeBlock, Link, QueryParameter, Subscription
from cuf.text.plain import join_lines, plain_text


def search_text(item: Event) -> dict:
    return {
        "details": join_lines(item.place, item.organiser, "En ligne" if item.online_url else ""),
        "body": plain_text(item.body),
    }


def sub_pages() -> list[Link]:
    return [Link("Événements passés", reverse("agenda:list") + "?periode=passes")]


CONTENT_TYPE = ContentTypeConfig(
    key="agenda",
    model_label="agenda.Event",
    namespace="agenda",
    label="Événement",
    label_plural="Événements",
    feminine=False,
    section_label="Agenda",
    urls="agenda.urls",
    detail_view=EventDetailView,
    feed=EventFeed,
    json_ld=event,
    shown_date="starts_at",
    search_text=search_text,
    home_block=HomeBlock(
        template="agenda/home_block.html",
        items=lambda: Event.objects.published().upcoming()[:3],
        items_beside=lambda event: Event.objects.published().upcoming().exclude(pk=event.pk)[:3],
        strip_template="agenda/home_strip.html",
    ),
    sub_pages=sub_pages,
    demo=demo.load,
    # ?periode=passes: past events, latest first.
    query_parameters=(
        QueryParameter(
            "periode", lambda value: value == "passes", views=("agenda:list",), canonical=True
        ),
    ),
    theme_subscriptions=(
        Subscription(
            "agenda à importer (iCalendar)",
            "agenda:theme_ics",
            "text/calendar",
            section_url_name="agenda:ics",
        ),
    ),
    api=api.API_FIELDS,
)
