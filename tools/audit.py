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
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "tools" / "validators" / "node_modules"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITEMAP_XSD = NODE_MODULES / "sitemap" / "schema" / "sitemap.xsd"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ATOM = "{http://www.w3.org/2005/Atom}"
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
WIDTHS = (1280, 360)
NOT_FOUND = "/page-qui-n-existe-pas/"


@dataclass
class Report:
    errors: dict[str, list[str]] = field(default_factory=dict)
    checked: dict[str, int] = field(default_factory=dict)

    def error(self, tool: str, where: str, message: str) -> None:
        self.errors.setdefault(tool, []).append(f"{where}: {message}")

    def count(self, tool: str, number: int = 1) -> None:
        self.checked[tool] = self.checked.get(tool, 0) + number
        self.errors.setdefault(tool, [])

    @property
    def total(self) -> int:
        return sum(len(found) for found in self.errors.values())

    def print(self) -> None:
        for tool, found in self.errors.items():
            print(f"== {tool}: {self.checked.get(tool, 0)} checked, {len(found)} error(s)")
            for line in found:
                print(f"   {line}")
        print(f"== audit: {self.total} error(s)")


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


def fetch(site: str, path: str) -> tuple[int, str, bytes]:
    """(status, content type, body) of a GET on the portal."""
    url = path if path.startswith("http") else site + path
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


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


def check_feeds(report: Report, site: str) -> None:
    import feedparser

    tool = "feeds (feedparser, RFC 4287, RSS 2.0)"
    for path in feeds():
        status, content_type, body = fetch(site, path)
        report.count(tool)
        if status != 200:
            report.error(tool, path, f"HTTP {status}")
            continue
        parsed = feedparser.parse(body)
        if parsed.bozo:
            report.error(tool, path, f"feedparser: {parsed.bozo_exception}")
        root = ET.fromstring(body)
        if path.endswith("atom/"):
            check_atom(report, tool, path, site, root)
        else:
            check_rss(report, tool, path, site, root)
        for entry in parsed.entries:
            for enclosure in entry.get("enclosures", []):
                check_enclosure(report, tool, path, site, enclosure)


def check_atom(report: Report, tool: str, path: str, site: str, root) -> None:
    feed_author = root.find(f"{ATOM}author/{ATOM}name")
    for name in ("id", "title", "updated"):
        if not root.findtext(f"{ATOM}{name}"):
            report.error(tool, path, f"atom:feed sans atom:{name}")
    selves = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    if [link.get("href") for link in selves] != [site + path]:
        report.error(tool, path, "atom:link rel=self absent ou différent de l’adresse du flux")
    for entry in root.findall(f"{ATOM}entry"):
        title = entry.findtext(f"{ATOM}title") or "?"
        # RFC 4287 §4.1.1: an entry without an author needs one on its feed.
        if feed_author is None and entry.find(f"{ATOM}author/{ATOM}name") is None:
            report.error(tool, path, f"« {title} » : ni l’entrée ni le flux n’ont d’atom:author")
        for name in ("id", "title", "updated"):
            if not entry.findtext(f"{ATOM}{name}"):
                report.error(tool, path, f"« {title} » sans atom:{name}")
        if not any(link.get("rel") in (None, "alternate") for link in entry.findall(f"{ATOM}link")):
            report.error(tool, path, f"« {title} » sans lien vers sa page")


def check_rss(report: Report, tool: str, path: str, site: str, root) -> None:
    channel = root.find("channel")
    if root.tag != "rss" or root.get("version") != "2.0" or channel is None:
        report.error(tool, path, "pas un document RSS 2.0")
        return
    for name in ("title", "link", "description"):
        if not channel.findtext(name):
            report.error(tool, path, f"channel sans {name}")
    selves = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    if len(selves) != 1 or selves[0].get("href") != site + path:
        report.error(tool, path, "atom:link rel=self absent ou différent de l’adresse du flux")
    elif selves[0].get("type") != "application/rss+xml":
        report.error(tool, path, "atom:link rel=self sans type application/rss+xml")
    for item in channel.findall("item"):
        title = item.findtext("title") or "?"
        if not (item.findtext("title") or item.findtext("description")):
            report.error(tool, path, "item sans title ni description")
        if not item.findtext("guid"):
            report.error(tool, path, f"« {title} » sans guid")
        enclosures = item.findall("enclosure")
        if len(enclosures) > 1:
            report.error(tool, path, f"« {title} » : plusieurs enclosures")
        for enclosure in enclosures:
            if not all(enclosure.get(name) for name in ("url", "length", "type")):
                report.error(tool, path, f"« {title} » : enclosure sans url, length ou type")


def check_enclosure(report: Report, tool: str, path: str, site: str, enclosure) -> None:
    href = enclosure.get("href", "")
    status, content_type, body = fetch(site, href)
    if status != 200:
        report.error(tool, path, f"enclosure {href}: HTTP {status}")
    elif str(len(body)) != str(enclosure.get("length")):
        report.error(
            tool, path, f"enclosure {href}: length {enclosure.get('length')} ≠ {len(body)}"
        )
    elif content_type.split(";")[0] != enclosure.get("type"):
        report.error(tool, path, f"enclosure {href}: type {enclosure.get('type')} ≠ {content_type}")


def check_calendars(report: Report, site: str) -> None:
    from icalendar import Calendar

    tool = "calendars (icalendar, RFC 5545)"
    for path in calendars():
        status, content_type, body = fetch(site, path)
        report.count(tool)
        if status != 200 or not content_type.startswith("text/calendar"):
            report.error(tool, path, f"HTTP {status}, {content_type}")
            continue
        try:
            calendar = Calendar.from_ical(body)
        except ValueError as error:
            report.error(tool, path, f"illisible : {error}")
            continue
        if calendar.get("VERSION") != "2.0" or not calendar.get("PRODID"):
            report.error(tool, path, "VCALENDAR sans VERSION 2.0 ou PRODID")
        for event in calendar.walk("VEVENT"):
            for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
                if event.get(name) is None:
                    report.error(tool, path, f"VEVENT « {event.get('SUMMARY')} » sans {name}")
        for line in body.split(b"\r\n"):
            if len(line) > 75:
                report.error(tool, path, "ligne de plus de 75 octets (RFC 5545 §3.1)")
                break


def check_sitemap(report: Report, site: str) -> None:
    from lxml import etree

    tool = "sitemap (sitemaps.org schema)"
    status, _type, body = fetch(site, "/sitemap.xml")
    report.count(tool)
    if status != 200:
        report.error(tool, "/sitemap.xml", f"HTTP {status}")
        return
    schema = etree.XMLSchema(etree.parse(str(SITEMAP_XSD)))
    document = etree.fromstring(body)
    if not schema.validate(document):
        for problem in schema.error_log:
            report.error(tool, "/sitemap.xml", f"ligne {problem.line}: {problem.message}")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    for loc in document.findall("s:url/s:loc", namespace):
        report.count(tool)
        if not loc.text.startswith(site + "/"):
            report.error(tool, loc.text, "adresse hors du site")
        elif fetch(site, loc.text)[0] != 200:
            report.error(tool, loc.text, "listée mais ne répond pas 200")


# What rich results and link previews need, by schema.org type.
REQUIRED_FIELDS = {
    "NewsArticle": ("headline", "datePublished", "image", "publisher"),
    "Event": ("name", "startDate", "location", "image"),
    "VideoObject": ("name", "description", "thumbnailUrl", "uploadDate"),
    "AudioObject": ("name", "description", "contentUrl"),
    "ImageObject": ("name", "contentUrl"),
    "CreativeWork": ("name", "description"),
    "BreadcrumbList": ("itemListElement",),
}


def check_structured_data(report: Report, site: str, pages: dict[str, bytes]) -> None:
    import extruct

    tool = "structured data (extruct)"
    for path, body in pages.items():
        if path == NOT_FOUND:
            continue  # an error page, never shared nor indexed
        report.count(tool)
        try:
            found = extruct.extract(
                body.decode(),
                base_url=site + path,
                syntaxes=["json-ld", "opengraph"],
                errors="strict",
            )
        except Exception as error:  # extruct's parsers raise their own errors
            report.error(tool, path, f"illisible : {error}")
            continue
        properties = dict(found["opengraph"][0]["properties"]) if found["opengraph"] else {}
        for name in ("og:title", "og:type", "og:url", "og:image", "og:image:alt"):
            if not properties.get(name):
                report.error(tool, path, f"sans {name}")
        if properties.get("og:image", "").startswith("/"):
            report.error(tool, path, "og:image n’est pas une adresse absolue")
        below_home = path != "/"
        types = [data.get("@type") for data in found["json-ld"]]
        if below_home and "BreadcrumbList" not in types:
            report.error(tool, path, "sans BreadcrumbList")
        for data in found["json-ld"]:
            kind = data.get("@type")
            for name in REQUIRED_FIELDS.get(kind, ()):
                if not data.get(name):
                    report.error(tool, path, f"{kind} sans {name}")


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
        check_feeds(report, site)
        check_calendars(report, site)
        check_sitemap(report, site)
        check_structured_data(report, site, pages)
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
