"""Real servers the tests start on loopback and stop: the portal under gunicorn, its job
worker, Redis and nginx (the object store: tests/object_store.py).

A server that cannot be started skips its tests with a message; under CI (CI=true) they
fail instead, so that a run without it never passes.
"""

import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.helpers import PROJECT, run_python

# Below the kernel's ephemeral range (32768-60999 on Linux): a port the kernel hands out
# for port 0 may meanwhile become the source port of an outgoing connection (SeaweedFS's
# own gRPC clients took its S3 gateway's port that way before the gateway bound it).
_SPARE_PORTS = range(20000, 32000)
_handed_out: set[int] = set()


def free_port() -> int:
    """A loopback port nothing listens on, never the same twice in one test run."""
    while True:
        port = random.choice(_SPARE_PORTS)
        if port in _handed_out:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port


def unavailable(message: str):
    """Skip, saying why; under CI, fail."""
    if os.environ.get("CI"):
        pytest.fail(message + " : obligatoire en CI.", pytrace=False)
    pytest.skip(message)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back as answers, as the tests want to see them."""

    def redirect_request(self, *args, **kwargs):
        return None


def http_get(url: str, headers: dict | None = None, timeout: float = 10):
    """(status, headers, body) of a GET, redirects not followed."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=timeout) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


# The portal under gunicorn ------------------------------------------------------------


def start_portal(env: dict[str, str], *, log: Path) -> tuple[str, subprocess.Popen]:
    """gunicorn (deploy/gunicorn.conf.py, production settings) on a free port with ``env``
    added; returns its base address once /health/ answers."""
    port = free_port()
    variables = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "portail.settings.base",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "WEB_CONCURRENCY": "2",
        "PORT": str(port),
        **env,
    }
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
        cwd=PROJECT,
        env=variables,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if http_get(f"{base}/health/", timeout=2)[0] == 200:
                return base, process
        except OSError:
            pass
        if process.poll() is not None:
            break
        time.sleep(0.3)
    stop_process(process)
    pytest.fail("gunicorn ne répond pas : " + log.read_text()[-3000:])


def stop_portal(process: subprocess.Popen) -> None:
    stop_process(process)


def start_worker(env: dict, *, log: Path) -> subprocess.Popen:
    """`manage.py db_worker`, as deploy/cuf-worker@.service runs it."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"],
        cwd=PROJECT,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop_worker(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Visitor:
    """One browser against a served portal: cookies kept, redirects not followed, forms
    sent as a browser sends them (multipart when they hold a file)."""

    def __init__(self, base: str, *, tls_context=None):
        import http.cookiejar

        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        handlers = [urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect]
        if tls_context is not None:  # nginx's throw-away certificate (start_nginx)
            handlers.append(urllib.request.HTTPSHandler(context=tls_context))
        self.opener = urllib.request.build_opener(*handlers)

    def request(self, path: str, *, data: bytes | None = None, headers: dict | None = None):
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def get(self, path: str, headers: dict | None = None):
        return self.request(path, headers=headers)

    def post(self, path: str, fields: dict, files: dict | None = None):
        """POST ``fields`` (values: a string or a list of strings) and ``files``
        ({name: (filename, bytes)}), with the CSRF token and the Referer a browser sends."""
        token = next((c.value for c in self.cookies if c.name == "csrftoken"), "")
        fields = {"csrfmiddlewaretoken": token, **fields}
        boundary = "----portail" + uuid.uuid4().hex
        parts = []
        for name, values in fields.items():
            for value in values if isinstance(values, list) else [values]:
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
        for name, (filename, content) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Referer": self.base + path,
        }
        return self.request(path, data=body, headers=headers)

    def log_in(self, username: str, password: str) -> int:
        """The password step; a staff account then owes its second factor (production's
        default), which ``pass_second_factor`` gives."""
        self.get("/admin/login/")
        return self.post("/admin/login/", {"username": username, "password": password})[0]

    def pass_second_factor(self) -> int:
        """One of the editor's recovery codes (prepare_site), each good once."""
        return self.post(SECOND_FACTOR, {"code": next(_RECOVERY_CODES)})[0]

    def sign_in_as_editor(self, password: str) -> None:
        """As the editor prepare_site made: password, then second factor, then the admin."""
        assert self.log_in("redactrice", password) == 302
        assert self.pass_second_factor() == 302
        assert self.get("/admin/")[0] == 200


# Redis ---------------------------------------------------------------------------------


class RedisServer:
    """A redis-server of one's own on a spare loopback port, run as a cache (no
    persistence: restarted, it comes back empty); stopped and started at will."""

    def __init__(self, folder: Path):
        binary = shutil.which("redis-server")
        if binary is None:
            unavailable("redis-server introuvable (apt-get install redis-server)")
        self.port = free_port()
        self.command = [binary, "--bind", "127.0.0.1", "--port", str(self.port)]
        self.command += ["--save", "", "--appendonly", "no", "--dir", str(folder)]
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.command, stdout=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        unavailable("redis-server ne démarre pas")

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)


# nginx in front ------------------------------------------------------------------------

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def render_site(values: dict[str, str]) -> str:
    """deploy/nginx.conf with its ${NAME} placeholders filled, as envsubst does."""
    text = (PROJECT / "deploy" / "nginx.conf").read_text()
    return re.sub(r"\$\{([A-Z_]+)\}", lambda match: values[match.group(1)], text)


def start_nginx(
    root: Path, values: dict[str, str], *, port: int, transform=None
) -> subprocess.Popen:
    """Debian's nginx with deploy/nginx.conf (TLS with a throw-away certificate for
    localhost) on ``port``, its files under ``root``; ``values`` fill the placeholders
    that depend on the test (folders, app servers); ``transform`` may change the filled
    file (the benchmark's "before" configuration)."""
    if not Path(NGINX).exists():
        unavailable("nginx introuvable (apt-get install nginx) : tests derrière nginx")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=localhost", "-keyout", str(root / "tls.key")]
        + ["-out", str(root / "tls.crt")],
        check=True,
        capture_output=True,
    )
    site = render_site(
        {
            "SERVER_NAME": "localhost",
            "LISTEN": f"127.0.0.1:{port} ssl",
            "TLS_CERTIFICATE": str(root / "tls.crt"),
            "TLS_CERTIFICATE_KEY": str(root / "tls.key"),
            "CLIENT_MAX_BODY_SIZE": "2m",
            # No bucket unless the test has one: an address that answers nothing.
            "OBJECT_STORE_URL": "http://127.0.0.1:9",
            **values,
        }
    )
    (root / "site.conf").write_text(transform(site) if transform else site)
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (root / folder).mkdir()
    (root / "nginx.conf").write_text(
        f"""daemon off;
# The test's folders belong to root, with no access for others (www-data in production).
user root root;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    access_log {root}/access.log;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    include {root}/site.conf;
}}
"""
    )
    return subprocess.Popen(
        [NGINX, "-p", str(root), "-c", str(root / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def manage(env: dict, *args: str) -> None:
    """``manage.py`` with ``env`` alone (and PATH), as a deployment runs it."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]


SECOND_FACTOR = "/admin/double-authentification/"
# The editor's recovery codes: production asks every staff account for a second factor,
# and a code of the application could serve once per 30 s only.
EDITOR_RECOVERY_CODES = [f"secours{number:04d}" for number in range(200)]
_RECOVERY_CODES = iter(EDITOR_RECOVERY_CODES)


def prepare_site(env: dict, *, editor_password: str) -> None:
    """A deployment's first steps: migrate, collect the static files, and an editor
    ("redactrice", redactrice@example.org) with the editors' role and her recovery
    codes."""
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    created = run_python(
        "import django; django.setup()\n"
        "from django.contrib.auth.models import User\n"
        "from cuf.accounts.roles import EDITORS, sync_roles\n"
        "user = User.objects.create_user('redactrice', 'redactrice@example.org',"
        f" {editor_password!r}, is_staff=True)\n"
        "user.groups.add(sync_roles()[EDITORS])\n"
        "from django_otp.plugins.otp_static.models import StaticDevice\n"
        "device = StaticDevice.objects.create(user=user, name='Codes', confirmed=True)\n"
        f"for code in {EDITOR_RECOVERY_CODES!r}: device.token_set.create(token=code)\n"
        "print('ok')",
        **env,
    )
    assert created.stdout.strip() == "ok", created.stderr
