"""The SPIP 4.3.5 sample site beside the repository (``../shared/spip-sample``, or
``SPIP_SAMPLE``): loading its dump into a database of its own, and reading pages, SPIP's
and the portal's, by region (pure ``html.parser``: what a visitor reads, and the markup's
structure)."""

from __future__ import annotations

import json
import os
import re
import uuid
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from tests.spip_import.spip_site import HOST, PORT, USER, connect

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = Path(os.environ.get("SPIP_SAMPLE") or ROOT.parent / "shared" / "spip-sample")


def sample_present() -> bool:
    return (SAMPLE / "spip_sample.sql").is_file() and (SAMPLE / "mapping.json").is_file()


def mapping() -> dict:
    return json.loads((SAMPLE / "mapping.json").read_text(encoding="utf-8"))


class SampleDatabase:
    """The sample's dump loaded into ``spip_sample_…`` (dropped by ``drop``)."""

    def __init__(self) -> None:
        import pymysql.constants.CLIENT

        self.name = f"spip_sample_{uuid.uuid4().hex[:12]}"
        with connect() as server, server.cursor() as cursor:
            cursor.execute(
                f"CREATE DATABASE `{self.name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci"
            )
        dump = (SAMPLE / "spip_sample.sql").read_text(encoding="utf-8")
        # MariaDB's "sandbox mode" first line is for its own client only.
        dump = "\n".join(line for line in dump.split("\n") if not line.startswith("/*M!"))
        import pymysql

        connection = pymysql.connect(
            host=HOST,
            port=PORT,
            user=USER,
            password="",
            database=self.name,
            charset="utf8mb4",
            autocommit=True,
            client_flag=pymysql.constants.CLIENT.MULTI_STATEMENTS,
        )
        with connection, connection.cursor() as cursor:
            cursor.execute(dump)
            while cursor.nextset():
                pass

    @property
    def url(self) -> str:
        return f"mysql://{USER}:@{HOST}:{PORT}/{self.name}"

    def drop(self) -> None:
        with connect() as server, server.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{self.name}`")


# Reading pages ----------------------------------------------------------------------------

VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area", "base"}
SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def flat(text: str) -> str:
    """Text compared "whitespace and typographic spaces aside"."""
    return SPACES.sub("", text)


def words(text: str) -> list[str]:
    return SPACES.sub(" ", text).split()


class Region:
    def __init__(self) -> None:
        self.text: list[str] = []
        self.tags: Counter = Counter()
        self.elements: list[tuple[str, dict]] = []

    @property
    def string(self) -> str:
        return "".join(self.text)


class Page(HTMLParser):
    """Text and elements under each element a ``select`` function names a region."""

    def __init__(self, markup: str, select, skip=lambda tag, attrs: False) -> None:
        super().__init__(convert_charrefs=True)
        self.select, self.skip = select, skip
        self.regions: dict[str, Region] = {}
        self.stack: list[tuple[str, str | None, bool]] = []  # tag, region, skipped
        self.feed(markup)
        self.close()

    def _current(self) -> tuple[str | None, bool]:
        for _, region, skipped in reversed(self.stack):
            if skipped:
                return None, True
            if region:
                return region, False
        return None, False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        region, skipped = self._current()
        own = None if (region or skipped) else self.select(tag, attrs)
        skip = self.skip(tag, attrs)
        target = own or region
        if target and not skipped and not skip:
            found = self.regions.setdefault(target, Region())
            if not own:
                found.tags[tag] += 1
                found.elements.append((tag, attrs))
        if tag not in VOID:
            self.stack.append((tag, own, skip))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        region, skipped = self._current()
        if region and not skipped:
            self.regions.setdefault(region, Region()).text.append(data)

    def region(self, name: str) -> Region:
        return self.regions.get(name, Region())


def classes(attrs: dict) -> set[str]:
    return set(attrs.get("class", "").split())
