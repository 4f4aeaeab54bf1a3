"""Anonymous pages from a cache that is never stale.

A page is stored under the **content version** (one row, ``cuf.ContentVersion``) and the
**next boundary** (the next scheduled publication or end of publication of any registered
type, or the next midnight in Paris, when "upcoming" events become past ones):

- every write that changes what visitors see (an item of a registered type or any row of
  its app, a theme, a theme link, a theme's former address, the search index) moves the
  version on in the same transaction; every app server reads it from the database at each
  request, so the next request of every process misses the old pages, whatever the cache
  (per-process memory on the embedded default, Redis when shared);
- nothing is kept past the boundary (the entry's timeout, and the boundary is part of the
  key): a scheduled item appears, and an expiring one leaves, on time with no write;
- the **release** (cuf.operations.release: code, templates, libraries, static manifest) is
  part of the key and of the ETag: after a deploy no page of the previous release is
  served, nor confirmed by a 304.

Keys are written on the one configured address (``SITE_URL``), never on the Host header,
and hold only the parameters the page's view reads (cuf.content_types.QueryParameter),
with values it accepts. The ETag is a keyed hash: it tells nobody when the next scheduled
publication falls, nor how often editors save.

Only anonymous GET and HEAD requests without a session cookie read or fill it: staff and
preview-link holders have a session (cuf.publishing.previews keeps links there). A
response is stored only if it is a complete 200 that sets no cookie and that no view
marked private; a response for a session holder is sent ``private, no-store`` so that no
proxy keeps it.
"""

import datetime
import hashlib
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import F, Subquery
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.crypto import salted_hmac
from django.utils.http import http_date, parse_http_date_safe, urlencode

from cuf import content_types
from cuf.operations.release import release
from cuf.operations.site_url import site_address
from cuf.publishing.models import ContentVersion
from cuf.publishing.rule import Status

# Bodies larger than this are served but not kept (none of our pages comes close).
MAX_STORED_BYTES = 1_000_000

# Parts of the site never cached, whoever asks.
UNCACHED_PREFIXES = ("/admin/", "/apercu/", "/health/")


# -- The version ---------------------------------------------------------------------------


def content_changed() -> None:
    """Move the content version on, within the current transaction (if any): readers in
    other connections see the new number exactly when they see the write."""
    if not ContentVersion.objects.filter(pk=1).update(version=F("version") + 1):
        # The row is made by the migration; a flushed database (tests) lost it.
        ContentVersion.objects.get_or_create(pk=1, defaults={"version": 1})


def current_version() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {ContentVersion._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def _on_content_changed(sender, **kwargs):
    content_changed()


def connect() -> None:
    from cuf.changes import content_changed as changed

    changed.connect(_on_content_changed, dispatch_uid="page-cache")


# -- The next boundary ---------------------------------------------------------------------


def next_midnight(now: datetime.datetime) -> datetime.datetime:
    """The next midnight in the site's time zone: lists of upcoming events change then."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    tomorrow = timezone.localtime(now, zone).date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=zone)


def _version_and_boundary(now: datetime.datetime) -> tuple[int, datetime.datetime]:
    """The version and the next boundary after ``now``, in one query.

    Each registered type gives its next scheduled publication and its next end of
    publication (ORDER BY … LIMIT 1 on indexed columns: an index probe each).
    """
    moments = {}
    for index, config in enumerate(content_types.all_types()):
        published = config.model._default_manager.filter(status=Status.PUBLISHED)
        for field in ("published_at", "expires_at"):
            later = published.filter(**{f"{field}__gt": now}).order_by(field)
            moments[f"m{index}_{field}"] = Subquery(later.values(field)[:1])
    row = (
        ContentVersion.objects.filter(pk=1)
        .annotate(**moments, current=F("version"))
        .values("current", *moments)
        .first()
    )
    if row is None:
        # The row is made by the migration; a flushed database (tests) lost it.
        ContentVersion.objects.get_or_create(pk=1)
        return _version_and_boundary(now)
    version = row.pop("current")
    boundary = min([next_midnight(now), *(moment for moment in row.values() if moment is not None)])
    return version, boundary


@dataclass(frozen=True)
class State:
    version: int
    boundary: datetime.datetime

    def seconds_left(self, now: datetime.datetime) -> int:
        return max(0, int((self.boundary - now).total_seconds()))

    @property
    def tag(self) -> str:
        """What the pages of this state share: content version, next boundary, release."""
        return f"{self.version}-{int(self.boundary.timestamp())}-{release()}"


# Per process: the boundary of the version last seen (it holds until the boundary passes
# or the version moves on; a newer version is read from the database at every request).
_known: dict[int, datetime.datetime] = {}


def current_state(now: datetime.datetime | None = None) -> State:
    now = now or timezone.now()
    version = current_version()
    boundary = _known.get(version)
    if boundary is None or boundary <= now:
        version, boundary = _version_and_boundary(now)
        _known.clear()
        _known[version] = boundary
    return State(version, boundary)


# -- The middleware ------------------------------------------------------------------------


def _has_session(request) -> bool:
    # Messages for a visitor without a session wait in their own cookie: a page that
    # shows them is theirs alone.
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES


def never_shared(response) -> None:
    """Mark a response that only its reader may see (staff, a preview): no cache, no proxy
    keeps it."""
    patch_cache_control(response, private=True, no_store=True, max_age=0)


def _cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not _has_session(request)
        and not request.path_info.startswith(UNCACHED_PREFIXES)
    )


def _known_parameters(request) -> bool:
    """Whether the query string holds only parameters the page's view reads (each type and
    search declare theirs, with the views that read them: cuf.content_types.
    query_parameters), each once, with a valid value, and none that is never kept (free
    text: search words).

    A page asked for with any other (utm_…, fbclid, made-up ones, ``?q=`` on a feed) or
    with a value that means nothing is rendered but never kept: each distinct query string
    would be an entry of its own, and anyone could fill the shared cache with them.
    """
    known = content_types.query_parameters()
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    for name, values in request.GET.lists():
        parameter = known.get(name)
        if (
            parameter is None
            or not parameter.kept
            or not parameter.read_by(view_name)
            or len(values) != 1
            or not parameter.valid(values[0])
        ):
            return False
    return True


def _storable(response) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and len(response.content) <= MAX_STORED_BYTES
    )


def _key(request, state: State) -> tuple[str, str]:
    """The entry's key, and the key of what the address remembers across states."""
    # The configured address, not the Host header: "PoRtAiL.example.org:8821" or a
    # trailing dot reach the same entry. Parameters in one order.
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    address = f"{site_address(request)}{request.path}?{query}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page:{state.tag}:{digest}", f"page-date:{digest}"


def opaque_etag(state: State, audience: str = "") -> str:
    """The validator of what ``state`` renders (for ``audience``: members' answers are
    their own). Weak: the same state renders the same page, not necessarily the same
    bytes. Keyed (SECRET_KEY) and hashed: the version and the next boundary would tell
    when a draft is scheduled, to the second, and each save of one."""
    value = f"{state.tag}-{audience}" if audience else state.tag
    tag = salted_hmac("cuf.page-cache.etag", value, algorithm="sha256").hexdigest()
    return f'W/"{tag[:32]}"'


def _last_modified(response) -> int | None:
    return parse_http_date_safe(response.get("Last-Modified", ""))


def _modified_stamp(store, address_key: str, state: State, now: datetime.datetime) -> int:
    """The Last-Modified (whole seconds) of a page stored now: when it was rendered, so
    that If-Modified-Since can be answered (a feed's own date, its newest entry's, stays
    the same when an entry is unpublished, and would hide that).

    HTTP dates count whole seconds: a page rendered again in another state within the
    same second as the copy a visitor holds must still differ, so each address remembers
    the last date it was given and in which state, and a new state always gets a later one.
    """
    stamp = int(now.timestamp())
    previous = store.get(address_key)
    if previous is not None and previous[0] != state.tag and previous[1] >= stamp:
        stamp = previous[1] + 1
    store.set(address_key, (state.tag, stamp), settings.PAGE_CACHE_SECONDS)
    return stamp


def _make_public(response, state: State, now: datetime.datetime) -> None:
    seconds = min(settings.PAGE_MAX_AGE, state.seconds_left(now))
    response["ETag"] = opaque_etag(state)
    response["Cache-Control"] = f"public, max-age={seconds}, s-maxage={seconds}"
    response["Expires"] = http_date(now.timestamp() + seconds)


class PageCacheMiddleware:
    """Serves anonymous pages from the cache, with validators and 304s (module docstring).

    Sits right after the static files (never asked for those) and before the sessions:
    a page served from the cache opens no session, authenticates nobody and runs one
    query (the version).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE or not _cacheable_request(request):
            response = self.get_response(request)
            if _has_session(request):
                # Rendered for someone with a session (staff, a preview): never shared.
                cache_control = response.get("Cache-Control", "")
                if "private" not in cache_control and "no-store" not in cache_control:
                    never_shared(response)
            return response
        now = timezone.now()
        state = current_state(now)
        store = caches[settings.PAGE_CACHE_ALIAS]
        key, address_key = _key(request, state)
        kept = store.get(key)
        if kept is not None:
            content, headers = kept
            response = HttpResponse(b"" if request.method == "HEAD" else content)
            for name, value in headers:
                response[name] = value
            response["Content-Length"] = str(len(content))
            response["X-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not _storable(response):
                return response
            # Only a stored page has a date If-Modified-Since can be checked against.
            del response["Last-Modified"]
            timeout = min(settings.PAGE_CACHE_SECONDS, state.seconds_left(now))
            if request.method == "GET" and timeout > 0 and _known_parameters(request):
                stamp = _modified_stamp(store, address_key, state, now)
                response["Last-Modified"] = http_date(stamp)
                headers = [
                    (name, value)
                    for name, value in response.items()
                    if name.lower() not in ("content-length", "date")
                ]
                store.set(key, (response.content, headers), timeout)
            response["X-Cache"] = "miss"
        _make_public(response, state, now)
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=_last_modified(response),
            response=response,
        )
