"""CACHE_URL=redis://… gives every app server one cache (the real Redis on loopback)."""

import os
import socket
import uuid

import pytest

from tests.helpers import run_python

REDIS = "redis://127.0.0.1:6379/9"


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


# Outside CI a missing Redis skips, saying so; under CI the tests run, and fail.
pytestmark = pytest.mark.skipif(
    not _redis_answers() and not os.environ.get("CI"), reason="Redis ne répond pas sur 6379"
)


def in_portal(code: str, **variables):
    """``code`` in a fresh interpreter with the development settings and the shared cache."""
    return run_python(
        "import django; django.setup(); from django.core.cache import cache; " + code,
        DJANGO_SETTINGS_MODULE="portail.settings.base",
        DEBUG="true",
        CACHE_URL=REDIS,
        **variables,
    )


def test_a_value_cached_by_one_process_is_read_by_another():
    key, value = f"cuf:test:{uuid.uuid4().hex}", uuid.uuid4().hex
    written = in_portal(f"cache.set('{key}', '{value}', 30); print('ok')")
    assert written.stdout.strip() == "ok", written.stderr
    read = in_portal(f"print(cache.get('{key}')); cache.delete('{key}')")
    assert read.stdout.strip() == value, read.stderr


def test_the_shared_cache_is_redis_that_may_be_away_with_short_timeouts():
    result = in_portal(
        "from django.conf import settings; c = settings.CACHES['default']; "
        "print(c['BACKEND'], c['OPTIONS']['socket_timeout'], settings.SESSION_ENGINE)"
    )
    assert result.stdout.split() == [
        "cuf.operations.redis_cache.TolerantRedisCache",
        "2",
        "django.contrib.sessions.backends.db",
    ], result.stderr


def test_health_names_the_cache_when_redis_does_not_answer(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    script = (
        "import json; from django.test import Client; "
        "r = Client().get('/health/'); print(r.status_code, json.dumps(r.json()['checks']))"
    )
    result = run_python(
        "import django; django.setup(); " + script,
        DJANGO_SETTINGS_MODULE="portail.settings.base",
        DEBUG="true",
        ALLOWED_HOSTS="testserver",
        CACHE_URL=f"redis://127.0.0.1:{port}/0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PROTECTED_MEDIA_ROOT=str(tmp_path / "protected"),
    )
    status, checks = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert status == "503", result.stderr
    assert '"cache": "error"' in checks and '"database": "ok"' in checks
