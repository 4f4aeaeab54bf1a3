"""The page of last resort: what a visitor gets when the portal itself fails.

A database that is down or does not answer is not a bug to report as such: the visitor
gets "503 Service Unavailable" with Retry-After and a maintenance page, which browsers,
proxies and search engines understand as "come back soon". Both pages are rendered without
the database (no request context, no query).
"""

import re
import sys

from django.db import DatabaseError, InterfaceError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

# Seconds after which a visitor (or a crawler) may try again.
RETRY_AFTER_SECONDS = 30


# What the database drivers say when the server is away, stuck or busy (PostgreSQL and
# SQLite): an OperationalError saying anything else is a query's own fault (a 500).
_UNAVAILABLE = re.compile(
    r"could not connect|connection|server closed|timeout expired|statement timeout|"
    r"terminating|the database system is|database is locked|unable to open database",
    re.IGNORECASE,
)


def _database_unavailable(error: BaseException | None) -> bool:
    while error is not None:
        if isinstance(error, InterfaceError):
            return True
        if isinstance(error, DatabaseError) and _UNAVAILABLE.search(str(error)):
            return True
        error = error.__cause__ or error.__context__
    return False


def server_error(request, template_name: str = "500.html"):
    """handler500: 503 with Retry-After when the database is unavailable, else 500."""
    if _database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(
            loader.get_template("503.html").render(), status=503, content_type="text/html"
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.get_template(template_name).render())
