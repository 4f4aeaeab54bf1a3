"""Reading what visitors put in a query string, the one rule for every page.

A query string holds whatever anyone types or forges. A value the portal could not have
written itself (one holding a control character, among them NUL, which PostgreSQL refuses
in text; or one longer than any the portal uses) is not read: the view that asked for it
answers as for any value that means nothing (an unknown theme is a 404, an unknown facet
is ignored, an admin filter gives the admin's own "invalid filter"), never a server error.
"""

import re

from django.http import QueryDict

# Longer than any slug, search or number the portal writes in an address.
MAX_LENGTH = 255

# Unicode's control characters (category Cc): C0, DEL and C1.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def readable(value: str | None, *, max_length: int = MAX_LENGTH) -> bool:
    """Whether ``value`` is text the portal may look up: no control character, not too
    long."""
    return value is not None and len(value) <= max_length and not _CONTROL.search(value)


def param(params: QueryDict, name: str, *, max_length: int = MAX_LENGTH) -> str | None:
    """The value of ``name`` in ``params`` (``request.GET``), or None when it is missing,
    empty or not readable."""
    value = params.get(name)
    return value if value and readable(value, max_length=max_length) else None


def integer(value: str | None, *, minimum: int, maximum: int) -> int | None:
    """``value`` as a whole number from ``minimum`` to ``maximum``, or None.

    ASCII digits only: ``str.isdigit()`` also accepts "²" (which ``int()`` refuses) and
    ``int()`` accepts "١٢", "1_000" or " 12 "; and no more digits than ``maximum`` has, so
    that a thousand digits are never converted.
    """
    if not value or not (value.isascii() and value.isdigit()) or len(value) > len(str(maximum)):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None
