"""Redis restarted or unreachable: the portal serves on, uncached, and never stale
(cuf.operations.redis_cache).

With Django's own Redis backend every page answered 500 while Redis was away (its
ConnectionError went up through the page cache). Now a read is a miss and a write is
dropped; the page cache's keys hold the database's content version, so a write made
while Redis is away shows at once, and still shows once Redis is back.
"""

import pytest
from django.core import mail
from django.test import Client
from redis.exceptions import ConnectionError as RedisConnectionError

from cuf.operations import redis_cache
from cuf.operations.redis_cache import TolerantRedisCache
from cuf.publishing.services import item_publish, item_unpublish
from tests.factories import CommuniqueFactory
from tests.servers import RedisServer, free_port

BACKEND = "cuf.operations.redis_cache.TolerantRedisCache"
OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}


@pytest.fixture
def nothing_listens() -> int:
    """A loopback port where no Redis answers (connections refused)."""
    return free_port()


@pytest.fixture(autouse=True)
def retry_at_once(monkeypatch):
    # Each test sees Redis as it is now, not as it was a second ago.
    monkeypatch.setattr(redis_cache, "RETRY_SECONDS", 0)


def redis_caches(settings, port: int) -> None:
    settings.PAGE_CACHE = True
    settings.CACHES = {
        alias: {
            "BACKEND": BACKEND,
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": alias,
            "OPTIONS": OPTIONS,
        }
        for alias in ("default", "pages")
    }


def test_reads_miss_and_writes_are_dropped_while_redis_is_away(nothing_listens):
    cache = TolerantRedisCache(f"redis://127.0.0.1:{nothing_listens}/0", {"OPTIONS": OPTIONS})
    assert cache.get("clé", "défaut") == "défaut"
    cache.set("clé", 1)
    cache.delete("clé")
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("clé", 1) is False
    assert cache.has_key("clé") is False
    with pytest.raises(ValueError):  # as for a counter the cache does not hold
        cache.incr("clé")
    # What must not pretend: the health check's ping, and a restore's clear().
    with pytest.raises(RedisConnectionError):
        cache.ping()
    with pytest.raises(RedisConnectionError):
        cache.clear()


def test_pages_search_feeds_api_and_reset_answer_while_redis_is_away(
    settings, nothing_listens, staff_user_with_email
):
    redis_caches(settings, nothing_listens)
    communique = CommuniqueFactory(title="Assises de la coopération décentralisée")
    visitor = Client()
    for url in (
        "/",
        "/communiques/",
        communique.get_absolute_url(),
        "/recherche/?q=assises",
        "/rss/",
        "/api/v1/communiques/",
        f"/api/v1/communiques/{communique.pk}/",
    ):
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert response["X-Cache"] == "miss", url
    # A write shows at the next request.
    item_unpublish(item=communique)
    assert visitor.get(communique.get_absolute_url()).status_code == 404
    # The password reset's counters live in the cache: the mail still goes.
    response = Client().post("/admin/mot-de-passe-oublie/", {"email": staff_user_with_email.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1


@pytest.fixture
def staff_user_with_email(django_user_model):
    return django_user_model.objects.create_user(
        "redactrice", "redactrice@example.org", "motdepasse-long-123", is_staff=True
    )


def test_health_says_the_cache_is_away_while_pages_are_served(db, settings, nothing_listens):
    redis_caches(settings, nothing_listens)
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "error"}
    assert Client().get("/").status_code == 200


@pytest.fixture
def own_redis(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def test_a_redis_restart_costs_hits_never_an_error_nor_a_stale_page(db, settings, own_redis):
    redis_caches(settings, own_redis.port)
    shown = CommuniqueFactory(title="Rencontre des jumelages")
    later = CommuniqueFactory(title="Appel à projets Haïti", draft=True)
    visitor = Client()
    assert visitor.get("/communiques/")["X-Cache"] == "miss"
    assert visitor.get("/communiques/")["X-Cache"] == "hit"

    own_redis.stop()
    response = visitor.get("/communiques/")
    assert (response.status_code, response["X-Cache"]) == (200, "miss")
    # Written while Redis is away: shown at once.
    item_publish(item=later)
    assert "Appel à projets Haïti" in visitor.get("/communiques/").text

    own_redis.start()  # empty, as a cache restarted without persistence
    first, second = visitor.get("/communiques/"), visitor.get("/communiques/")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert "Appel à projets Haïti" in second.text
    # And a write after its return is not hidden by what it keeps.
    item_unpublish(item=shown)
    assert "Rencontre des jumelages" not in visitor.get("/communiques/").text
