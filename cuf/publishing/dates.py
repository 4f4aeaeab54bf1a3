"""Plausible dates: every date the portal stores falls between 1900 and 2100.

A date outside (an import's ``0001-01-01``, stored as year 0 after the old Paris offset; an
editor's ``01/01/0001``) cannot be shown, compared or put in a feed, and took pages down.
Each date field refuses one with a French message (``plausible_date``, in forms and
``full_clean``), the database refuses one (``plausible_q`` in a CHECK constraint on each
field), and public queries never read a row that slipped past anyway (written before the
constraint, or with checks off): its item is not public until an editor fixes the date.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

FIRST_YEAR, LAST_YEAR = 1900, 2100
# Bounds in UTC, as the database stores them (1900-01-01 at midnight in Paris is a few
# minutes earlier in UTC: the bounds leave room either side).
EARLIEST = datetime.datetime(FIRST_YEAR, 1, 1, tzinfo=datetime.UTC)
AFTER_LATEST = datetime.datetime(LAST_YEAR + 1, 1, 1, tzinfo=datetime.UTC)
EARLIEST_DAY = EARLIEST.date()
AFTER_LATEST_DAY = AFTER_LATEST.date()

MESSAGE = _("Indiquez une date entre %(first)s et %(last)s.") % {
    "first": FIRST_YEAR,
    "last": LAST_YEAR,
}


def _bounds(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:  # naive: compared as written
            return EARLIEST.replace(tzinfo=None), AFTER_LATEST.replace(tzinfo=None)
        return EARLIEST, AFTER_LATEST
    return EARLIEST_DAY, AFTER_LATEST_DAY


def is_plausible(value) -> bool:
    if value is None:
        return True
    low, high = _bounds(value)
    try:
        return low <= value < high
    except (TypeError, OverflowError):
        return False


def plausible_date(value) -> None:
    """The validator of every date and date-time field."""
    if not is_plausible(value):
        raise ValidationError(MESSAGE, code="implausible_date")


def plausible_q(field: str, *, prefix: str = "", day: bool = False, nullable: bool = False):
    """The condition that ``field`` holds a plausible date (or, ``nullable``, none)."""
    low, high = (EARLIEST_DAY, AFTER_LATEST_DAY) if day else (EARLIEST, AFTER_LATEST)
    name = f"{prefix}{field}"
    condition = models.Q(**{f"{name}__gte": low, f"{name}__lt": high})
    if nullable:
        condition |= models.Q(**{f"{name}__isnull": True})
    return condition


def plausible_constraint(field: str, *, name: str, day: bool = False, nullable: bool = False):
    return models.CheckConstraint(
        condition=plausible_q(field, day=day, nullable=nullable),
        name=name,
        violation_error_message=MESSAGE,
    )
