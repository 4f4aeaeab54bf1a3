"""Two app servers behind deploy/nginx.conf, with deploy/gunicorn.conf.py's settings,
answer every request of a long run.

gunicorn used to replace each worker after 1 000 requests (max_requests). A gthread
worker that leaves drops the connections it accepted but had not started: nginx got them
reset, took that server out for 10 s, and with both servers out answered 502 "no live
upstreams" to everyone (the soak test, bench/soak.py, counted 2 555 such 502s in 3
minutes). Workers are no longer replaced; the soak test watches their memory instead.
"""

import os
import ssl
import threading
import urllib.error
import urllib.request

import pytest

from tests.servers import (
    free_port,
    prepare_site,
    start_nginx,
    start_portal,
    stop_portal,
)


@pytest.fixture(scope="module")
def upstreams(tmp_path_factory):
    root = tmp_path_factory.mktemp("amont")
    tls_port = free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "portail.settings.base",
        "DEBUG": "false",
        "SECRET_KEY": "cle-des-serveurs-amont-" + "u" * 40,
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SITE_URL": f"https://localhost:{tls_port}",
        "BEHIND_TLS_PROXY": "true",
        "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
        "CACHE_URL": f"filecache://{root / 'cache'}",
        "STATIC_ROOT": str(root / "static"),
        "PROTECTED_MEDIA_ROOT": str(root / "protected"),
        # One worker per server: 2 400 requests are more than each used to serve
        # before it was replaced.
        "WEB_CONCURRENCY": "1",
        "LOG_LEVEL": "WARNING",
    }
    prepare_site(env, editor_password="motdepasse-long-123")
    servers = []
    try:
        for name in ("a", "b"):
            servers.append(start_portal(env, log=root / f"gunicorn-{name}.log"))
        (root / "nginx").mkdir()
        nginx = start_nginx(
            root / "nginx",
            {
                "STATIC_ROOT": env["STATIC_ROOT"],
                "PROTECTED_MEDIA_ROOT": env["PROTECTED_MEDIA_ROOT"],
                "APP_SERVERS": " ".join(
                    f"server 127.0.0.1:{base.rsplit(':', 1)[1]};" for base, _ in servers
                ),
            },
            port=tls_port,
        )
        try:
            yield f"https://localhost:{tls_port}"
        finally:
            stop_portal(nginx)
    finally:
        for _, process in servers:
            stop_portal(process)


def statuses(base: str, path: str, count: int) -> list[int]:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    answers = []
    for _ in range(count):
        try:
            with urllib.request.urlopen(base + path, context=context, timeout=20) as response:
                answers.append(response.status)
        except urllib.error.HTTPError as error:
            answers.append(error.code)
        except OSError:
            answers.append(0)
    return answers


def test_a_long_run_of_requests_gets_no_502(upstreams):
    results: list[int] = []
    paths = ["/robots.txt", "/robots.txt", "/", "/api/v1/"]
    threads = [
        threading.Thread(target=lambda p=path: results.extend(statuses(upstreams, p, 600)))
        for path in paths
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2400
    assert set(results) == {200}, {status: results.count(status) for status in set(results)}
