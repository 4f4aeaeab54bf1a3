"""The portal under gunicorn with production settings, as `make serve` starts it."""

import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from tests.helpers import PROJECT
from tests.servers import free_port


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def served(tmp_path):
    """`make serve` on a free port, its database, files and static files in tmp_path."""
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "SECRET_KEY": "une-cle-de-test-longue-et-aleatoire-" + "x" * 30,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "PROTECTED_MEDIA_ROOT": str(tmp_path / "protected"),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    process = subprocess.Popen(
        ["make", "--no-print-directory", "serve"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if _get(f"{base}/health/")[0] == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("gunicorn ne répond pas : " + (process.stdout.read() if process.stdout else ""))
    yield base, process
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=40)


def test_make_serve_answers_pages_static_files_and_health_with_production_settings(served):
    base, _process = served
    status, headers, body = _get(f"{base}/")
    assert status == 200
    assert "Content-Security-Policy" in headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    css = re.search(r'<link rel="stylesheet" href="([^"]+)"', body.decode()).group(1)
    # Static files have hashed names, kept by browsers for a year.
    assert css.startswith("/static/cuf/css/site.") and css.endswith(".css")
    status, headers, _body = _get(base + css)
    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]
    assert _get(f"{base}/n-existe-pas/")[0] == 404


def test_gunicorn_stops_gracefully_and_logs_requests_to_stdout(served):
    base, process = served
    _get(f"{base}/robots.txt")
    os.killpg(process.pid, signal.SIGTERM)
    output, _ = process.communicate(timeout=40)
    assert process.returncode in (0, -signal.SIGTERM, 2)
    assert '"GET /robots.txt HTTP/1.1" 200' in output
    assert "Shutting down: Master" in output
