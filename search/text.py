"""Text as search sees it: plain text from rich text, accent-free words, parsed queries and
highlighted excerpts. Pure functions, no database: both backends use them.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field

import nh3
from django.utils.html import escape

from cuf.extract import clean_text

# The query is cut beyond this (with a notice): longer inputs are pasted text, not searches,
# and every extra word costs the database work.
MAX_QUERY_LENGTH = 200

# Highlight markers, from Unicode's private use area: stripped from indexed text, so only
# the search can put them there; escaped output then turns them into <mark>.
MARK_START = "\ue000"
MARK_END = "\ue001"
_MARKERS = re.compile(f"[{MARK_START}{MARK_END}]")

# Letters unaccent() also spells out, which NFKD leaves whole.
_LIGATURES = (("œ", "oe"), ("æ", "ae"), ("ß", "ss"), ("ø", "o"), ("đ", "d"), ("ł", "l"))
_NOT_WORD = re.compile(r"[\W_]+")
# Combining marks (accents) left by NFKD decomposition.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def plain_text(rich: str) -> str:
    """The visible text of sanitised rich text, blocks separated by spaces."""
    if not rich:
        return ""
    # A space before each tag keeps "<p>a</p><p>b</p>" from reading "ab".
    text = nh3.clean(rich.replace("<", " <"), tags=set())
    return index_text(html.unescape(text))


def index_text(text: str, *, limit: int | None = None) -> str:
    """Text as stored in the index: clean, single-spaced, without highlight markers."""
    text = _MARKERS.sub(" ", text or "")
    return clean_text(text, limit=limit or 1_000_000)


def fold(text: str) -> str:
    """Lower case, without accents: "Haïti" -> "haiti", "Cœur" -> "coeur"."""
    text = text.lower()
    for letter, spelled in _LIGATURES:
        if letter in text:  # (faster than str.translate with a dict)
            text = text.replace(letter, spelled)
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def words(text: str) -> list[str]:
    """The folded words of ``text`` (emoji and punctuation are not words)."""
    return [word for word in _NOT_WORD.split(fold(text)) if word]


def plain_words(text: str) -> str:
    """Folded words, space separated and padded, so that " word" matches a word start."""
    return " " + " ".join(words(text)) + " "


def stem(word: str) -> str:
    """A light French plural stemmer for the SQLite backend: webinaires -> webinaire."""
    if len(word) > 3 and word[-1] in "sx" and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Query:
    """A visitor's input, cleaned: what to show back, and whether it was cut."""

    text: str
    truncated: bool = False

    @classmethod
    def from_input(cls, raw: str | None) -> "Query":
        text = " ".join(_CONTROL.sub(" ", raw or "").split())
        if len(text) <= MAX_QUERY_LENGTH:
            return cls(text)
        cut = text[:MAX_QUERY_LENGTH]
        if " " in cut:
            cut = cut.rsplit(" ", 1)[0]  # no half word at the end
        return cls(cut, truncated=True)

    @property
    def is_empty(self) -> bool:
        return not words(self.text)

    @property
    def websearch(self) -> str:
        """For websearch_to_tsquery: the French "ou" is understood as "or"."""
        return " ".join("or" if part.lower() == "ou" else part for part in self.text.split())

    @property
    def folded(self) -> str:
        """Words only, for similarity: operators and quotes removed."""
        return " ".join(words(self.text))


@dataclass
class Term:
    words: tuple[str, ...]  # folded; several for a quoted phrase
    negated: bool = False
    phrase: str | None = None  # the text typed between quotes, as typed

    @property
    def pattern(self) -> str:
        """What " "-padded plain text contains when the term is present (word starts)."""
        return " " + " ".join(stem(word) for word in self.words)


@dataclass
class ParsedQuery:
    """The web-search syntax, as websearch_to_tsquery reads it: groups of terms joined by
    "or", each group a conjunction of words, quoted phrases and -exclusions."""

    groups: list[list[Term]] = field(default_factory=list)

    @property
    def positive_words(self) -> list[str]:
        return [w for group in self.groups for t in group if not t.negated for w in t.words]


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse(query: Query) -> ParsedQuery:
    groups: list[list[Term]] = [[]]
    for match in _TOKEN.finditer(query.text):
        minus, phrase, bare = match.groups()
        if bare is not None and bare.lower() in ("or", "ou"):
            if groups[-1]:
                groups.append([])
            continue
        negated = bool(minus) or (bare is not None and bare.startswith("-"))
        term_words = tuple(words(phrase if phrase is not None else bare))
        if term_words:
            groups[-1].append(Term(term_words, negated=negated, phrase=phrase))
    # A group of exclusions only would match nearly everything: it is dropped, as
    # PostgreSQL's websearch_to_tsquery does not find anything for "-word" alone either.
    groups = [g for g in groups if any(not term.negated for term in g)]
    return ParsedQuery(groups)


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each of its characters, its index in ``text``."""
    folded, positions = [], []
    for index, char in enumerate(text):
        for out in fold(char):
            folded.append(out)
            positions.append(index)
    return "".join(folded), positions


def _spans(text: str, parsed: ParsedQuery) -> list[tuple[int, int]]:
    """Where the query's words (word starts, to the end of the word) are in ``text``."""
    folded, positions = _folded_with_positions(text)
    stems = {stem(word) for word in parsed.positive_words}
    spans = []
    for match in re.finditer(r"\w+", folded):
        if any(match.group().startswith(s) for s in stems):
            spans.append((positions[match.start()], positions[match.end() - 1] + 1))
    return spans


def highlight(text: str, parsed: ParsedQuery, *, max_chars: int | None = None) -> str:
    """``text`` with the query's words between the markers, cut around the first match.

    The SQLite counterpart of ts_headline: escaped by ``marked_html``.
    """
    spans = _spans(text, parsed)
    start, end = 0, len(text)
    if max_chars and len(text) > max_chars:
        first = spans[0][0] if spans else 0
        start = max(0, first - max_chars // 3)
        if start:
            start = text.find(" ", start) + 1 or start  # begin on a word
        end = min(len(text), start + max_chars)
        if end < len(text):
            end = text.rfind(" ", start, end) if " " in text[start:end] else end
    out, cursor = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        out += [text[cursor:span_start], MARK_START, text[span_start:span_end], MARK_END]
        cursor = span_end
    out.append(text[cursor:end])
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return prefix + "".join(out) + suffix


def marked_html(text: str) -> str:
    """Escaped text where only the search's markers become <mark> elements."""
    escaped = escape(text or "")
    # Markers come in pairs from the search; a lone one (cut excerpt) must not leave an
    # unclosed element.
    out, open_mark = [], False
    for char in escaped:
        if char == MARK_START and not open_mark:
            out.append("<mark>")
            open_mark = True
        elif char == MARK_END and open_mark:
            out.append("</mark>")
            open_mark = False
        elif char not in (MARK_START, MARK_END):
            out.append(char)
    if open_mark:
        out.append("</mark>")
    return "".join(out)
