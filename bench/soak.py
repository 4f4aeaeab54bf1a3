#!/usr/bin/env python3
"""Soak test: the deployed portal under mixed load for a long time, its database and its
cache restarted midway.

    make soak                               # 30 minutes
    .venv/bin/python bench/soak.py --minutes 3

What runs, all on loopback and started here (never the machine's own services, which it
leaves alone):
- a PostgreSQL cluster of its own (``initdb`` and ``pg_ctl`` from
  /usr/lib/postgresql/<version>/bin, as the ``postgres`` user when run as root) in a
  temporary folder, on a spare port, and a Redis server of its own (no persistence, as a
  cache) on another;
- the portal with production settings (DEBUG off, ``ADMIN_2FA_REQUIRED=true``,
  ``CONN_MAX_AGE=60`` as in .env.example) on 2 gunicorn app servers
  (``deploy/gunicorn.conf.py``, 2 workers each), behind Debian's nginx with
  ``deploy/nginx.conf`` (TLS with a throw-away certificate, files sent by nginx), and the
  job worker (``manage.py db_worker``); the demo content is loaded.

Then, for ``--minutes``:
- ``--clients`` anonymous visitors ask pages, lists, feeds, calendars, search, the API
  and documents with byte ranges, and every answer is counted by status;
- an editor (staff, editors' role) signs in through the real two-factor flow (password,
  then a TOTP code computed from the device created for it, as an authenticator app
  would) and every ``--write-every`` seconds publishes, unpublishes, adds or removes a
  theme on an item, through the admin's actions. Before each write the pages that show it
  are asked (so that the cache holds them); after it, the next anonymous request of each
  must show the change: otherwise a stale page is counted;
- at half time PostgreSQL is stopped for ``--outage`` seconds and started again; a little
  later Redis too.

It prints statuses, stale pages, the outage as visitors saw it (503 pages, and how long
after the database's return the last one came: at most 10 s) and the memory (RSS) of
gunicorn's workers and of the job worker at the start and at the end, and exits non-zero
if a page was stale, a 5xx came outside the database's outage or the portal took more
than 10 s to recover. Everything it started is stopped, and its folder removed, at the
end, on Ctrl+C and on errors.
"""

import argparse
import collections
import contextlib
import http.client
import json
import os
import pwd
import random
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers import run_python  # noqa: E402
from tests.servers import (  # noqa: E402
    RedisServer,
    Visitor,
    free_port,
    manage,
    start_nginx,
    start_portal,
    start_worker,
    stop_portal,
    stop_worker,
)

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PASSWORD = "endurance-mot-de-passe-123"
RECOVERY_LIMIT_S = 10

# The editor with a TOTP device, the soak's theme, the items it writes to and what the
# visitors ask for, read from the demo content.
SETUP = """
import json, django
django.setup()
from django.contrib.auth.models import User
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from cuf import content_types
from cuf.accounts.roles import EDITORS, sync_roles
from cuf.themes.models import Theme
from communiques.models import Communique
from cuf.files.models import Attachment

editor = User.objects.create_user("endurance", "endurance@example.org", "PASSWORD",
                                  is_staff=True)
editor.groups.add(sync_roles()[EDITORS])
device = TOTPDevice.objects.create(user=editor, name="Application", confirmed=True)
theme = Theme.objects.create(name="Endurance", slug="endurance")
items, pages = [], []
for config in content_types.all_types():
    model = config.model
    changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    published = list(model.objects.published().order_by("-published_at")[:8])
    for index, item in enumerate(published):
        pages.append(item.get_absolute_url())
        if index < 3:
            items.append({"key": config.key, "pk": item.pk, "changelist": changelist,
                          "url": item.get_absolute_url(), "published": True})
documents = [[document.get_absolute_url(), document.file.size] for published in
             Communique.objects.published() for document in published.attachments.offered()]
print(json.dumps({"key": device.key, "theme": {"id": theme.pk, "url": theme.get_absolute_url(),
                  "slug": theme.slug}, "items": items, "pages": pages,
                  "documents": documents}))
""".replace("PASSWORD", PASSWORD)

LISTS = {"communiques": "/communiques/", "actualites": "/actualites/"}
ANONYMOUS = [
    "/",
    "/communiques/",
    "/actualites/",
    "/agenda/",
    "/agenda/?periode=passes",
    "/ressources/",
    "/themes/",
    "/rss/",
    "/communiques/rss/",
    "/actualites/rss/",
    "/agenda.ics",
    "/sitemap.xml",
    "/recherche/?q=coop%C3%A9ration",
    "/recherche/?q=jeunesse&type=actualites",
    "/api/v1/",
    "/api/v1/contenus/",
    "/api/v1/communiques/",
    "/api/v1/themes/",
    "/api/v1/recherche/?q=coop%C3%A9ration",
]


def log(message: str) -> None:
    print(time.strftime("%H:%M:%S"), message, flush=True)


# PostgreSQL of its own -------------------------------------------------------------------


class Cluster:
    """A PostgreSQL cluster in ``folder`` on a spare port, as ``postgres`` when root."""

    def __init__(self, folder: Path):
        version = sorted(Path("/usr/lib/postgresql").iterdir())[-1] / "bin"
        self.bin = PG_BIN if PG_BIN.exists() else version
        self.data = folder / "pg"
        self.data.mkdir()
        self.as_user = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.data, user.pw_uid, user.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/cuf_soak"
        self.started = False

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        self._run(
            str(self.bin / "initdb"),
            *("-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync"),
        )
        self.start()
        self._run(
            str(self.bin / "createdb"),
            *("-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "cuf_soak"),
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            str(self.bin / "pg_ctl"),
            *("-D", str(self.data), "-l", str(self.data / "server.log"), "-o", options),
            *("-w", "-t", "60", "start"),
        )
        self.started = True

    def stop(self, mode: str = "fast") -> None:
        if self.started:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")
            self.started = False


# Memory ----------------------------------------------------------------------------------


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def memory(servers: list, worker) -> dict:
    """RSS in MB: gunicorn's workers (all app servers), and the job worker."""
    workers = [pid for server in servers for pid in children(server.pid)]
    return {
        "workers_pids": workers,
        "gunicorn_mb": sum(rss_kb(pid) for pid in workers) / 1024,
        "worker_mb": (rss_kb(worker.pid) + sum(rss_kb(p) for p in children(worker.pid))) / 1024,
    }


class JobWorker:
    """``manage.py db_worker`` kept running as deploy/cuf-worker@.service does
    (``Restart=always``, ``RestartSec=5``): it exits when the database goes away."""

    def __init__(self, env: dict, folder: Path):
        self.env, self.folder = env, folder
        self.restarts = 0
        self.process = start_worker(env, log=folder / "worker-0.log")
        self.exited_at = None

    @property
    def pid(self) -> int:
        return self.process.pid

    def watch(self) -> None:
        if self.process.poll() is None:
            return
        if self.exited_at is None:
            self.exited_at = time.monotonic()
            log(f"Le worker s’est arrêté (code {self.process.returncode}) : relancé dans 5 s.")
        elif time.monotonic() - self.exited_at >= 5:
            self.restarts += 1
            self.exited_at = None
            self.process = start_worker(self.env, log=self.folder / f"worker-{self.restarts}.log")

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        stop_worker(self.process)


# Clients ---------------------------------------------------------------------------------


class Recorder:
    """Every answer, by status, with the time of each 5xx."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.errors: list[tuple[float, str, str]] = []  # (time, who, what)
        self.five_hundreds: list[tuple[float, int, str]] = []

    def status(self, status: int, path: str) -> None:
        with self.lock:
            self.statuses[status] += 1
            if status >= 500:
                self.five_hundreds.append((time.monotonic(), status, path))

    def error(self, who: str, what: str) -> None:
        with self.lock:
            self.statuses["réseau"] += 1
            self.errors.append((time.monotonic(), who, what))


def tls_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def get(port: int, path: str, headers: dict | None = None, connection=None):
    """(status, body) of an anonymous GET through nginx, or raises OSError."""
    own = connection is None
    connection = connection or http.client.HTTPSConnection(
        "localhost", port, timeout=30, context=tls_context()
    )
    try:
        connection.request("GET", path, headers={"Host": f"localhost:{port}", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        if own:
            connection.close()


def visitor(port: int, urls: list, documents: list, record: Recorder, stop: threading.Event):
    """An anonymous visitor: pages, feeds, search, API; documents whole or by range."""
    rng = random.Random()
    connection = None
    while not stop.is_set():
        headers, expected = {}, None
        if documents and rng.random() < 0.2:
            path, size = rng.choice(documents)
            if rng.random() < 0.7:
                start = rng.randrange(0, max(1, size // 2))
                headers, expected = {"Range": f"bytes={start}-{start + 1023}"}, 206
        else:
            path = rng.choice(urls)
        try:
            connection = connection or http.client.HTTPSConnection(
                "localhost", port, timeout=30, context=tls_context()
            )
            status, body = get(port, path, headers, connection)
            record.status(status, path)
            if expected and status == 200:
                record.error("visiteur", f"{path} : plage demandée, fichier entier reçu")
        except (OSError, http.client.HTTPException) as error:
            record.error("visiteur", f"{path} : {error!r}")
            if connection is not None:
                connection.close()
            connection = None
        stop.wait(0.02)
    if connection is not None:
        connection.close()


class Editor:
    """The staff client: two-factor sign-in, then the admin's actions."""

    def __init__(self, port: int, key: str, theme: dict, record: Recorder):
        self.port = port
        self.key = bytes.fromhex(key)
        self.theme = theme
        self.record = record
        self.browser = Visitor(f"https://localhost:{port}", tls_context=tls_context())
        self.writes = collections.Counter()
        self.checks = 0
        self.stale: list[str] = []
        self.unchecked = 0

    def sign_in(self) -> None:
        from django_otp.oath import totp

        status = self.browser.log_in("endurance", PASSWORD)
        assert status == 302, f"mot de passe : {status}"
        status, _, body = self.browser.get("/admin/double-authentification/")
        assert status == 200 and b"code" in body.lower(), f"page du code : {status}"
        code = f"{totp(self.key, t0=0, step=30, digits=6):06d}"
        status, headers, _ = self.browser.post("/admin/double-authentification/", {"code": code})
        assert status == 302, f"code : {status}"
        status, _, _ = self.browser.get("/admin/")
        assert status == 200, f"/admin/ après le code : {status}"

    def act(self, item: dict, action: str) -> bool:
        """Run an admin action on ``item``; whether the admin said it was done."""
        fields = {"action": action, "_selected_action": str(item["pk"]), "index": "0"}
        if action in ("add_theme", "remove_theme"):
            fields["theme"] = str(self.theme["id"])
        try:
            status, headers, _ = self.browser.post(item["changelist"], fields)
        except OSError as error:
            self.record.error("rédactrice", f"{action} : {error!r}")
            return False
        self.record.status(status, item["changelist"])
        return status == 302 and "login" not in headers.get("Location", "")

    def expectations(self, item: dict) -> list[tuple[str, callable]]:
        """(page, test of its (status, body)) that must hold for ``item`` now."""
        url, published, tagged = item["url"], item["published"], item.get("tagged", False)
        link = f'href="{url}"'.encode()
        api = f"/api/v1/{item['key']}/{item['pk']}/"

        def api_holds(status, body):
            if not published:
                return status == 404
            themes = {theme["slug"] for theme in json.loads(body)["themes"]}
            return status == 200 and (self.theme["slug"] in themes) == tagged

        checks = [
            (url, lambda status, body: status == (200 if published else 404)),
            (api, api_holds),
            (
                self.theme["url"],
                lambda status, body: (
                    (link in body) == (published and tagged) and status in (200, 404)
                ),
            ),
        ]
        if item["key"] in LISTS:
            checks.append((LISTS[item["key"]], lambda status, body: (link in body) == published))
        return checks

    def round(self, item: dict, rng: random.Random) -> None:
        if not item["published"]:
            action = "publish"
        else:
            action = rng.choice(["unpublish", "add_theme", "remove_theme", "unpublish"])
            if action == "add_theme" and item.get("tagged"):
                action = "remove_theme"
            elif action == "remove_theme" and not item.get("tagged"):
                action = "add_theme"
        pages = [page for page, _ in self.expectations(item)]
        for page in pages:  # in the cache before the write
            with contextlib.suppress(OSError, http.client.HTTPException):
                get(self.port, page)
        if not self.act(item, action):
            self.writes["échouées"] += 1
            return
        self.writes[action] += 1
        if action == "publish":
            item["published"] = True
        elif action == "unpublish":
            item["published"] = False
        else:
            item["tagged"] = action == "add_theme"
        for page, holds in self.expectations(item):
            try:
                status, body = get(self.port, page)
            except (OSError, http.client.HTTPException) as error:
                self.record.error("vérification", f"{page} : {error!r}")
                self.unchecked += 1
                continue
            self.record.status(status, page)
            if status >= 500:
                self.unchecked += 1
            elif holds(status, body):
                self.checks += 1
            else:
                self.stale.append(f"{action} {item['key']}:{item['pk']} → {page} ({status})")
                log(f"PAGE PÉRIMÉE : {self.stale[-1]}")


def editor_loop(editor: Editor, items: list, every: float, stop: threading.Event) -> None:
    rng = random.Random(20)
    while not stop.wait(every):
        try:
            editor.round(rng.choice(items), rng)
        except Exception as error:  # a failure of the client itself is reported, not hidden
            editor.record.error("rédactrice", repr(error))


# The run ---------------------------------------------------------------------------------


def environment(folder: Path, cluster: Cluster, redis: RedisServer, tls_port: int) -> dict:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "portail.settings.base",
        "DEBUG": "false",
        "SECRET_KEY": "endurance-cle-secrete-" + "e" * 40,
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SITE_URL": f"https://localhost:{tls_port}",
        "BEHIND_TLS_PROXY": "true",
        "TRUSTED_PROXY_COUNT": "1",
        "PROTECTED_FILES_ACCEL": "true",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": cluster.url,
        "CONN_MAX_AGE": "60",
        "CACHE_URL": f"{redis.url}/0",
        "ADMIN_2FA_REQUIRED": "true",
        # Every visitor here is 127.0.0.1: the API's limit per client would answer 429.
        "API_RATE_LIMIT_PER_MINUTE": "100000000",
        "STATIC_ROOT": str(folder / "static"),
        "PROTECTED_MEDIA_ROOT": str(folder / "protected"),
        "MEDIA_ROOT": str(folder / "media"),
        "LOG_LEVEL": "WARNING",
    }


def run(args, folder: Path, started: list) -> dict:
    cluster = Cluster(folder)
    started.append(("PostgreSQL", lambda: cluster.stop("immediate")))
    cluster.init()
    redis = RedisServer(folder)
    redis.start()
    started.append(("Redis", redis.stop))
    tls_port = free_port()
    env = environment(folder, cluster, redis, tls_port)
    log(f"PostgreSQL sur {cluster.port}, Redis sur {redis.port} : migrations, démo…")
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    for command in ("sync_roles", "load_demo", "rebuild_search_index"):
        manage(env, command)
    setup = run_python(SETUP, timeout=120, **env)
    assert setup.returncode == 0, setup.stderr[-3000:]
    data = json.loads(setup.stdout.strip().splitlines()[-1])

    servers, ports = [], []
    for name in ("a", "b"):
        base, process = start_portal(env, log=folder / f"gunicorn-{name}.log")
        started.append((f"gunicorn {name}", lambda p=process: stop_portal(p)))
        servers.append(process)
        ports.append(base.rsplit(":", 1)[1])
    worker = JobWorker(env, folder)
    started.append(("db_worker", worker.stop))
    (folder / "nginx").mkdir()
    nginx = start_nginx(
        folder / "nginx",
        {
            "STATIC_ROOT": env["STATIC_ROOT"],
            "PROTECTED_MEDIA_ROOT": env["PROTECTED_MEDIA_ROOT"],
            "APP_SERVERS": " ".join(f"server 127.0.0.1:{port};" for port in ports),
        },
        port=tls_port,
    )
    started.append(("nginx", lambda: stop_portal(nginx)))
    deadline = time.monotonic() + 30
    while True:
        try:
            if get(tls_port, "/robots.txt")[0] == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("nginx ne répond pas : " + nginx.stderr.read().decode()[-2000:])
        time.sleep(0.3)

    record = Recorder()
    editor = Editor(tls_port, data["key"], data["theme"], record)
    editor.sign_in()
    log("La rédactrice est connectée (mot de passe, puis code TOTP).")
    urls = ANONYMOUS + data["pages"]
    stop = threading.Event()
    threads = [
        threading.Thread(target=visitor, args=(tls_port, urls, data["documents"], record, stop))
        for _ in range(args.clients)
    ]
    threads.append(
        threading.Thread(target=editor_loop, args=(editor, data["items"], args.write_every, stop))
    )
    for thread in threads:
        thread.start()

    total = args.minutes * 60
    began = time.monotonic()
    warmup = min(30.0, total / 10)
    memory_start = memory_end = None
    events: dict[str, float] = {}
    planned = [
        (total / 2, "pg"),
        (total / 2 + min(60.0, total / 6), "redis"),
    ]
    samples = []
    next_report = began + 30
    try:
        while (now := time.monotonic()) < began + total:
            elapsed = now - began
            worker.watch()
            if memory_start is None and elapsed >= warmup:
                memory_start = memory(servers, worker)
                log(f"Mémoire au début : {memory_start['gunicorn_mb']:.0f} Mo (gunicorn)")
            if planned and elapsed >= planned[0][0]:
                _, what = planned.pop(0)
                if what == "pg":
                    log("Arrêt de PostgreSQL…")
                    events["pg_down"] = time.monotonic()
                    cluster.stop("fast")
                    time.sleep(args.outage)
                    cluster.start()
                    events["pg_back"] = time.monotonic()
                    log("PostgreSQL est de retour.")
                else:
                    log("Arrêt de Redis…")
                    events["redis_down"] = time.monotonic()
                    redis.stop()
                    time.sleep(args.outage)
                    redis.start()
                    events["redis_back"] = time.monotonic()
                    log("Redis est de retour.")
            if now >= next_report:
                next_report += 30
                sample = memory(servers, worker)
                samples.append(sample["gunicorn_mb"])
                log(
                    f"{elapsed / 60:4.1f} min : {sum(record.statuses.values())} réponses "
                    f"{dict(record.statuses)}, écritures {dict(editor.writes)}, "
                    f"vérifications {editor.checks}, périmées {len(editor.stale)}, "
                    f"gunicorn {sample['gunicorn_mb']:.0f} Mo"
                )
            time.sleep(0.2)
        memory_end = memory(servers, worker)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

    return summarise(args, record, editor, events, memory_start, memory_end, samples, worker)


def summarise(args, record, editor, events, memory_start, memory_end, samples, worker) -> dict:
    window = (events.get("pg_down", 0), events.get("pg_back", 0) + RECOVERY_LIMIT_S)
    outage = [t for t, status, _ in record.five_hundreds if status == 503 and window[0] <= t]
    outage = [t for t in outage if t <= window[1]]
    unexpected = [
        (round(t - events.get("pg_down", t), 1), status, path)
        for t, status, path in record.five_hundreds
        if not (status == 503 and window[0] <= t <= window[1])
    ]
    # Connection errors while the database is away are nginx or gunicorn dropping a
    # request on shutdown; any other is reported.
    network = [e for e in record.errors if not (window[0] <= e[0] <= window[1])]
    last_after_return = max(outage) - events["pg_back"] if outage and "pg_back" in events else None
    result = {
        "minutes": args.minutes,
        "statuses": {str(k): v for k, v in sorted(record.statuses.items(), key=str)},
        "writes": dict(editor.writes),
        "checks": editor.checks,
        "stale": editor.stale,
        "unchecked": editor.unchecked,
        "outage_503": len(outage),
        "outage_first_s_after_stop": round(min(outage) - events["pg_down"], 1) if outage else None,
        "outage_last_s_after_return": round(last_after_return, 1)
        if last_after_return is not None
        else None,
        "database_down_s": round(events["pg_back"] - events["pg_down"], 1)
        if "pg_back" in events
        else None,
        "unexpected_5xx": unexpected[:20],
        "unexpected_5xx_count": len(unexpected),
        "network_errors": [(round(t, 1), who, what) for t, who, what in network[:20]],
        "network_errors_count": len(network),
        "network_errors_during_outage": len(record.errors) - len(network),
        "memory_start_mb": {k: round(v, 1) for k, v in memory_start.items() if k != "workers_pids"}
        if memory_start
        else None,
        "memory_end_mb": {k: round(v, 1) for k, v in memory_end.items() if k != "workers_pids"}
        if memory_end
        else None,
        "gunicorn_mb_samples": [round(s) for s in samples],
        "worker_alive": worker.alive(),
        "worker_restarts": worker.restarts,
    }
    if memory_start and memory_end:
        recycled = set(memory_start["workers_pids"]) - set(memory_end["workers_pids"])
        result["gunicorn_workers_replaced"] = len(recycled)
    result["ok"] = (
        not editor.stale
        and not unexpected
        and not network
        and (last_after_return is None or last_after_return <= RECOVERY_LIMIT_S)
        and result["worker_alive"]
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--clients", type=int, default=4, help="anonymous visitors at once")
    parser.add_argument("--write-every", type=float, default=3.0, help="seconds between writes")
    parser.add_argument("--outage", type=float, default=5.0, help="seconds each server is down")
    parser.add_argument("--keep-folder", action="store_true", help="keep logs (and data)")
    args = parser.parse_args()
    # Stopped from outside (kill, Ctrl+C): everything started is stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    folder = Path(tempfile.mkdtemp(prefix="cuf-endurance-"))
    folder.chmod(0o755)  # the postgres user reaches its cluster's folder
    started: list = []
    try:
        result = run(args, folder, started)
    finally:
        for name, stop in reversed(started):
            try:
                stop()
            except Exception as error:
                print(f"arrêt de {name} : {error!r}", file=sys.stderr)
        if args.keep_folder:
            print(f"Dossier gardé : {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    print("RÉUSSI" if result["ok"] else "ÉCHEC")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
