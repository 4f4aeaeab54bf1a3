"""The caches, from CACHE_URL and PAGE_CACHE_URL.

Several app servers share one cache (CACHE_URL=redis://host:6379/1): search facet counts,
image sizes and pages are computed once for all. A cache that does not answer gives up
within two seconds. Sessions and login-throttling records stay in the database, which
every app server shares already: a cache restart logs nobody out and forgets no lock-out.
Redis may be restarted or away at any time: the backend (cuf.operations.redis_cache) then
treats every read as a miss and drops writes, and the portal serves on, uncached.
The embedded default keeps it in files under var/cache/: the workers of one app server
share it, and it outlives gunicorn's periodic worker restarts.

Anonymous pages have a cache of their own ("pages", PAGE_CACHE_URL): however many variants
of pages visitors ask for, they evict only pages, never the password-reset counters,
search facet counts or image sizes of the default cache. On Redis, give it its own server
(or at least its own maxmemory): Redis evicts across all its databases together. Without
PAGE_CACHE_URL, pages go to CACHE_URL's server under their own prefix, or to files under
var/page-cache/.
"""

REDIS = "django.core.cache.backends.redis.RedisCache"
TOLERANT_REDIS = "cuf.operations.redis_cache.TolerantRedisCache"


def caches_from(env, var_dir) -> dict:
    caches = {"default": env.cache("CACHE_URL", default=f"filecache://{var_dir / 'cache'}")}
    if "PAGE_CACHE_URL" in env:
        caches["pages"] = env.cache("PAGE_CACHE_URL")
    elif "CACHE_URL" in env:
        caches["pages"] = {**caches["default"], "KEY_PREFIX": "pages"}
        caches["pages"]["OPTIONS"] = dict(caches["default"].get("OPTIONS", {}))
    else:
        caches["pages"] = env.cache_url_config(f"filecache://{var_dir / 'page-cache'}")
    for config in caches.values():
        if config["BACKEND"] in (REDIS, TOLERANT_REDIS):
            config["BACKEND"] = TOLERANT_REDIS
            config.setdefault("OPTIONS", {}).update(
                {"socket_connect_timeout": 2, "socket_timeout": 2}
            )
        else:
            # Room for the pages of a busy day (about 30 kB each), beyond 300 entries.
            config.setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 2000)
    return caches
