"""The audit's checks of what the portal serves (tools/audit.py runs them): feeds, calendars,
the sitemap and structured data, read by third-party tools, then held to their
specifications' rules. Each adds what it finds to a Report."""

import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ATOM = "{http://www.w3.org/2005/Atom}"


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


def fetch(site: str, path: str) -> tuple[int, str, bytes]:
    """(status, content type, body) of a GET on the portal."""
    url = path if path.startswith("http") else site + path
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def check_feeds(report: Report, site: str, feeds: list[str]) -> None:
    import feedparser

    tool = "feeds (feedparser, RFC 4287, RSS 2.0)"
    for path in feeds:
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


def check_calendars(report: Report, site: str, calendars: list[str]) -> None:
    from icalendar import Calendar

    tool = "calendars (icalendar, RFC 5545)"
    for path in calendars:
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


def check_sitemap(report: Report, site: str, schema_file: Path) -> None:
    from lxml import etree

    tool = "sitemap (sitemaps.org schema)"
    status, _type, body = fetch(site, "/sitemap.xml")
    report.count(tool)
    if status != 200:
        report.error(tool, "/sitemap.xml", f"HTTP {status}")
        return
    schema = etree.XMLSchema(etree.parse(str(schema_file)))
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
    """``pages`` by address: pages that are shared and indexed (not an error page)."""
    import extruct

    tool = "structured data (extruct)"
    for path, body in pages.items():
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
