"""HTTP around every API address: problems (RFC 9457, in French), read-only methods,
validators and caching from the page cache's state, CORS for anyone, a rate limit.

Every URL the API serves (ninja's, the schema, the documentation, the catch-all 404)
goes through ``http_layer``, so that these rules hold for all of them, errors included.
"""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response
from django.views.decorators.csrf import csrf_exempt

from cuf.accounts.throttling import throttled_address
from cuf.members.access import reads_reserved
from cuf.publishing.page_cache import current_state, opaque_etag

PROBLEM_MEDIA_TYPE = "application/problem+json"
READ_METHODS = ("GET", "HEAD")
ALLOWED = "GET, HEAD, OPTIONS"

TITLES = {
    400: "Requête invalide",
    404: "Introuvable",
    405: "Méthode non autorisée",
    429: "Trop de requêtes",
}

CORS_HEADERS = {
    # Anyone may read, from any site; no credentials are ever accepted (no
    # Access-Control-Allow-Credentials): a cross-origin request is anonymous, hence the
    # same answer for everyone, which caches and proxies may keep.
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Retry-After, Content-Language",
}


def problem(status: int, detail: str, *, errors: list[dict] | None = None) -> JsonResponse:
    body = {
        "type": "about:blank",
        "title": TITLES.get(status, "Erreur"),
        "status": status,
        "detail": detail,
        "errors": errors or [],
    }
    response = JsonResponse(
        body,
        status=status,
        content_type=f"{PROBLEM_MEDIA_TYPE}; charset=utf-8",
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Language"] = "fr"
    return response


def _rate_limited(request) -> HttpResponse | None:
    """A fixed window per client and minute, counted atomically in the shared cache (one
    increment; Redis when several servers share it)."""
    limit = settings.API_RATE_LIMIT_PER_MINUTE
    now = time.time()
    window = int(now // 60)
    key = f"api:rate:{throttled_address(request)}:{window}"
    cache.add(key, 0, 120)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: count this one alone
        count = 1
    if count <= limit:
        return None
    retry_after = max(1, int((window + 1) * 60 - now))
    response = problem(
        429,
        f"Pas plus de {limit} requêtes par minute : réessayez dans {retry_after} secondes.",
    )
    response["Retry-After"] = str(retry_after)
    return response


def _cacheable(response, state, now: float, etag: str) -> None:
    seconds = min(settings.PAGE_MAX_AGE, max(0, int(state.boundary.timestamp() - now)))
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={seconds}, s-maxage={seconds}"


def _finish(request, response, *, head: bool):
    if response.get("Content-Type") == "application/json":  # ninja's schema view
        response["Content-Type"] = "application/json; charset=utf-8"
    for name, value in CORS_HEADERS.items():
        response[name] = value
    if head:
        response.content = b""
    return response


def http_layer(view):
    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            # A browser's preflight (a request with If-None-Match, say): allowed for reading.
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED
            response["Access-Control-Allow-Headers"] = "Accept, If-None-Match, Cache-Control"
            response["Access-Control-Max-Age"] = "86400"
            response["Allow"] = ALLOWED
            return _finish(request, response, head=False)
        if request.method not in READ_METHODS:
            response = problem(
                405, "L’API est en lecture seule : seules GET et HEAD sont acceptées."
            )
            response["Allow"] = ALLOWED
            return _finish(request, response, head=False)
        head = request.method == "HEAD"
        limited = _rate_limited(request)
        if limited is not None:
            return _finish(request, limited, head=head)
        # Everything the API says changes only with the content version or at the next
        # boundary (a scheduled publication, an end of publication, midnight): the page
        # cache's state is the validator, checked before any work.
        state = current_state()
        now = time.time()
        # A member's answers hold reserved bodies: their own validator, never the
        # visitors' (the page cache's middleware makes them private too). Opaque for
        # everyone: a session (or PAGE_CACHE off) must not show the schedule either.
        etag = opaque_etag(state, "adherent" if reads_reserved(request) else "")
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None and not_modified.status_code == 304:
            _cacheable(not_modified, state, now, etag)
            return _finish(request, not_modified, head=head)
        if head:
            request.method = "GET"
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            _cacheable(response, state, now, etag)
        else:
            response["Cache-Control"] = "no-store"
        return _finish(request, response, head=head)

    return wrapped


@http_layer
def not_found(request):
    return problem(404, "Aucune adresse de l’API ne correspond : voir /api/v1/ .")
