"""Django's Redis cache, for a Redis that may be away.

Nothing in the cache is the only copy of anything (pages, search facet counts, image
sizes, rate-limit counters): while Redis is restarted or unreachable, the portal keeps
serving. A read is a miss, a write is dropped, an increment is a counter that starts
again (the callers then count one: limits open rather than refuse everyone). Pages stay
right: the page cache's keys hold the content version read from the database at each
request, so a page stored before the outage is never served after a write made during it.

After a failure the process leaves Redis alone for ``RETRY_SECONDS`` (every request would
otherwise wait for its own failed connection, up to ``socket_connect_timeout``), then
tries again; the outage and the return are logged once each.

Two operations do not pretend: ``clear()`` (a restore empties the cache, and an entry
left behind could be served under a restored version) raises, and ``ping()``, which the
health check uses, says whether Redis answers.
"""

import functools
import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 1.0
AWAY = (RedisConnectionError, RedisTimeoutError)


class CacheAway(Exception):
    """Redis was found away a moment ago: not asked again yet."""


def _tolerant(fallback):
    """Run the operation; while Redis is away, return ``fallback(*args)`` instead."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                self._check_not_away()
                result = method(self, *args, **kwargs)
            except (*AWAY, CacheAway) as error:
                self._went_away(error)
                return fallback(*args, **kwargs)
            self._came_back()
            return result

        return wrapper

    return decorate


def _default(key, default=None, version=None):
    return default


def _missing(*args, **kwargs):
    # What Django's caches raise for an increment of a key they do not hold.
    raise ValueError("Redis est indisponible : compteur absent")


class TolerantRedisCache(RedisCache):
    """django.core.cache.backends.redis.RedisCache that serves on while Redis is away."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._away_until = 0.0
        self._away = False
        self._lock = threading.Lock()

    # State of this process's view of Redis -------------------------------------------

    def _check_not_away(self) -> None:
        if self._away and time.monotonic() < self._away_until:
            raise CacheAway

    def _went_away(self, error: Exception) -> None:
        with self._lock:
            self._away_until = time.monotonic() + RETRY_SECONDS
            if not self._away and not isinstance(error, CacheAway):
                logger.warning("Redis ne répond pas (%s) : le cache est ignoré", error)
            self._away = True

    def _came_back(self) -> None:
        if self._away:
            with self._lock:
                if self._away:
                    self._away = False
                    logger.warning("Redis répond de nouveau : le cache sert de nouveau")

    # Operations ------------------------------------------------------------------------

    get = _tolerant(_default)(RedisCache.get)
    get_many = _tolerant(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _tolerant(lambda *args, **kwargs: False)(RedisCache.has_key)
    add = _tolerant(lambda *args, **kwargs: False)(RedisCache.add)
    set = _tolerant(lambda *args, **kwargs: None)(RedisCache.set)
    set_many = _tolerant(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    touch = _tolerant(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = _tolerant(lambda *args, **kwargs: False)(RedisCache.delete)
    delete_many = _tolerant(lambda *args, **kwargs: None)(RedisCache.delete_many)
    incr = _tolerant(_missing)(RedisCache.incr)

    def ping(self) -> None:
        """Raise unless Redis answers now (the health check)."""
        self._cache.get_client(write=False).ping()


def cache_answers(alias: str = "default") -> None:
    """Raise unless the cache ``alias`` answers: a ping for Redis, a read for the others."""
    cache = caches[alias]
    if isinstance(cache, TolerantRedisCache):
        cache.ping()
    else:
        cache.get("cuf:health")
