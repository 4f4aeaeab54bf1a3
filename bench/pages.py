#!/usr/bin/env python3
"""Page benchmark: the portal under gunicorn, each page cold (cache off) and cached.

    make bench-pages                # or: .venv/bin/python bench/pages.py [--seconds N]

Two databases, one after the other: the demo content on SQLite (a fresh file in a
temporary folder), then 100 000 items on PostgreSQL (``cuf_bench_pages`` on the server of
``BENCH_PAGES_DATABASE_URL``, default postgres://postgres@127.0.0.1:5432/cuf_bench_pages,
filled as ``bench/search.py`` fills its own; ``--items N`` for another size, ``--keep`` to
keep it, ``--reuse`` to measure a kept one again, ``--sqlite-only`` to skip it).

For each database:
1. each page is rendered in-process (Django's test client, cache off) and timed;
2. gunicorn serves the portal with production settings (2 workers, ``deploy/gunicorn.conf.py``)
   with the page cache off (``PAGE_CACHE=false``), then on; each page is driven for a fixed
   time by ``wrk`` (Debian's, when installed) or else by a bounded Python client (the
   output names which), 8 connections.

It prints per page req/s, p50 and p99 latencies, and the ratio to the tiny view
(``/robots.txt``) served by the same server in the same run. Other programs on the machine
change absolute figures; ratios measured in one run are what to compare. Everything it
starts (gunicorn, the temporary folder, the database unless ``--keep``) is stopped or
removed at the end, even on failure.
"""

import argparse
import http.client
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cuf_bench_pages"
WRK = shutil.which("wrk")
CONNECTIONS = 8
TINY = "/robots.txt"


def _search_bench():
    """bench/search.py, for its content generator (its module name is taken by the app)."""
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def environment(database_url: str, folder: Path, **more) -> dict:
    """Production settings (DEBUG off) on loopback over plain HTTP, in ``folder``."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "portail.settings.base",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-key-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(folder / "static"),
        "PROTECTED_MEDIA_ROOT": str(folder / "protected"),
        "MEDIA_ROOT": str(folder / "media"),
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", f"filecache://{folder / 'cache'}"),
        "LOG_LEVEL": "WARNING",
        "DB_STATEMENT_TIMEOUT": "0",
        # One client asks thousands of API pages a minute: the limit per client (counted
        # all the same) must not end a measure with 429s.
        "API_RATE_LIMIT_PER_MINUTE": "100000000",
        **({"CONN_MAX_AGE": os.environ["CONN_MAX_AGE"]} if "CONN_MAX_AGE" in os.environ else {}),
        **more,
    }


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} a échoué :\n{result.stderr}")
    return result.stdout


# Which item of each kind a page shows, read from the database by a small script.
PICK_PAGES = """
import json, django
django.setup()
from communiques.models import Communique
from agenda.models import Event
from cuf.themes.models import Theme
from django.db.models import Count
communique = (Communique.objects.published().annotate(n=Count("attachments"))
              .filter(n__gt=0).order_by("-published_at").first())
event = (Event.objects.published().annotate(n=Count("themes"))
         .filter(n__gt=0).order_by("-published_at").first())
theme = Theme.objects.annotate(n=Count("items")).order_by("-n").first()
print(json.dumps({
    "accueil": "/",
    "liste (communiqués)": "/communiques/",
    "détail (communiqué avec documents)": communique.get_absolute_url(),
    "détail (événement)": event.get_absolute_url(),
    "page d’un thème": theme.get_absolute_url(),
    "flux RSS": "/rss/",
    "calendrier (.ics)": "/agenda.ics",
    "plan du site (sitemap.xml)": "/sitemap.xml",
    "recherche": "/recherche/?q=coop%C3%A9ration",
    "API : liste (communiqués)": "/api/v1/communiques/",
    "API : détail (communiqué avec documents)": f"/api/v1/communiques/{communique.pk}/",
    "vue minuscule (robots.txt)": "TINY",
}))
""".replace("TINY", TINY)

# Each page rendered in-process with the cache off: median and p95 in milliseconds.
RENDER = """
import json, statistics, sys, time, django
django.setup()
from django.test import Client
pages = json.loads(sys.argv[1]); rounds = int(sys.argv[2])
client = Client()
out = {}
for name, url in pages.items():
    client.get(url)  # templates, plans
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    out[name] = [statistics.median(times), times[int(0.95 * (len(times) - 1))]]
print(json.dumps(out))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env: dict):
    """gunicorn with the deployment's configuration, 2 workers; stopped on the way out."""
    port = free_port()
    log = Path(env["STATIC_ROOT"]).parent / "gunicorn.log"
    process = subprocess.Popen(
        [GUNICORN, "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env={**env, "PORT": str(port), "WEB_CONCURRENCY": "2", "LOG_LEVEL": "WARNING"},
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _ = fetch(port, TINY)
                if status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn n’a pas démarré :\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        yield port
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def fetch(port: int, path: str, connection=None) -> tuple[int, bytes]:
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        if own:
            connection.close()


def _wrk_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def drive_wrk(port: int, path: str, seconds: int) -> dict:
    result = subprocess.run(
        [WRK, "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "30s", "--latency"]
        + [f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    if "Non-2xx" in out:
        raise SystemExit(f"{path} : des réponses en erreur pendant la mesure\n{out}")
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    latencies = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))
    if len(latencies) != 2:
        raise SystemExit(f"{path} : sortie de wrk illisible\n{out}")
    return {
        "errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _wrk_ms(latencies["50"]),
        "p99": _wrk_ms(latencies["99"]),
    }


def drive_python(port: int, path: str, seconds: int) -> dict:
    """The fallback: CONNECTIONS threads, each with one kept-alive connection."""
    deadline = time.monotonic() + seconds
    times: list[float] = []
    errors: list[int] = []

    def run():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            status, _ = fetch(port, path, connection)
            mine.append((time.perf_counter() - started) * 1000)
            if status != 200:
                errors.append(status)
        connection.close()
        times.extend(mine)

    threads = [threading.Thread(target=run) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"{path} : réponses {sorted(set(errors))} pendant la mesure")
    times.sort()
    return {
        "errors": 0,
        "rps": len(times) / seconds,
        "p50": statistics.median(times),
        "p99": times[int(0.99 * (len(times) - 1))],
    }


def drive(port: int, path: str, seconds: int) -> dict:
    status, _ = fetch(port, path)  # the page exists, and the cache holds it if on
    if status != 200:
        raise SystemExit(f"{path} répond {status}")
    # One second unmeasured: every worker has served the page once (its first request of
    # a part of the portal imports and builds it: the API's schemas took seconds).
    (drive_wrk if WRK else drive_python)(port, path, 1)
    return (drive_wrk if WRK else drive_python)(port, path, seconds)


def measure(label: str, env: dict, seconds: int, rounds: int, without=(), only=()) -> dict:
    pages = json.loads(manage(env, "shell", "-c", PICK_PAGES).strip().splitlines()[-1])
    if only:
        pages = {name: url for name, url in pages.items() if any(part in name for part in only)}
    for name in without:
        print(f"(sans « {name} » : voir plus bas)")
        pages.pop(name, None)
    print(f"\n== {label}", flush=True)
    render = subprocess.run(
        [PYTHON, "-c", RENDER, json.dumps(pages), str(rounds)],
        cwd=ROOT,
        env={**env, "PAGE_CACHE": "false"},
        capture_output=True,
        text=True,
    )
    if render.returncode != 0:
        raise SystemExit(render.stderr)
    rendered = json.loads(render.stdout.strip().splitlines()[-1])
    results = {"pages": pages, "render": rendered, "cold": {}, "cached": {}}
    results["tiny"] = {"cold": {}, "cached": {}}
    for mode, cache in (("cold", "false"), ("cached", "true")):
        with gunicorn({**env, "PAGE_CACHE": cache}) as port:
            for name, url in pages.items():
                # The tiny view just before each page: other programs' load changes from
                # one minute to the next, so each page is compared with its neighbour.
                results["tiny"][mode][name] = drive(port, TINY, seconds)
                results[mode][name] = drive(port, url, seconds)
    report(results)
    return results


def report(results: dict) -> None:
    print(
        f"{'page':<38}{'rendu ms':>14}{'sans cache req/s':>18}{'p50/p99 ms':>14}"
        f"{'en cache req/s':>16}{'p50/p99 ms':>14}{'/ minuscule':>13}{'erreurs':>9}"
    )
    for name in results["pages"]:
        median, p95 = results["render"][name]
        cold, cached = results["cold"][name], results["cached"][name]
        print(
            f"{name:<38}{median:>7.1f} ({p95:5.1f})"
            f"{cold['rps']:>18.0f}{cold['p50']:>7.1f}/{cold['p99']:<6.1f}"
            f"{cached['rps']:>16.0f}{cached['p50']:>7.1f}/{cached['p99']:<6.1f}"
            f"{cached['rps'] / results['tiny']['cached'][name]['rps']:>12.0%}"
            f"{cold['errors'] + cached['errors']:>9}"
        )
    tiny_cold = statistics.median(r["rps"] for r in results["tiny"]["cold"].values())
    tiny_cached = statistics.median(r["rps"] for r in results["tiny"]["cached"].values())
    print(
        "(rendu : médiane et 95e centile en processus, cache coupé ; « / minuscule » : req/s "
        "de la page en cache rapportées à celles de /robots.txt mesurées juste avant par le "
        f"même serveur, qui passe par le même cache ; /robots.txt : {tiny_cold:.0f} req/s "
        f"sans le cache, {tiny_cached:.0f} req/s avec (médianes) ; erreurs : erreurs de "
        "socket signalées par wrk)",
        flush=True,
    )


def sqlite_demo(folder: Path, args) -> dict:
    folder.mkdir(parents=True)
    env = environment(f"sqlite:///{folder / 'db.sqlite3'}", folder)
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    manage(env, "load_demo")
    manage(env, "rebuild_search_index")
    return measure("Démo sur SQLite", env, args.seconds, args.rounds, only=args.only)


def postgresql(folder: Path, args) -> dict:
    folder.mkdir(parents=True)
    url = os.environ.get("BENCH_PAGES_DATABASE_URL", DEFAULT_URL)
    env = environment(url, folder)
    bench = _search_bench()
    if not args.reuse:
        bench.recreate_database(url)
        manage(env, "migrate", "--no-input")
        print(f"Insertion de {args.items} éléments sur PostgreSQL…", flush=True)
        script = (
            "import django, importlib.util, sys; django.setup(); "
            "spec = importlib.util.spec_from_file_location('b', sys.argv[1]); "
            "b = importlib.util.module_from_spec(spec); spec.loader.exec_module(b); "
            "b.build_content(int(sys.argv[2]), b.Writer()); "
            # Bulk inserts send no signal: the theme links copy their items afterwards.
            "from cuf.themes.links import refresh_links; refresh_links(); "
            "from search.indexing import rebuild_index; print(rebuild_index()); "
            "from django.db import connection; "
            "connection.cursor().execute('VACUUM ANALYZE')"
        )
        started = time.perf_counter()
        built = subprocess.run(
            [PYTHON, "-c", script, str(ROOT / "bench" / "search.py"), str(args.items)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if built.returncode != 0:
            raise SystemExit(built.stderr)
        print(f"Contenus et index en {time.perf_counter() - started:.0f} s", flush=True)
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    try:
        # 100 000 items make a site map of two files of 50 000 addresses each, longer to
        # render than the measure lasts and too large to keep (cuf.publishing.page_cache): the
        # requests still queued would delay every following measure.
        return measure(
            f"{args.items} éléments sur PostgreSQL",
            env,
            args.seconds,
            args.rounds,
            without=["plan du site (sitemap.xml)"],
            only=args.only,
        )
    finally:
        if not args.keep and not args.reuse:
            bench.recreate_database(url, drop_only=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="time spent on each page")
    parser.add_argument("--rounds", type=int, default=20, help="in-process renders per page")
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database again")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--postgresql-only", action="store_true")
    parser.add_argument(
        "--only",
        type=lambda text: [part for part in text.split(",") if part],
        default=[],
        help="only the pages whose name holds one of these comma-separated words "
        "(e.g. « liste (communiqués),détail (communiqué » for the API and its pages)",
    )
    args = parser.parse_args()
    print(
        "Générateur de charge : "
        + (f"wrk ({WRK}), " if WRK else "client Python borné (wrk absent), ")
        + f"{CONNECTIONS} connexions, {args.seconds} s par page ; gunicorn, 2 workers",
        flush=True,
    )
    # Stopped from outside (Ctrl-C, kill): the servers and the folder go too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    folder = Path(tempfile.mkdtemp(prefix="cuf-bench-pages-"))
    try:
        if not args.postgresql_only:
            sqlite_demo(folder / "sqlite", args)
        if not args.sqlite_only:
            postgresql(folder / "postgresql", args)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
