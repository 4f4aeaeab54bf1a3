import inspect
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client

from cuf.files.storage import protected_storage
from tests.helpers import run_python
from tests.object_store import start_object_store

# Two markers, given by rule rather than test by test (pyproject.toml registers them):
# - ``servers``: the test starts real servers on loopback (SeaweedFS, gunicorn, nginx) or
#   the portal in a fresh interpreter. That is, it uses one of SERVER_FIXTURES, directly or
#   through another fixture (a fixture that starts a server joins the list: its name is
#   enough, wherever it is defined), or it calls tests.helpers.run_python, directly or
#   through a function of its module.
# - ``browser``: the test lives in tests/e2e/ (Chromium through Playwright).
# `make test-fast` leaves both out; `make test` runs everything. A server test the rule
# misses is not lost: it only runs in `make test-fast` too, and twice in CI.
SERVER_FIXTURES = {
    "object_store",  # SeaweedFS, for the whole run (below)
    "served",  # `make serve`: gunicorn (tests/cuf/test_app_server.py)
    "deployed",  # nginx and gunicorn, SeaweedFS too for the bucket (tests/test_*behind_nginx.py)
    "upstreams",  # nginx and two gunicorn instances (tests/test_nginx_upstreams.py)
    "servers",  # two gunicorn instances on PostgreSQL and Redis (tests/test_two_app_servers.py)
    "own_redis",  # its own redis-server, stopped and started (tests/cuf/test_redis_away.py)
    "portal",  # gunicorn and the job worker (tests/test_worker.py, where the worker exists)
}
BROWSER_TESTS = Path(__file__).parent / "e2e"


def _calls_run_python(function, seen: set) -> bool:
    """Whether ``function`` names run_python, itself or through functions of its module
    (the code it holds: nested functions, lambdas and comprehensions included)."""
    function = inspect.unwrap(function)
    if function in seen or not inspect.isfunction(function):
        return False
    seen.add(function)
    module = inspect.getmodule(function)
    codes = [function.__code__]
    while codes:
        code = codes.pop()
        codes.extend(const for const in code.co_consts if inspect.iscode(const))
        for name in code.co_names:
            called = getattr(module, name, None)
            if called is run_python:
                return True
            if (
                inspect.isfunction(called)
                and called.__module__ == function.__module__
                and _calls_run_python(called, seen)
            ):
                return True
    return False


def pytest_collection_modifyitems(items):
    for item in items:
        if SERVER_FIXTURES.intersection(getattr(item, "fixturenames", ())) or (
            _calls_run_python(getattr(item, "function", None), set())
        ):
            item.add_marker(pytest.mark.servers)
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path, monkeypatch):
    """Uploaded files go to a throw-away folder for each test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "protected": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "protected", "base_url": None},
        },
    }
    # A field calls its storage callable once, when the model is defined: point the fields
    # at the throw-away storage too, or uploads would land in var/protected/.
    for model in apps.get_models():
        for field in model._meta.fields:
            if getattr(field, "_storage_callable", None) is protected_storage:
                monkeypatch.setattr(field, "storage", protected_storage())


# Each logged-in client is its own browser: the ``client`` fixture stays anonymous.


@pytest.fixture
def staff_client(django_user_model):
    user = django_user_model.objects.create_user(
        username="redaction", password="motdepasse-long-123", is_staff=True
    )
    staff = Client()
    staff.force_login(user)
    return staff


def verified_client(user) -> Client:
    """A browser where ``user`` signed in with both factors: a device enrolled, and the
    session marked as having passed it (what cuf.accounts.two_factor does after a code)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="Téléphone", confirmed=True)
    browser = Client()
    browser.force_login(user)
    session = browser.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return browser


@pytest.fixture
def superuser_client(django_user_model):
    # Production settings require a second factor of superusers: this one enrolled.
    user = django_user_model.objects.create_superuser(
        username="chef", password="motdepasse-long-123", email="chef@example.org"
    )
    return verified_client(user)


def _member_of(django_user_model, role: str, username: str):
    from django.contrib.auth.models import Group

    from cuf.accounts.roles import sync_roles

    sync_roles()
    user = django_user_model.objects.create_user(
        username=username, password="motdepasse-long-123", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(django_user_model):
    """A member of "Rédacteurs", and nothing else."""
    from cuf.accounts.roles import EDITORS

    return _member_of(django_user_model, EDITORS, "redactrice")


@pytest.fixture
def moderator(django_user_model):
    """A member of "Modérateurs", and nothing else."""
    from cuf.accounts.roles import MODERATORS

    return _member_of(django_user_model, MODERATORS, "moderateur")


@pytest.fixture
def editor_client(editor):
    logged_in = Client()
    logged_in.force_login(editor)
    return logged_in


@pytest.fixture
def moderator_client(moderator):
    logged_in = Client()
    logged_in.force_login(moderator)
    return logged_in


@pytest.fixture(scope="session")
def object_store(tmp_path_factory):
    """A real S3-compatible server (SeaweedFS) on loopback, for the whole run."""
    yield from start_object_store(tmp_path_factory.mktemp("seaweedfs"))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test leaves the content version
    where it found it, and pages it cached must not be served to the next one."""
    from django.core.cache import caches

    from cuf.publishing import page_cache

    for cache in caches.all(initialized_only=True):
        cache.clear()
    page_cache._known.clear()
