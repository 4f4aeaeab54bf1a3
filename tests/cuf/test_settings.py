"""The settings module, started in a fresh interpreter with only the variables given."""

import ast
import re
import subprocess
from pathlib import Path

import pytest

from tests.helpers import run_python

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION_KEY = "k7#Zp2!vQ9@xL4$wR8%nT1^bY6&mF3*hJ0(sD5)gC2_eA9+uN7=oI4-rW1~tS8"
SHOW_ENGINE = (
    "import django; from django.conf import settings; django.setup(); "
    "print(settings.DATABASES['default']['ENGINE'])"
)


def run(code_or_args, **variables) -> subprocess.CompletedProcess:
    """Python in the project folder with a clean environment plus ``variables``."""
    return run_python(
        code_or_args, **{"DJANGO_SETTINGS_MODULE": "portail.settings.base", **variables}
    )


SHOW_CACHE = (
    "import django; from django.conf import settings; django.setup(); "
    "print(settings.CACHES['default']['BACKEND'])"
)


def regardless_of_dotenv(test):
    """Mark a test that holds whether or not the project has a .env file."""
    test.regardless_of_dotenv = True
    return test


@pytest.fixture(autouse=True)
def _no_dotenv_file(request):
    # settings.py reads .env: these tests would not be about a clean environment otherwise.
    if getattr(request.function, "regardless_of_dotenv", False):
        return
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
        SITE_URL="https://portail.example.org",
        PUBLICATION_DIRECTOR="Jeanne Martin, présidente",
        HOSTING_PROVIDER="Hébergeur SAS, 1 rue de l’Exemple, 75000 Paris, 01 23 45 67 89",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deploy_checks_warn_when_the_legal_notice_names_no_director_nor_host():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="portail.example.org",
        SITE_URL="https://portail.example.org",
        PUBLICATION_DIRECTOR="",
        HOSTING_PROVIDER="",
    )
    assert result.returncode != 0
    assert "cuf.W021" in result.stderr and "PUBLICATION_DIRECTOR" in result.stderr
    assert "cuf.W022" in result.stderr and "HOSTING_PROVIDER" in result.stderr


@pytest.mark.parametrize("site_url", ["", "http://portail.example.org", "portail.example.org"])
def test_deploy_checks_ask_for_the_public_https_site_address(site_url):
    result = run(
        ["manage.py", "check", "--deploy"],
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="portail.example.org",
        SITE_URL=site_url,
    )
    assert result.returncode != 0
    assert "cuf.E010" in result.stderr and "SITE_URL" in result.stderr


def test_checking_for_missing_migrations_needs_no_production_secret():
    result = run(["manage.py", "makemigrations", "--check", "--dry-run"])
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_other_management_commands_keep_the_production_rule():
    result = run(["manage.py", "check"], ALLOWED_HOSTS="portail.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@regardless_of_dotenv
def test_test_settings_keep_the_cache_in_local_memory_whatever_cache_url_says():
    # The variable given wins over any .env (settings.py reads .env without overwriting).
    result = run(
        SHOW_CACHE,
        DJANGO_SETTINGS_MODULE="portail.settings.test",
        CACHE_URL="redis://127.0.0.1:6379/9",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"


def _is_environment(node: ast.expr) -> bool:
    """``env`` (django-environ) or ``os.environ``."""
    return (isinstance(node, ast.Name) and node.id == "env") or ast.unparse(node) == "os.environ"


def _string(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def variables_read_by_settings() -> set[str]:
    """Names the settings modules read from the environment, found in their syntax trees."""
    names = set()
    nodes = (
        node
        for module in sorted((PROJECT / "portail" / "settings").glob("*.py"))
        if module.name != "test.py"
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8")))
    )
    for node in nodes:
        if isinstance(node, ast.Call) and node.args:
            # env("X"), env.bool("X"), env.db("X")…, os.environ.get("X"), os.getenv("X")
            func = node.func
            if _is_environment(func) or (
                isinstance(func, ast.Attribute)
                and (_is_environment(func.value) or ast.unparse(func) == "os.getenv")
            ):
                names.add(_string(node.args[0]))
        elif isinstance(node, ast.Subscript) and _is_environment(node.value):
            # os.environ["X"]
            names.add(_string(node.slice))
        elif isinstance(node, ast.Compare) and any(map(_is_environment, node.comparators)):
            # "X" in env, "X" not in os.environ
            names.add(_string(node.left))
    names.discard(None)
    return names


@regardless_of_dotenv
def test_every_variable_settings_reads_is_in_env_example():
    read = variables_read_by_settings()
    # The parser does find settings.py's reads (of every form it uses).
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "CACHE_URL", "SESSION_COOKIE_SECURE"} <= read
    example = (PROJECT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    assert read - listed == set(), "variables missing from .env.example"


def test_a_server_reads_its_settings_from_env_file_and_the_environment_wins(tmp_path):
    settings_file = tmp_path / "env"
    settings_file.write_text(
        "SITE_NAME=Portail des Assises\n"
        "ADMINS=Équipe technique <technique@example.org>\n"
        "LOG_LEVEL=WARNING\n"
    )
    result = run_python(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SITE_NAME, '|', settings.ADMINS, '|', settings.LOGGING['root']['level'])",
        DJANGO_SETTINGS_MODULE="portail.settings.base",
        DEBUG="true",
        ENV_FILE=str(settings_file),
        LOG_LEVEL="ERROR",
    )
    assert result.stdout.strip() == (
        "Portail des Assises | [('Équipe technique', 'technique@example.org')] | ERROR"
    ), result.stderr


def test_kept_database_connections_are_checked_before_a_request_reuses_them(settings):
    # With CONN_MAX_AGE (60 in .env.example), a connection left dead by a database restart
    # is replaced at the next request's first query instead of failing it (bench/soak.py).
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
