"""What keeps the portal operable: health, a database that is down or stuck, body limits,
and error reports that reach people.

A database that refuses connections and one that accepts and never answers are real:
a closed port, and a socket this test opens and never reads from. The portal runs in a
fresh interpreter pointed at them.
"""

import datetime
import gzip
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.test import Client
from django.urls import path
from django.utils import timezone

from cuf.operations.errors import server_error
from tests.helpers import run_python

# The portal, in a fresh interpreter: one GET through the test client, answered as JSON.
GET_ONE_PAGE = """
import json, sys, time
import django
django.setup()
from django.test import Client
started = time.monotonic()
response = Client(raise_request_exception=False).get(sys.argv[1])
print(json.dumps({
    "status": response.status_code,
    "retry_after": response.get("Retry-After"),
    "content_type": response.get("Content-Type"),
    "body": response.content.decode(),
    "seconds": time.monotonic() - started,
}))
"""


def get_page(address: str, tmp_path, **variables) -> dict:
    result = run_python(
        ["-c", GET_ONE_PAGE, address],
        PROTECTED_MEDIA_ROOT=str(tmp_path / "protected"),
        MEDIA_ROOT=str(tmp_path / "media"),
        **variables,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def refusing_database():
    """A PostgreSQL address where nothing listens: connections are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"postgres://portail@127.0.0.1:{port}/portail"


@pytest.fixture
def silent_database():
    """A PostgreSQL address that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"postgres://portail@127.0.0.1:{server.getsockname()[1]}/portail"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


# The database is down or stuck


@pytest.mark.parametrize("address", ["/", "/communiques/", "/themes/", "/recherche/?q=eau"])
def test_public_pages_answer_503_with_retry_after_when_the_database_refuses(
    refusing_database, tmp_path, address
):
    page = get_page(address, tmp_path, DATABASE_URL=refusing_database)
    assert page["status"] == 503
    assert page["retry_after"] == "30"
    assert "Le portail est momentanément indisponible" in page["body"]


def test_a_database_that_never_answers_gives_503_within_its_connect_timeout(
    silent_database, tmp_path
):
    page = get_page("/", tmp_path, DATABASE_URL=silent_database, DB_CONNECT_TIMEOUT="2")
    assert page["status"] == 503
    assert page["retry_after"] == "30"
    # Not the 30 s a worker would wait before being killed.
    assert page["seconds"] < 10


@pytest.mark.django_db
def test_other_errors_get_the_french_500_page_without_touching_the_database(
    rf, django_assert_num_queries
):
    try:
        raise ValueError("boum")
    except ValueError:
        with django_assert_num_queries(0):
            response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Le portail rencontre un problème" in response.content.decode()


def test_statements_are_limited_while_serving_and_not_in_maintenance_commands():
    show = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.DATABASES['default']['OPTIONS'])"
    )
    url = "postgres://portail@127.0.0.1:5432/portail"
    serving = run_python(show, DATABASE_URL=url, DB_STATEMENT_TIMEOUT="7").stdout
    assert "'connect_timeout': 5" in serving and "statement_timeout=7000" in serving
    command = run_python(
        [
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])",
        ],
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="portail.settings.test",
    )
    assert "statement_timeout=0" in command.stdout, command.stderr


# Health


MONITOR_TOKEN = "jeton-du-moniteur-" + "m" * 30


@pytest.fixture
def monitor(client, settings):
    """A monitor allowed the deep check: it holds HEALTH_TOKEN."""
    settings.HEALTH_TOKEN = MONITOR_TOKEN
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {MONITOR_TOKEN}"
    return client


@pytest.mark.django_db
def test_health_answers_ok_for_each_component(monitor):
    response = monitor.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
        "jobs": {"waiting": 0, "oldest_waiting_seconds": 0},
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_anyones_health_check_is_cheap_and_writes_nothing(client, settings, monkeypatch):
    """Anonymous probes cost a query and a cache read: no file, no cache write, no queue."""
    from django.core.cache import cache

    from cuf.operations import health

    def forbidden(*args, **kwargs):
        raise AssertionError("the public check wrote or touched the storage")

    monkeypatch.setattr(health, "protected_storage", forbidden)
    monkeypatch.setattr(cache, "set", forbidden)
    monkeypatch.setattr(cache, "delete", forbidden)
    settings.HEALTH_TOKEN = MONITOR_TOKEN
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer mauvais-jeton"}):
        response = client.get("/health/", **headers)
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


@pytest.mark.django_db
def test_the_deep_health_check_is_open_to_an_allowed_address(client, settings):
    settings.HEALTH_ALLOWED_ADDRESSES = ["127.0.0.1"]
    assert "storage" in client.get("/health/", REMOTE_ADDR="127.0.0.1").json()["checks"]
    assert "storage" not in client.get("/health/", REMOTE_ADDR="192.0.2.7").json()["checks"]


def test_health_names_the_database_when_it_refuses(refusing_database, tmp_path):
    page = get_page("/health/", tmp_path, DATABASE_URL=refusing_database)
    assert page["status"] == 503
    assert json.loads(page["body"]) == {
        "status": "error",
        "checks": {"database": "error", "cache": "ok"},
    }


def test_health_names_the_database_when_it_never_answers(silent_database, tmp_path):
    page = get_page("/health/", tmp_path, DATABASE_URL=silent_database, DB_CONNECT_TIMEOUT="1")
    assert page["status"] == 503
    assert json.loads(page["body"])["checks"]["database"] == "error"
    assert page["seconds"] < 10


@pytest.mark.django_db
def test_health_names_the_storage_when_it_cannot_write(monitor, settings, tmp_path):
    read_only = tmp_path / "lecture-seule"
    read_only.write_text("not a folder")
    settings.STORAGES = {
        **settings.STORAGES,
        "protected": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": read_only / "protected", "base_url": None},
        },
    }
    response = monitor.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "storage": "error"}


@pytest.mark.django_db
def test_health_names_the_cache_when_it_keeps_nothing(monitor, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = monitor.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "error"


@pytest.mark.django_db
def test_health_discloses_nothing_and_renders_no_page(monitor, django_assert_max_num_queries):
    # One query checks the database, one reads the job queue.
    with django_assert_max_num_queries(2):
        response = monitor.get("/health/")
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"status", "checks", "jobs"}


@pytest.mark.django_db
def test_health_reports_the_age_of_the_oldest_waiting_job(monitor, settings):
    from django_tasks_db.models import DBTaskResult

    from cuf.operations.mail import deliver_mail

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for _ in range(2):
        deliver_mail.enqueue({"to": []})
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=5))
    jobs = monitor.get("/health/").json()["jobs"]
    assert jobs["waiting"] == 2
    assert 299 <= jobs["oldest_waiting_seconds"] <= 310


# Body limits


LOGIN = "/admin/login/"


@pytest.mark.django_db
def test_a_huge_anonymous_post_is_refused_before_it_is_read(client):
    from axes.models import AccessAttempt

    response = client.post(
        LOGIN,
        data=b"username=x&password=y",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(300 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "trop volumineux" in response.content.decode()
    assert "Content-Security-Policy" in response and response["X-Frame-Options"] == "DENY"
    # The login form never ran: no failed attempt was recorded.
    assert not AccessAttempt.objects.exists()


@pytest.mark.django_db
def test_an_anonymous_body_just_over_the_limit_is_refused_and_a_form_passes(client, settings):
    settings.ANONYMOUS_MAX_BODY_KB = 4
    big = client.post(LOGIN, {"username": "x" * 5000, "password": "y"})
    assert big.status_code == 413
    small = client.post(LOGIN, {"username": "quelqu-un", "password": "y"})
    assert small.status_code == 200


@pytest.mark.django_db
def test_the_editor_image_upload_is_refused_above_the_image_limit_before_reading(
    editor_client, settings
):
    limit = settings.UPLOAD_MAX_MB["image"] * 1024 * 1024
    response = editor_client.post(
        "/admin/editeur/envoi/",
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(limit + 2 * 1024 * 1024),
    )
    assert response.status_code == 413


@pytest.mark.django_db
def test_staff_may_send_the_largest_allowed_upload(editor_client, settings):
    from cuf.operations.request_limits import body_limit

    largest = max(settings.UPLOAD_MAX_MB.values()) * 1024 * 1024
    response = editor_client.get("/admin/")
    assert body_limit(response.wsgi_request) > largest


# Error reports


def failing_view(request):
    raise RuntimeError("Panne simulée pour le rapport d’erreur")


urlpatterns = [path("boum/", failing_view)]
handler500 = "cuf.operations.errors.server_error"


@pytest.mark.django_db
def test_errors_are_mailed_to_admins_when_set(settings):
    settings.ROOT_URLCONF = __name__
    settings.ADMINS = [("Équipe technique", "technique@example.org")]
    response = Client(raise_request_exception=False).get("/boum/")
    assert response.status_code == 500
    assert "Le portail rencontre un problème" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["technique@example.org"]
    assert "Panne simulée" in message.body


@pytest.mark.django_db
def test_no_mail_without_admins(settings):
    settings.ROOT_URLCONF = __name__
    settings.ADMINS = []
    Client(raise_request_exception=False).get("/boum/")
    assert mail.outbox == []


def test_admins_are_read_from_the_environment():
    show = "import django; from django.conf import settings; django.setup(); print(settings.ADMINS)"
    result = run_python(show, ADMINS="Équipe technique <tech@example.org>, veille@example.org")
    assert result.stdout.strip() == (
        "[('Équipe technique', 'tech@example.org'), ('veille@example.org', 'veille@example.org')]"
    )


class _SentryIntake(BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self):  # noqa: N802 - the name http.server calls
        length = int(self.headers.get("Content-Length") or 0)
        _SentryIntake.received.append(self.path.encode() + b"\n" + self.rfile.read(length))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_errors_are_sent_to_sentry_when_its_address_is_set(tmp_path):
    server = HTTPServer(("127.0.0.1", 0), _SentryIntake)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _SentryIntake.received = []
    dsn = f"http://cle-publique@127.0.0.1:{server.server_address[1]}/42"
    script = """
import django
django.setup()
from django.test import Client
from django.test.utils import override_settings
with override_settings(ROOT_URLCONF="tests.cuf.test_operations"):
    print(Client(raise_request_exception=False).get("/boum/").status_code)
import sentry_sdk
sentry_sdk.flush(5)
"""
    result = run_python(script, SENTRY_DSN=dsn, PROTECTED_MEDIA_ROOT=str(tmp_path))
    server.shutdown()
    assert result.stdout.strip().endswith("500"), result.stderr
    (envelope,) = _SentryIntake.received
    address, body = envelope.split(b"\n", 1)
    assert address == b"/api/42/envelope/"
    if body.startswith(b"\x1f\x8b"):
        body = gzip.decompress(body)
    assert b"RuntimeError" in body and b"Panne simul" in body


def test_logs_are_one_json_object_a_line_in_production():
    script = (
        "import django, logging; django.setup(); "
        "logging.getLogger('cuf').warning('Fichier introuvable : %s', 'note.pdf')"
    )
    result = run_python(script, LOG_FORMAT="json")
    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert line["level"] == "WARNING"
    assert line["logger"] == "cuf"
    assert line["message"] == "Fichier introuvable : note.pdf"
    assert "time" in line


def test_a_query_error_is_a_500_not_the_maintenance_page(rf):
    from django.db import OperationalError

    try:
        raise OperationalError("Expression tree is too large (maximum depth 1000)")
    except OperationalError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["username=%00", "username__regex=[", "date_joined__year=99999999999", "name=%00"],
)
def test_the_user_and_group_lists_read_only_their_filters(superuser_client, query):
    for address in ("/admin/auth/user/", "/admin/auth/group/"):
        response = superuser_client.get(f"{address}?{query}")
        assert response.status_code in (200, 302), (address, query)


@pytest.mark.django_db
def test_a_bad_request_gets_a_french_page():
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="hote invalide")
    assert response.status_code == 400
    assert "Cette adresse ne peut pas être lue" in response.content.decode()


@pytest.mark.django_db
def test_a_refusal_gets_a_french_page(moderator_client):
    from tests.factories import CommuniqueFactory

    item = CommuniqueFactory()
    response = moderator_client.get(f"/admin/communiques/communique/{item.pk}/delete/")
    assert response.status_code == 403
    assert '<html lang="fr">' in response.content.decode()
    assert "Accès refusé" in response.content.decode()


@pytest.mark.django_db
def test_a_form_sent_without_its_token_gets_a_french_page():
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})
    assert response.status_code == 403
    assert "Ce formulaire a expiré" in response.content.decode()


@pytest.mark.django_db
def test_health_answers_a_load_balancers_plain_http_probe_while_pages_go_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/health/").status_code == 200
    page = client.get("/communiques/")
    assert page.status_code == 301
    assert page["Location"].startswith("https://")
