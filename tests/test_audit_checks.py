"""The audit's own checks catch what they are there for (tools/audit_checks.py): a feed
entry without an author, an RSS self link without its type, a page without its share
image or breadcrumbs."""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

from audit_checks import Report, check_atom, check_rss, check_structured_data  # noqa: E402

SITE = "http://127.0.0.1:8000"


def atom(author: str = "") -> bytes:
    return f"""<feed xmlns="http://www.w3.org/2005/Atom"><id>x</id><title>t</title>
    <updated>2026-12-07T10:00:00Z</updated><link rel="self" href="{SITE}/atom/"/>
    <entry><id>e</id><title>Entrée</title><updated>2026-12-07T10:00:00Z</updated>
    <link href="{SITE}/a/"/>{author}</entry></feed>""".encode()


def test_an_atom_entry_without_author_in_a_feed_without_one_is_an_error():
    report = Report()
    check_atom(report, "feeds", "/atom/", SITE, ET.fromstring(atom()))
    assert report.total == 1 and "atom:author" in report.errors["feeds"][0]
    report = Report()
    check_atom(
        report, "feeds", "/atom/", SITE, ET.fromstring(atom("<author><name>CUF</name></author>"))
    )
    assert report.total == 0


def test_an_rss_self_link_without_its_type_is_an_error():
    rss = f"""<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
    <title>t</title><link>{SITE}/</link><description>d</description>
    <atom:link rel="self" href="{SITE}/rss/"/></channel></rss>"""
    report = Report()
    check_rss(report, "feeds", "/rss/", SITE, ET.fromstring(rss))
    assert report.errors["feeds"] == ["/rss/: atom:link rel=self sans type application/rss+xml"]


def test_a_page_without_a_share_image_nor_breadcrumbs_is_an_error():
    page = b"""<!DOCTYPE html><html lang="fr"><head><title>t</title>
    <meta property="og:title" content="t"><meta property="og:type" content="website">
    <meta property="og:url" content="http://127.0.0.1:8000/agenda/"></head><body></body></html>"""
    report = Report()
    check_structured_data(report, SITE, {"/agenda/": page})
    errors = report.errors["structured data (extruct)"]
    assert "/agenda/: sans og:image" in errors and "/agenda/: sans BreadcrumbList" in errors
