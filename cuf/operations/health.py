"""GET /health/: whether the portal can serve, for a load balancer or a monitor.

Anyone may ask, so the public check is cheap: the database answers ``SELECT 1`` and the
cache answers a read, nothing written anywhere (an anonymous flood of probes costs a query
and a cache read each, no object-store operation). It answers JSON: 200 when all answer,
503 naming what failed. No page is rendered, no session is read, nothing about the
configuration is disclosed.

The deep check, for a monitor holding ``HEALTH_TOKEN`` (``Authorization: Bearer …``) or
asking from one of ``HEALTH_ALLOWED_ADDRESSES``, also has the cache keep a value, the file
storage write, read back and delete a small file, and reports the job queue: how many jobs
wait, and for how long the oldest has waited (``jobs``, one query). A monitor alerts on
that age (a worker stopped or overwhelmed); it does not change the status, since pages
are served without the worker.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.http import JsonResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cuf.accounts.throttling import client_address
from cuf.files.storage import protected_storage
from cuf.operations.jobs import waiting_jobs
from cuf.operations.redis_cache import cache_answers

logger = logging.getLogger(__name__)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache_answers() -> None:
    # A ping (Redis) or a read: nothing is written. Pages are served without the cache,
    # but a load balancer or a monitor should know it is away.
    cache_answers()


def _cache() -> None:
    cache_answers()
    key, value = f"cuf:health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


def _storage() -> None:
    # Uploads need to write: a small file is written, read back and removed (a disk that
    # is full or read-only, a bucket that refuses, all fail here).
    storage = protected_storage()
    name = storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with storage.open(name, "rb") as handle:
            if handle.read() != b"ok":
                raise RuntimeError("the storage did not keep a file")
    finally:
        storage.delete(name)


PUBLIC_CHECKS = {"database": _database, "cache": _cache_answers}
CHECKS = {"database": _database, "cache": _cache, "storage": _storage}


def deep_check_allowed(request) -> bool:
    token = settings.HEALTH_TOKEN
    if token:
        given = request.headers.get("Authorization", "")
        if constant_time_compare(given, f"Bearer {token}"):
            return True
    allowed = settings.HEALTH_ALLOWED_ADDRESSES
    return bool(allowed) and client_address(request) in allowed


@never_cache
@require_GET
def health(request):
    deep = deep_check_allowed(request)
    results = {}
    for name, check in (CHECKS if deep else PUBLIC_CHECKS).items():
        try:
            check()
        except Exception:
            # Any failure of a component is its answer; the log has the details.
            logger.exception("Health check failed: %s", name)
            results[name] = "error"
        else:
            results[name] = "ok"
    healthy = all(result == "ok" for result in results.values())
    answer = {"status": "ok" if healthy else "error", "checks": results}
    if not deep:
        return JsonResponse(answer, status=200 if healthy else 503)
    jobs = "error"
    if results["database"] == "ok":
        try:
            jobs = waiting_jobs()
        except Exception:
            logger.exception("Health check failed: jobs")
    return JsonResponse({**answer, "jobs": jobs}, status=200 if healthy else 503)
