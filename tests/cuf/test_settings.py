"""The settings module, started in a fresh interpreter with only the variables given."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION_KEY = "k7#Zp2!vQ9@xL4$wR8%nT1^bY6&mF3*hJ0(sD5)gC2_eA9+uN7=oI4-rW1~tS8"
SHOW_ENGINE = (
    "import django; from django.conf import settings; django.setup(); "
    "print(settings.DATABASES['default']['ENGINE'])"
)


def run(code_or_args, **variables) -> subprocess.CompletedProcess:
    """Python in the project folder with a clean environment plus ``variables``."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "cuf.settings",
        **variables,
    }
    args = ["-c", code_or_args] if isinstance(code_or_args, str) else code_or_args
    return subprocess.run(
        [sys.executable, *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.fixture(autouse=True)
def _no_dotenv_file():
    # settings.py reads .env: these tests would not be about a clean environment otherwise.
    if (PROJECT / ".env").exists():
        pytest.skip("a .env file in the project would supply the variables under test")


def test_production_without_secret_key_refuses_to_start():
    result = run(SHOW_ENGINE, ALLOWED_HOSTS="portail.example.org")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_debug_false_spelled_out_still_needs_a_secret_key():
    result = run(SHOW_ENGINE, DEBUG="false", ALLOWED_HOSTS="portail.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = run(SHOW_ENGINE, SECRET_KEY=PRODUCTION_KEY)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "ALLOWED_HOSTS" in result.stderr


def test_debug_starts_with_no_other_configuration_on_sqlite():
    result = run(SHOW_ENGINE, DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_database_url_selects_postgresql():
    result = run(
        SHOW_ENGINE,
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="portail.example.org",
        DATABASE_URL="postgres://cuf:motdepasse@db.example.org:5432/cuf",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_deploy_checks_pass_with_production_variables():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="portail.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_checking_for_missing_migrations_needs_no_production_secret():
    result = run(["manage.py", "makemigrations", "--check", "--dry-run"])
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_other_management_commands_keep_the_production_rule():
    result = run(["manage.py", "check"], ALLOWED_HOSTS="portail.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
