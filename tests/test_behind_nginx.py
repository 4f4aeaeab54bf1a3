"""The portal as deployed: Debian's nginx (deploy/nginx.conf, TLS with a throw-away
certificate) in front of gunicorn (deploy/gunicorn.conf.py) with production settings,
started on loopback by this module and stopped after it.

Outside CI a missing nginx skips, saying so; under CI (CI=true) the tests fail instead.
"""

import http.cookiejar
import json
import os
import re
import shutil
import signal
import ssl
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import PROJECT
from tests.servers import free_port, start_nginx

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
if not Path(NGINX).exists():
    message = "nginx introuvable (apt-get install nginx) : tests derrière nginx"
    if os.environ.get("CI"):
        pytest.fail(message + " impossibles en CI.", pytrace=False)
    pytest.skip(message + " ignorés.", allow_module_level=True)

PASSWORD = "motdepasse-long-123"
SETUP = """
import json
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from communiques.models import Communique
from cuf.files.models import Attachment
from cuf.publishing.rule import Status
from cuf.accounts.roles import EDITORS, sync_roles

from tests.files import ten_page_pdf
PDF = ten_page_pdf()
groups = sync_roles()
editor = User.objects.create_user("redactrice", password="PASSWORD", is_staff=True)
editor.groups.add(groups[EDITORS])
urls = {}
for slug, status in (("en-ligne", Status.PUBLISHED), ("brouillon", Status.DRAFT)):
    communique = Communique.objects.create(title=slug, slug=slug, status=status)
    document = Attachment(item=communique, title="Programme " + slug,
                        file=ContentFile(PDF, name="programme.pdf"))
    document.full_clean()
    document.save()
    urls[slug] = document.get_absolute_url()
print(json.dumps(urls))
""".replace("PASSWORD", PASSWORD)


def set_up_site(env: dict) -> dict[str, str]:
    """Migrate, collect static files and add SETUP's items with ``env``; their addresses."""
    python = [str(PROJECT / ".venv" / "bin" / "python"), "manage.py"]
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run(python + command, cwd=PROJECT, env=env, check=True, capture_output=True)
    setup = subprocess.run(
        [*python, "shell", "-c", SETUP], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert setup.returncode == 0, setup.stderr
    return json.loads(setup.stdout.strip().splitlines()[-1])


class Browser:
    """HTTPS requests to nginx with cookies, as one visitor (the certificate is ours)."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context),
            urllib.request.HTTPCookieProcessor(self.cookies),
            NoRedirect,
        )

    def request(self, path: str, data: bytes | None = None, headers: dict | None = None):
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            # Generous: what these tests check is each answer, not its speed (the slow
            # clients' test times its pages itself), and a loaded machine is slow.
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def cookie(self, name: str) -> str:
        return next(cookie.value for cookie in self.cookies if cookie.name == name)


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    root = tmp_path_factory.mktemp("deploye")
    app_port, tls_port = free_port(), free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "portail.settings.base",
        "DEBUG": "false",
        "SECRET_KEY": "cle-de-deploiement-de-test-" + "y" * 40,
        "ALLOWED_HOSTS": "localhost",
        "BEHIND_TLS_PROXY": "true",
        "TRUSTED_PROXY_COUNT": "1",
        "PROTECTED_FILES_ACCEL": "true",
        "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
        "STATIC_ROOT": str(root / "static"),
        "PROTECTED_MEDIA_ROOT": str(root / "protected"),
        "MEDIA_ROOT": str(root / "media"),
        "PORT": str(app_port),
        "WEB_CONCURRENCY": "2",
    }
    urls = set_up_site(env)
    nginx = start_nginx(
        root,
        {
            "STATIC_ROOT": env["STATIC_ROOT"],
            "PROTECTED_MEDIA_ROOT": env["PROTECTED_MEDIA_ROOT"],
            "APP_SERVERS": f"server 127.0.0.1:{app_port};",
        },
        port=tls_port,
    )
    app = subprocess.Popen(
        [str(PROJECT / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"https://localhost:{tls_port}"
    browser = Browser(base)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if browser.request("/health/")[0] == 200:
                break
        except OSError:
            pass
        time.sleep(0.5)
    else:
        pytest.fail("nginx ou gunicorn ne répond pas : " + (root / "error.log").read_text())
    yield {"base": base, "urls": urls, "root": root}
    for process in (nginx, app):
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=40)


def test_static_files_come_from_nginx_with_a_year_of_caching(deployed):
    browser = Browser(deployed["base"])
    status, _headers, page = browser.request("/")
    assert status == 200
    css = re.search(r'<link rel="stylesheet" href="([^"]+)"', page.decode()).group(1)
    status, headers, body = browser.request(css)
    assert status == 200 and b"body" in body
    assert "immutable" in headers["Cache-Control"]


def test_a_published_document_is_sent_by_nginx_whole_and_by_ranges(deployed):
    browser = Browser(deployed["base"])
    url = deployed["urls"]["en-ligne"]
    status, headers, body = browser.request(url)
    assert status == 200
    assert body.startswith(b"%PDF-") and len(body) > 5000
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"].startswith("attachment;")
    assert "X-Accel-Redirect" not in headers
    status, headers, body = browser.request(url, headers={"Range": "bytes=0-4"})
    assert status == 206
    assert body == b"%PDF-"
    assert headers["Content-Range"].startswith("bytes 0-4/")


def test_a_drafts_document_and_the_internal_location_are_never_served(deployed):
    browser = Browser(deployed["base"])
    assert browser.request(deployed["urls"]["brouillon"])[0] == 404
    stored = next((deployed["root"] / "protected" / "documents").rglob("*.pdf"))
    relative = stored.relative_to(deployed["root"] / "protected")
    assert browser.request(f"/fichiers-proteges/{relative}")[0] == 404


def test_a_body_over_the_limit_is_refused_by_nginx(deployed):
    browser = Browser(deployed["base"])
    status, _headers, _body = browser.request(
        "/admin/login/",
        data=b"x" * (3 * 1024 * 1024),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 413


def test_login_throttling_sees_the_real_client_through_nginx(deployed):
    browser = Browser(deployed["base"])
    login = "/admin/login/"
    browser.request(login)
    token = browser.cookie("csrftoken")

    def attempt(password: str, forged: str) -> int:
        form = urllib.parse.urlencode(
            {"username": "redactrice", "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": deployed["base"] + login,
            "X-Forwarded-For": forged,
        }
        return browser.request(login, data=form, headers=headers)[0]

    # A different forged first hop each time changes nothing: nginx appends the real one,
    # and the fifth failure locks the account out from it (AXES_FAILURE_LIMIT).
    for number in range(4):
        assert attempt("mauvais", f"192.0.2.{number}") == 200
    assert attempt("mauvais", "192.0.2.4") == 429
    assert attempt(PASSWORD, "192.0.2.99") == 429


# Slow clients, host names and the files' headers (issue 20, findings 1, 2 and 6)


def _tls_socket(base: str, server_name: str = "localhost"):
    import socket

    port = int(base.rsplit(":", 1)[1])
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    raw = socket.create_connection(("127.0.0.1", port), timeout=15)
    return context.wrap_socket(raw, server_hostname=server_name), port


def _slow_login_post(base: str, stop) -> None:
    """A login form sent as a browser would, its body a byte a second (reconnecting)."""
    while not stop.is_set():
        try:
            sock, port = _tls_socket(base)
            with sock:
                sock.sendall(
                    (
                        f"POST /admin/login/ HTTP/1.1\r\nHost: localhost:{port}\r\n"
                        f"Origin: https://localhost:{port}\r\n"
                        f"Cookie: csrftoken={'a' * 32}\r\n"
                        "Content-Type: application/x-www-form-urlencoded\r\n"
                        "Content-Length: 200000\r\n\r\n"
                    ).encode()
                )
                while not stop.wait(1):
                    sock.sendall(b"a")
        except OSError:
            stop.wait(0.5)


def test_slow_request_bodies_hold_no_worker_of_the_portal(deployed):
    """Six clients sending a login form a byte a second (two workers behind nginx): pages
    still answer. Before, both workers waited on the bodies until gunicorn killed them."""
    import threading

    stop = threading.Event()
    senders = [
        threading.Thread(target=_slow_login_post, args=(deployed["base"], stop), daemon=True)
        for _ in range(6)
    ]
    for sender in senders:
        sender.start()
    try:
        time.sleep(3)
        browser = Browser(deployed["base"])
        for path in ("/robots.txt", "/", "/robots.txt", "/communiques/"):
            started = time.monotonic()
            status, _headers, _body = browser.request(path)
            assert status == 200, path
            assert time.monotonic() - started < 10, path
    finally:
        stop.set()
        for sender in senders:
            sender.join(timeout=5)


def test_anonymous_bodies_to_a_page_never_get_a_bad_gateway(deployed):
    from concurrent.futures import ThreadPoolExecutor

    def post(_number):
        return Browser(deployed["base"]).request(
            "/", data=b"x" * 100_000, headers={"Content-Type": "application/octet-stream"}
        )[0]

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(post, range(40)))
    assert set(statuses) == {405}, statuses


def test_files_sent_by_nginx_keep_the_portals_security_headers(deployed):
    browser = Browser(deployed["base"])
    _status, page_headers, _body = browser.request("/")
    status, headers, _body = browser.request(deployed["urls"]["en-ligne"])
    # What nginx answered, in the failure's message: this test once failed under CI alone.
    answered = (status, dict(headers), dict(page_headers))
    assert status == 200, answered
    assert headers["X-Content-Type-Options"] == "nosniff", answered
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "max-age=" in headers["Strict-Transport-Security"]
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["Content-Security-Policy"] == page_headers["Content-Security-Policy"], answered
    # nginx adds validators of its own, and answers them.
    assert "ETag" in headers, answered
    etag = headers["ETag"]
    status, _headers, body = browser.request(
        deployed["urls"]["en-ligne"], headers={"If-None-Match": etag}
    )
    assert status == 304 and body == b""


def test_another_host_name_is_refused_and_variants_reach_the_portal_as_one_name(deployed):
    # Another name in the TLS handshake: refused there.
    with pytest.raises(ssl.SSLError):
        _tls_socket(deployed["base"], server_name="autre.example.org")
    # The right name in the handshake, another in Host: the connection closes unanswered.
    sock, port = _tls_socket(deployed["base"])
    with sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: autre.example.org\r\nConnection: close\r\n\r\n")
        assert sock.recv(100) == b""
    # Case, a trailing dot or another port in Host: the portal sees its one name.
    browser = Browser(deployed["base"])
    for host in (f"LocalHost:{port}", f"localhost.:{port}", "localhost:1"):
        status, _headers, body = browser.request("/", headers={"Host": host})
        assert status == 200, host
        page = body.decode()
        assert f'<link rel="canonical" href="https://localhost:{port}/">' in page, host
        assert "LocalHost" not in page and "localhost." not in page
