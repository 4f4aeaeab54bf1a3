import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from agenda.models import Event, start_of_today
from cuf.publishing.rule import Status
from tests.factories import EventFactory
from tests.helpers import days_from_now

PARIS = ZoneInfo("Europe/Paris")
HOUR = datetime.timedelta(hours=1)


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


# An event never ends before it starts


@pytest.mark.django_db
def test_database_refuses_an_event_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(starts_at=days_from_now(3), ends_at=days_from_now(2))
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_database_accepts_an_event_ending_when_it_starts():
    moment = days_from_now(3)
    assert EventFactory(starts_at=moment, ends_at=moment).ends_at == moment


@pytest.mark.django_db
@pytest.mark.parametrize("check", ["clean", "full_clean"])
@pytest.mark.parametrize(
    ("starts", "ends"),
    [((18, 14, 30), (18, 10, 0)), ((19, 9, 0), (18, 17, 0))],
    ids=["same-day", "day-before"],
)
def test_validation_reports_in_french_once_on_the_end_that_it_precedes_the_start(
    check, starts, ends
):
    rencontre = Event(
        title="Rencontre",
        slug="rencontre",
        starts_at=paris(2024, 11, *starts),
        ends_at=paris(2024, 11, *ends),
    )
    with pytest.raises(ValidationError) as caught:
        getattr(rencontre, check)()
    assert caught.value.message_dict == {"ends_at": ["La fin ne peut pas précéder le début."]}


# upcoming() and past()


def earlier_today():
    """A moment between midnight (Paris) and now."""
    midnight = start_of_today()
    return midnight + (timezone.now() - midnight) / 2


@pytest.mark.django_db
def test_event_that_ended_yesterday_is_past():
    ended = EventFactory(
        starts_at=start_of_today() - 3 * HOUR,
        ends_at=start_of_today() - datetime.timedelta(seconds=1),
    )
    assert list(Event.objects.past()) == [ended]
    assert not Event.objects.upcoming().exists()


@pytest.mark.django_db
def test_event_that_ended_earlier_today_is_still_upcoming_until_the_day_is_over():
    morning = EventFactory(starts_at=start_of_today(), ends_at=earlier_today())
    assert morning.ends_at < timezone.now()
    assert list(Event.objects.upcoming()) == [morning]
    assert not Event.objects.past().exists()


@pytest.mark.django_db
def test_event_that_started_yesterday_and_ends_tomorrow_is_upcoming():
    running = EventFactory(starts_at=days_from_now(-1), ends_at=days_from_now(1))
    assert list(Event.objects.upcoming()) == [running]
    assert not Event.objects.past().exists()


@pytest.mark.django_db
def test_event_tomorrow_is_upcoming():
    tomorrow = EventFactory(starts_at=days_from_now(1))
    assert list(Event.objects.upcoming()) == [tomorrow]
    assert not Event.objects.past().exists()


@pytest.mark.django_db
def test_event_without_end_counts_by_its_start_day():
    yesterday = EventFactory(starts_at=start_of_today() - HOUR, ends_at=None)
    earlier = EventFactory(starts_at=earlier_today(), ends_at=None)
    tomorrow = EventFactory(starts_at=days_from_now(1), ends_at=None)
    assert list(Event.objects.past()) == [yesterday]
    assert list(Event.objects.upcoming()) == [earlier, tomorrow]


@pytest.mark.django_db
def test_upcoming_events_come_soonest_first():
    later = EventFactory(starts_at=days_from_now(30))
    soon = EventFactory(starts_at=days_from_now(2), published_at=days_from_now(-10))
    running = EventFactory(starts_at=days_from_now(-2), ends_at=days_from_now(2))
    assert list(Event.objects.upcoming()) == [running, soon, later]


@pytest.mark.django_db
def test_past_events_come_most_recent_first():
    long_ago = EventFactory(starts_at=days_from_now(-60))
    last_week = EventFactory(starts_at=days_from_now(-7))
    last_month = EventFactory(starts_at=days_from_now(-30))
    assert list(Event.objects.past()) == [last_week, last_month, long_ago]


@pytest.mark.django_db
def test_published_upcoming_leaves_out_drafts_and_scheduled_events():
    shown = EventFactory(starts_at=days_from_now(5))
    EventFactory(starts_at=days_from_now(5), status=Status.DRAFT)
    EventFactory(starts_at=days_from_now(5), published_at=days_from_now(1))
    assert list(Event.objects.published().upcoming()) == [shown]


# All-day events


def all_day(starts_at, ends_at=None, **fields) -> Event:
    """An all-day event, not yet cleaned."""
    return Event(
        title="Journée",
        slug="journee",
        all_day=True,
        starts_at=starts_at,
        ends_at=ends_at,
        **fields,
    )


def test_all_day_event_runs_from_midnight_of_its_first_day_to_the_end_of_its_last():
    salon = all_day(paris(2024, 11, 18, 14, 30), paris(2024, 11, 19, 10, 0))
    salon.clean()
    assert salon.starts_at == paris(2024, 11, 18, 0, 0)
    assert salon.ends_at == paris(2024, 11, 19, 23, 59, 59)


def test_all_day_event_without_end_lasts_its_whole_day():
    journee = all_day(paris(2024, 7, 4, 9))
    journee.clean()
    assert journee.starts_at == paris(2024, 7, 4, 0, 0)
    assert journee.ends_at == paris(2024, 7, 4, 23, 59, 59)
    assert not journee.is_multi_day


def test_all_day_event_ignores_hours_when_comparing_start_and_end():
    # The hours of an all-day event do not count: ending "10:00" on a day that
    # "starts at 14:30" is the same single day, not an end before the start.
    journee = all_day(paris(2024, 11, 18, 14, 30), paris(2024, 11, 18, 10, 0))
    journee.clean()
    assert (journee.starts_at, journee.ends_at) == (
        paris(2024, 11, 18, 0, 0),
        paris(2024, 11, 18, 23, 59, 59),
    )


def test_all_day_event_ending_on_an_earlier_day_is_refused():
    salon = all_day(paris(2024, 11, 19), paris(2024, 11, 18))
    with pytest.raises(ValidationError) as caught:
        salon.clean()
    assert caught.value.message_dict == {"ends_at": ["La fin ne peut pas précéder le début."]}


@pytest.mark.django_db
def test_all_day_event_today_stays_upcoming_all_day():
    journee = Event(
        title="Journée",
        slug="journee",
        status=Status.PUBLISHED,
        all_day=True,
        starts_at=timezone.now(),
    )
    journee.full_clean()
    journee.save()
    assert journee.starts_at == start_of_today()
    assert list(Event.objects.published().upcoming()) == [journee]


def test_timed_event_keeps_its_hours():
    webinaire = Event(
        title="Webinaire",
        slug="webinaire",
        starts_at=paris(2024, 11, 18, 14, 30),
        ends_at=paris(2024, 11, 18, 16, 45),
    )
    webinaire.clean()
    assert (webinaire.starts_at, webinaire.ends_at) == (
        paris(2024, 11, 18, 14, 30),
        paris(2024, 11, 18, 16, 45),
    )


# Several days or one


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "multi_day"),
    [
        (paris(2024, 11, 18, 9), paris(2024, 11, 21, 17), True),
        (paris(2024, 11, 18, 14, 30), paris(2024, 11, 18, 16, 45), False),
        (paris(2024, 11, 18, 14, 30), None, False),
        # 22:00-23:30 UTC in November is 23:00-00:30 in Paris: two Paris days.
        (
            datetime.datetime(2024, 11, 18, 22, tzinfo=datetime.UTC),
            datetime.datetime(2024, 11, 18, 23, 30, tzinfo=datetime.UTC),
            True,
        ),
    ],
    ids=["four-days", "one-afternoon", "no-end", "across-paris-midnight"],
)
def test_event_is_multi_day_when_it_ends_on_a_later_paris_day(starts_at, ends_at, multi_day):
    assert Event(starts_at=starts_at, ends_at=ends_at).is_multi_day is multi_day


def test_event_is_online_when_it_has_a_connection_link():
    assert Event(online_url="https://visio.example.org/salle").is_online
    assert not Event(place="Paris").is_online


@pytest.mark.django_db
def test_event_address_is_under_agenda():
    assert EventFactory(slug="assises-2024").get_absolute_url() == "/agenda/assises-2024/"
