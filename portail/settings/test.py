"""Test settings: the real settings with a fixed key, a fast hasher and their own cache.

Variables already in the environment win over the defaults below, which win over the
project's ``.env`` (settings.py reads it without overwriting).
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-key-not-a-secret")
os.environ.setdefault("BACKUP_KEY", "tests-only-backup-key-not-a-secret-either")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# Staff sign in with their password: tests/cuf/test_two_factor.py turns the second factor
# on for everyone, as production's default does; the servers' tests run that default.
os.environ.setdefault("ADMIN_2FA_REQUIRED", "false")
# Pages are rendered for each request, so that the tests count the queries of a render;
# tests/cuf/test_page_cache.py turns the page cache on.
os.environ.setdefault("PAGE_CACHE", "false")

from portail.settings.base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Local memory whatever CACHE_URL the environment or .env holds: the tests never need,
# nor touch, a shared cache.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files straight from the apps, without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# A fifth content type that exists only in the tests (tests/publications): the contract
# tests run over it as over the portal's own types.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.publications"]  # noqa: F405
# Jobs run at once, in the test process; the end-to-end tests (tests/test_worker.py) run
# the real worker beside the portal. Mail is delivered to Django's outbox.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING["handlers"]["mail_admins"]["email_backend"] = EMAIL_DELIVERY_BACKEND  # noqa: F405
# The portal's address in links written outside a request (mails).
SITE_URL = "https://portail.example.org"
# The API's rate limit is tested on its own (tests/api/test_http.py); the other API tests,
# schemathesis among them, send more requests a minute than a client may.
API_RATE_LIMIT_PER_MINUTE = 1_000_000
