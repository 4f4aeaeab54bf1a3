#!/usr/bin/env python
"""The audit: the public site checked by validators nobody on the project wrote.

A fresh portal (SQLite in a temporary folder, the demo content, the search index) is
served on loopback, then every public page kind goes through:

- the Nu HTML Checker (the npm package ``vnu-jar``, a current one, run with Java);
- feedparser and the specifications' own rules on every RSS and Atom feed (RFC 4287's
  authors, ids and dates; RSS's channel, self link and enclosures);
- icalendar on every calendar (RFC 5545's VERSION, PRODID, UID, DTSTAMP, DTSTART);
- the sitemaps.org schema (``schema/sitemap.xsd`` of the npm package ``sitemap``), with
  lxml, and every address it lists;
- extruct on every page: Open Graph (title, image, address) and JSON-LD (the types and
  the fields rich results need);
- axe-core in Chromium, WCAG 2.1 A and AA, at 1280 and 360 px wide.

It prints what each found and exits 0 only when there is no error at all:

    .venv/bin/python tools/audit.py        # or: make audit

The validators come from ``tools/validators/`` (``make audit-tools``: npm ci); Java 17
and Chromium come from the system (CHROMIUM_PATH, default /usr/bin/chromium). Exit
status 2 means a tool is missing.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from audit_checks import (
    Report,
    check_calendars,
    check_feeds,
    check_sitemap,
    check_structured_data,
    fetch,
)

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "tools" / "validators" / "node_modules"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITEMAP_XSD = NODE_MODULES / "sitemap" / "schema" / "sitemap.xsd"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
WIDTHS = (1280, 360)
NOT_FOUND = "/page-qui-n-existe-pas/"


def missing_tools() -> list[str]:
    missing = []
    if not VNU.exists() or not SITEMAP_XSD.exists():
        missing.append("tools/validators/node_modules (make audit-tools: npm ci)")
    if shutil.which("java") is None:
        missing.append("java (Java 17, e.g. apt-get install default-jre-headless)")
    if not CHROMIUM.exists():
        missing.append(f"Chromium ({CHROMIUM})")
    return missing


# The portal under audit ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def configure(workdir: Path, port: int) -> str:
    """Settings of a throw-away portal, whatever the project's .env holds."""
    site = f"http://127.0.0.1:{port}"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "portail.settings.base",
            "ENV_FILE": str(workdir / "no.env"),
            "DEBUG": "true",
            "SECRET_KEY": "audit-only-key-not-a-secret",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": site,
            "DATABASE_URL": f"sqlite:///{workdir / 'audit.sqlite3'}",
            "CACHE_URL": "locmemcache://",
            "PAGE_CACHE_URL": "locmemcache://pages",
            "PAGE_CACHE": "false",
            "MEDIA_ROOT": str(workdir / "media"),
            "PROTECTED_MEDIA_ROOT": str(workdir / "protected"),
            "LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(ROOT))
    return site


def prepare_site() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from cuf.demo import load_demo
    from search.indexing import rebuild_index

    load_demo()
    # The jobs the demo queued (its documents' text), as `make run`'s worker would.
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    rebuild_index()


def serve(port: int):
    """The portal on loopback in a thread, static files included (as runserver does)."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", port), Quiet, allow_reuse_address=True)
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# What is audited: every public page kind, feed and calendar -------------------------------


def public_pages() -> list[str]:
    """One page of each kind: home, each section and the pages under it, an item of each
    type (a resource of each kind), themes, search (results, a typo, nothing), the
    subscribe pages, the information pages, a page that does not exist."""
    from django.urls import reverse

    from cuf import content_types
    from cuf.themes.selectors import theme_counts
    from resources.models import Resource

    pages = [reverse("cuf:home")]
    for config in content_types.all_types():
        pages.append(config.list_url)
        pages.extend(link.url for link in (config.sub_pages() if config.sub_pages else []))
        pages.append(config.list_url + "abonnement/")
        first = config.model.objects.published().order_by("-published_at").first()
        if first is not None:
            pages.append(first.get_absolute_url())
    for kind in Resource.Kind.values:
        found = Resource.objects.published().of_kind(kind).order_by("-published_at").first()
        if found is not None:
            pages.append(found.get_absolute_url())
    themes = list(theme_counts())
    pages.append(reverse("cuf:theme_list"))
    if themes:
        pages += [themes[0].get_absolute_url(), themes[0].get_absolute_url() + "abonnement/"]
    pages += ["/recherche/?q=cooperation", "/recherche/?q=cooperatoin", "/recherche/?q=zzzzqq"]
    pages += [reverse("cuf:feed_page")]
    for name in ("cuf:site_map", "cuf:contact", "cuf:legal_notice", "cuf:accessibility"):
        pages.append(reverse(name))
    pages.append(NOT_FOUND)
    return list(dict.fromkeys(pages))


def feeds() -> list[str]:
    from cuf import content_types
    from cuf.themes.selectors import theme_counts

    bases = ["/", *(config.list_url for config in content_types.all_types())]
    bases += [theme.get_absolute_url() for theme in list(theme_counts())[:2]]
    return [base + flavour for base in bases for flavour in ("rss/", "atom/")]


def calendars() -> list[str]:
    from django.urls import reverse

    from agenda.models import Event
    from cuf.themes.selectors import theme_counts

    found = [reverse("agenda:ics")]
    found += [reverse("agenda:theme_ics", args=[t.slug]) for t in list(theme_counts())[:2]]
    found += [
        reverse("agenda:event_ics", args=[event.slug])
        for event in Event.objects.published().order_by("starts_at")[:3]
    ]
    return found


# The validators ----------------------------------------------------------------------------


def check_html(report: Report, site: str, pages: dict[str, bytes], workdir: Path) -> None:
    """The Nu HTML Checker over every page, in one run of the checker."""
    folder = workdir / "html"
    folder.mkdir()
    files = {}
    for number, (path, body) in enumerate(pages.items()):
        target = folder / f"page-{number:03d}.html"
        target.write_bytes(body)
        files[str(target.resolve())] = path
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", "--stdout"]
        + list(files),
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        report.error("Nu HTML Checker", "vnu.jar", result.stderr.strip()[-500:] or "no output")
        return
    report.count("Nu HTML Checker", len(files))
    for message in messages:
        if message.get("type") == "error" or message.get("subType") == "fatal":
            url = message.get("url", "")
            where = files.get("/" + url.removeprefix("file:").lstrip("/"), url)
            line = message.get("lastLine", "?")
            report.error("Nu HTML Checker", f"{where} (ligne {line})", message["message"])


def check_accessibility(report: Report, site: str, paths: list[str]) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    tool = "accessibility (axe-core, WCAG 2.1 A/AA)"
    axe = Axe()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                for path in paths:
                    page.goto(site + path)
                    report.count(tool)
                    results = axe.run(page, options=WCAG_21_AA)
                    for violation in results.response["violations"]:
                        report.error(
                            tool,
                            f"{path} ({width} px)",
                            f"{violation['id']}: {violation['help']} ({len(violation['nodes'])})",
                        )
                page.close()
        finally:
            browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    arguments = parser.parse_args()
    missing = missing_tools()
    if missing:
        print("Missing for the audit: " + "; ".join(missing), file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="cuf-audit-"))
    port = free_port()
    site = configure(workdir, port)
    try:
        prepare_site()
        server = serve(port)
        report = Report()
        paths = public_pages()
        pages = {}
        for path in paths:
            status, _type, body = fetch(site, path)
            if status != (404 if path == NOT_FOUND else 200):
                report.error("pages", path, f"HTTP {status}")
            pages[path] = body
        report.count("pages", len(paths))
        check_html(report, site, pages, workdir)
        check_feeds(report, site, feeds())
        check_calendars(report, site, calendars())
        check_sitemap(report, site, SITEMAP_XSD)
        shared = {path: body for path, body in pages.items() if path != NOT_FOUND}
        check_structured_data(report, site, shared)
        check_accessibility(report, site, paths)
        server.shutdown()
    finally:
        if arguments.keep:
            print(f"(kept: {workdir})")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    report.print()
    return 1 if report.total else 0


if __name__ == "__main__":
    sys.exit(main())
