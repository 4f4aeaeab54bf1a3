import datetime
from zoneinfo import ZoneInfo

import pytest

from agenda.models import Event
from agenda.templatetags.agenda_tags import event_when
from cuf.templatetags.cuf_tags import day_badge, long_date, short_date

UTC = datetime.UTC
PARIS = ZoneInfo("Europe/Paris")


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


def event(starts_at, ends_at=None, all_day=False):
    return Event(title="Rencontre", starts_at=starts_at, ends_at=ends_at, all_day=all_day)


# long_date and short_date


def test_long_date_writes_weekday_day_month_and_year_in_french():
    assert long_date(datetime.date(2020, 5, 7)) == "jeudi 7 mai 2020"


def test_long_date_writes_the_first_of_the_month_as_1er():
    assert long_date(datetime.date(2020, 5, 1)) == "vendredi 1er mai 2020"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2024, 2, 12), "lundi 12 février 2024"),
        (datetime.date(2024, 8, 15), "jeudi 15 août 2024"),
        (datetime.date(2024, 12, 25), "mercredi 25 décembre 2024"),
    ],
)
def test_long_date_spells_accented_months(value, expected):
    assert long_date(value) == expected


def test_long_date_of_a_utc_time_is_the_day_in_paris():
    # 22:30 UTC on 7 May is 00:30 on 8 May in Paris (summer time).
    assert long_date(datetime.datetime(2020, 5, 7, 22, 30, tzinfo=UTC)) == "vendredi 8 mai 2020"


def test_short_date_is_day_month_year_for_publie_le():
    assert short_date(datetime.date(2020, 5, 12)) == "12 mai 2020"
    assert short_date(datetime.date(2020, 5, 1)) == "1er mai 2020"


def test_short_date_of_a_utc_time_is_the_day_in_paris():
    # 23:30 UTC on 31 December is already New Year's Day in Paris.
    assert short_date(datetime.datetime(2023, 12, 31, 23, 30, tzinfo=UTC)) == "1er janvier 2024"


@pytest.mark.parametrize("empty", [None, ""])
def test_missing_date_shows_nothing(empty):
    assert long_date(empty) == ""
    assert short_date(empty) == ""


# event_when


def test_timed_event_over_several_days_shows_both_days_with_their_hours():
    rencontres = event(paris(2027, 1, 4, 10), paris(2027, 1, 5, 17, 30))
    assert (
        event_when(rencontres)
        == "Du lundi 4 janvier à 10\u00a0h au mardi 5 janvier 2027 à 17\u00a0h\u00a030"
    )


def test_timed_event_over_several_days_reads_its_hours_in_paris():
    # 23:30 UTC on 31 December is 00:30 on New Year's Day in Paris.
    reveillon = event(
        datetime.datetime(2026, 12, 31, 17, tzinfo=UTC),
        datetime.datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
    )
    assert (
        event_when(reveillon)
        == "Du jeudi 31 décembre 2026 à 18\u00a0h au vendredi 1er janvier 2027 à 0\u00a0h\u00a030"
    )


def test_all_day_event_on_several_days_reads_both_days_as_timed_ones_do():
    salon = event(paris(2026, 12, 19), paris(2026, 12, 22, 23, 59, 59), all_day=True)
    assert event_when(salon) == "Du samedi 19 décembre au mardi 22 décembre 2026"


def test_days_in_two_years_each_carry_their_year():
    fetes = event(paris(2026, 12, 31), paris(2027, 1, 1, 23, 59), all_day=True)
    assert event_when(fetes) == "Du jeudi 31 décembre 2026 au vendredi 1er janvier 2027"


def test_all_day_event_on_one_day_shows_the_day_without_hours():
    journee = event(paris(2024, 11, 18), paris(2024, 11, 18, 23, 59, 59), all_day=True)
    assert event_when(journee) == "Le lundi 18 novembre 2024"


def test_timed_event_shows_paris_start_and_end_times_of_utc_values():
    # 13:30-15:45 UTC in November is 14:30-16:45 in Paris (winter time).
    webinaire = event(
        datetime.datetime(2024, 11, 18, 13, 30, tzinfo=UTC),
        datetime.datetime(2024, 11, 18, 15, 45, tzinfo=UTC),
    )
    assert (
        event_when(webinaire)
        == "Le lundi 18 novembre 2024, de 14\u00a0h\u00a030 à 16\u00a0h\u00a045"
    )


def test_timed_event_in_summer_uses_paris_summer_time():
    # 08:15 UTC in July is 10:15 in Paris.
    visite = event(
        datetime.datetime(2024, 7, 4, 8, 15, tzinfo=UTC),
        datetime.datetime(2024, 7, 4, 9, 45, tzinfo=UTC),
    )
    assert event_when(visite) == "Le jeudi 4 juillet 2024, de 10\u00a0h\u00a015 à 11\u00a0h\u00a045"


def test_event_without_end_shows_its_start_time():
    point_presse = event(datetime.datetime(2024, 11, 18, 13, 30, tzinfo=UTC))
    assert event_when(point_presse) == "Le lundi 18 novembre 2024, à 14\u00a0h\u00a030"


def test_event_ending_when_it_starts_shows_only_its_start_time():
    moment = paris(2024, 11, 18, 14, 30)
    assert event_when(event(moment, moment)) == "Le lundi 18 novembre 2024, à 14\u00a0h\u00a030"


def test_evening_event_is_dated_by_its_paris_day_not_its_utc_day():
    # 23:15 UTC on 31 March 2024 is 01:15 on 1 April in Paris (summer time began).
    soiree = event(datetime.datetime(2024, 3, 31, 23, 15, tzinfo=UTC))
    assert event_when(soiree) == "Le lundi 1er avril 2024, à 1\u00a0h\u00a015"


# day badges


@pytest.mark.parametrize(
    ("month", "abbreviation"),
    list(
        enumerate(
            ["janv.", "févr.", "mars", "avr.", "mai", "juin"]
            + ["juil.", "août", "sept.", "oct.", "nov.", "déc."],
            start=1,
        )
    ),
)
def test_day_badge_uses_french_month_abbreviations(month, abbreviation):
    assert day_badge(paris(2027, month, 14, 12)) == {"day": "14", "month": abbreviation}


def test_day_badge_writes_the_first_of_the_month_as_1er():
    assert day_badge(paris(2027, 1, 1, 10)) == {"day": "1er", "month": "janv."}


def test_day_badge_is_the_day_in_paris():
    # 23:00 UTC on 31 May is 1 June in Paris.
    assert day_badge(datetime.datetime(2027, 5, 31, 23, tzinfo=UTC)) == {
        "day": "1er",
        "month": "juin",
    }


def test_an_hour_never_wraps_apart_from_its_number():
    """ "de 14 h à 16 h" on a phone: "14" at the end of a line and "h" on the next one
    reads as a broken time; the spaces inside a time do not break."""
    from cuf.templatetags.cuf_tags import time_of_day

    assert time_of_day(datetime.datetime(2024, 11, 18, 14, tzinfo=PARIS)) == "14\u00a0h"
    assert time_of_day(datetime.datetime(2024, 11, 18, 9, 30, tzinfo=PARIS)) == "9\u00a0h\u00a030"
