#!/usr/bin/env python3
"""Slow-client benchmark: can a few slow senders keep the portal from answering?

    make bench-slow-clients      # or: .venv/bin/python bench/slow_clients.py [--slow N]

The portal is served with production settings on SQLite (a fresh file in a temporary
folder) by gunicorn (``deploy/gunicorn.conf.py``, 2 workers), under each worker class
named by ``--workers`` (default: sync, then gthread), either alone or behind Debian's nginx
(``deploy/nginx.conf``, TLS on loopback): as it is now, and as it was before (request
bodies passed on unbuffered, ``proxy_request_buffering off``).

In each setting, ``--slow`` clients (default 6) start a ``POST /admin/login/`` announcing
200 000 bytes and send one byte a second; after two seconds, ``/robots.txt`` and ``/`` are
asked for ``--probes`` times each (default 5, one after the other, 20 s at most each). It
prints, per setting, how many probes answered, their median and worst time, and whether
gunicorn logged WORKER TIMEOUT. It stops everything it started.
"""

import argparse
import os
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import NGINX, free_port, start_nginx  # noqa: E402

PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
BODY = 200_000


def environment(folder: Path, worker_class: str, port: int) -> dict:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "portail.settings.base",
        "DEBUG": "false",
        "SECRET_KEY": "banc-clients-lents-" + "x" * 40,
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SITE_URL": "https://localhost",
        "BEHIND_TLS_PROXY": "true",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "CACHE_URL": f"filecache://{folder / 'cache'}",
        "STATIC_ROOT": str(folder / "static"),
        "PROTECTED_MEDIA_ROOT": str(folder / "protected"),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_WORKER_CLASS": worker_class,
        "PORT": str(port),
    }


def prepare(folder: Path) -> None:
    env = environment(folder, "sync", 0)
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)


def connect(port: int, tls: bool) -> socket.socket:
    raw = socket.create_connection(("127.0.0.1", port), timeout=30)
    if not tls:
        return raw
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context.wrap_socket(raw, server_hostname="localhost")


def slow_sender(port: int, tls: bool, stop: threading.Event) -> None:
    """A POST whose body comes one byte a second, reconnecting when dropped."""
    while not stop.is_set():
        try:
            with connect(port, tls) as sock:
                sock.sendall(
                    (
                        f"POST /admin/login/ HTTP/1.1\r\nHost: localhost:{port}\r\n"
                        # As a browser sends it: the CSRF check then reads the body.
                        f"Origin: {'https' if tls else 'http'}://localhost:{port}\r\n"
                        f"Cookie: csrftoken={'a' * 32}\r\n"
                        "Content-Type: application/x-www-form-urlencoded\r\n"
                        f"Content-Length: {BODY}\r\n\r\n"
                    ).encode()
                )
                while not stop.wait(1):
                    sock.sendall(b"a")
        except OSError:
            stop.wait(0.5)


def probe(port: int, tls: bool, path: str) -> float | None:
    """Seconds until the whole answer of a GET, or None (no answer within 20 s)."""
    start = time.monotonic()
    try:
        with connect(port, tls) as sock:
            sock.settimeout(20)
            request = f"GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\n"
            sock.sendall((request + "Connection: close\r\n\r\n").encode())
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        if not data.startswith(b"HTTP/1.1 200"):
            return None
    except OSError:
        return None
    return time.monotonic() - start


def run_setting(folder, label, worker_class, nginx_mode, args) -> dict:
    app_port = free_port()
    env = environment(folder, worker_class, app_port)
    log = folder / f"gunicorn-{label}.log"
    app = subprocess.Popen(
        [GUNICORN, "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    nginx = None
    port, tls = app_port, False
    try:
        if nginx_mode:
            root = folder / f"nginx-{label}"
            root.mkdir()
            port, tls = free_port(), True

            def before(site: str) -> str:
                return site.replace(
                    "proxy_read_timeout 60s;",
                    "proxy_read_timeout 60s;\n        proxy_request_buffering off;",
                ).replace(
                    "proxy_read_timeout 120s;",
                    "proxy_read_timeout 120s;\n        proxy_request_buffering off;",
                )

            nginx = start_nginx(
                root,
                {
                    "STATIC_ROOT": env["STATIC_ROOT"],
                    "PROTECTED_MEDIA_ROOT": env["PROTECTED_MEDIA_ROOT"],
                    "APP_SERVERS": f"server 127.0.0.1:{app_port};",
                },
                port=port,
                transform=before if nginx_mode == "before" else None,
            )
        deadline = time.monotonic() + 60
        while probe(port, tls, "/robots.txt") is None:
            if time.monotonic() > deadline:
                raise RuntimeError("le portail ne répond pas : " + log.read_text()[-2000:])
            time.sleep(0.5)
        stop = threading.Event()
        senders = [
            threading.Thread(target=slow_sender, args=(port, tls, stop), daemon=True)
            for _ in range(args.slow)
        ]
        for sender in senders:
            sender.start()
        time.sleep(2)
        times = []
        for _ in range(args.probes):
            for path in ("/robots.txt", "/"):
                times.append(probe(port, tls, path))
        stop.set()
        if os.environ.get("BENCH_DEBUG"):
            print(log.read_text()[-1500:])
            if nginx_mode:
                print((folder / f"nginx-{label}" / "access.log").read_text()[-1500:])
                print((folder / f"nginx-{label}" / "error.log").read_text()[-1500:])
        answered = [t for t in times if t is not None]
        return {
            "setting": label,
            "answered": f"{len(answered)}/{len(times)}",
            "median_s": statistics.median(answered) if answered else None,
            "worst_s": max(answered) if answered else None,
            "worker_timeouts": log.read_text().count("WORKER TIMEOUT"),
        }
    finally:
        for process in (nginx, app):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=40)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", type=int, default=6)
    parser.add_argument("--probes", type=int, default=5)
    parser.add_argument("--workers", default="sync,gthread")
    parser.add_argument("--no-nginx", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cuf-bench-lents-"))
    results = []
    try:
        prepare(folder)
        for worker_class in args.workers.split(","):
            with_nginx = not args.no_nginx and Path(NGINX).exists()
            modes = [None, "before", "now"] if with_nginx else [None]
            for mode in modes:
                label = (
                    f"{worker_class}, "
                    + {
                        None: "gunicorn seul",
                        "before": "nginx, corps non mis en tampon (avant)",
                        "now": "nginx, deploy/nginx.conf (maintenant)",
                    }[mode]
                )
                slug = f"{worker_class}-{mode or 'seul'}"
                result = run_setting(folder, slug, worker_class, mode, args)
                result["setting"] = label
                results.append(result)
                print(result, flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\n{args.slow} clients lents ; /robots.txt et / demandés {args.probes} fois chacun :")
    print(f"{'réglage':58} {'réponses':>9} {'médiane':>9} {'pire':>9} {'WORKER TIMEOUT':>15}")
    for r in results:
        median = f"{r['median_s']:.2f} s" if r["median_s"] is not None else "—"
        worst = f"{r['worst_s']:.2f} s" if r["worst_s"] is not None else "—"
        timeouts = r["worker_timeouts"]
        print(f"{r['setting']:58} {r['answered']:>9} {median:>9} {worst:>9} {timeouts:>15}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
