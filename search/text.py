"""Text as search sees it: indexed text, parsed queries and highlighted excerpts. Pure
functions, no database: both backends use them. Rich text is read, and words are folded,
by cuf.text.plain, as everywhere on the portal.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape

from cuf.content_types import AttachedText
from cuf.text.plain import clean_text, fold, without_leading_title, words
from cuf.text.validators import BIDI_CONTROL

# The query is cut beyond this (with a notice): longer inputs are pasted text, not searches,
# and every extra word costs the database work.
MAX_QUERY_LENGTH = 200

# Highlight markers, from Unicode's private use area: stripped from indexed text, so only
# the search can put them there; escaped output then turns them into <mark>.
MARK_START = "\ue000"
MARK_END = "\ue001"
# How the attachments column keeps its documents apart: each document starts with
# DOCUMENT_START, then its title, TITLE_END and its text (private use too: stripped from
# what is indexed, read as spaces by both backends' word splitting).
DOCUMENT_START = "\ue002"
TITLE_END = "\ue003"
_MARKERS = re.compile(f"[{MARK_START}{MARK_END}{DOCUMENT_START}{TITLE_END}]")

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def index_text(text: str, *, limit: int | None = None) -> str:
    """Text as stored in the index: clean, single-spaced, without highlight markers."""
    text = _MARKERS.sub(" ", text or "")
    return clean_text(text, limit=limit)


def _readable(text: str, *titles: str) -> str:
    """A file's text without the copies of titles it starts with: its first line (the
    document's heading, "Formulaire de candidature - coopération décentralisée") when it
    repeats a title the page already shows, then any copy left at its start."""
    first, _newline, rest = text.partition("\n")
    for title in filter(None, titles):
        if rest and words(first)[: len(words(title))] == words(title):
            text = rest
            break
    for title in filter(None, titles):
        text = without_leading_title(text, title)
    return text


def attachments_text(files: list[AttachedText] | str, *, item_title: str = "") -> str:
    """The attachments column: each file as DOCUMENT_START, title, TITLE_END, text."""
    if isinstance(files, str):
        files = [AttachedText("", files)] if files else []
    out = []
    for file in files:
        title = index_text(file.title)
        text = index_text(_readable(clean_text(file.text), file.title, item_title))
        if title or text:
            out.append(f"{DOCUMENT_START}{title}{TITLE_END}{text}")
    return "".join(out)


def split_attachments(column: str) -> list[AttachedText]:
    """The files of an attachments column (a column written before documents were kept
    apart is one file without a title)."""
    if DOCUMENT_START not in (column or ""):
        return [AttachedText("", column)] if column and column.strip() else []
    files = []
    for part in column.split(DOCUMENT_START)[1:]:
        title, _end, text = part.partition(TITLE_END)
        files.append(AttachedText(title.strip(), text.strip()))
    return files


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
        # Shown back on the page: a direction override in a shared link would turn the
        # page's own words around it backwards.
        text = " ".join(_CONTROL.sub(" ", BIDI_CONTROL.sub("", raw or "")).split())
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
        """For websearch_to_tsquery: the French "ou" is understood as "or", outside quotes
        ("sel ou poivre" in quotes is a phrase that holds the word)."""
        pieces = self.text.split('"')
        for index in range(0, len(pieces), 2):  # even pieces are outside quotes
            pieces[index] = " ".join(
                "or" if part.lower() == "ou" else part for part in pieces[index].split(" ")
            )
        return '"'.join(pieces)

    @property
    def folded(self) -> str:
        """Words only, for similarity: operators and quotes removed."""
        return " ".join(words(self.text))


@dataclass
class Term:
    words: tuple[str, ...]  # folded; several for a quoted phrase
    negated: bool = False

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
            groups[-1].append(Term(term_words, negated=negated))
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


def has_match(text: str, parsed: ParsedQuery) -> bool:
    return bool(_spans(text, parsed))


@dataclass(frozen=True)
class Excerpt:
    """A result's excerpt, marked, and where it was read: the item's readable text (its
    summary and body: never an image's text alternative), or one of its files
    (``file`` is that file's title, "" for the item's own file)."""

    marked: str
    file: str | None = None


def file_excerpt(attachments: str, parsed: ParsedQuery, *, max_chars: int) -> Excerpt | None:
    """The excerpt of the first file whose text (or title) holds the query's words."""
    files = split_attachments(attachments)
    for file in files:
        if has_match(file.text, parsed) or has_match(file.title, parsed):
            return Excerpt(highlight(file.text, parsed, max_chars=max_chars), file.title)
    return None


def excerpt(readable: str, attachments: str, parsed: ParsedQuery, *, max_chars: int) -> Excerpt:
    """From the readable text when the words are there (or nothing else is), else from
    the file that holds them."""
    if not has_match(readable, parsed):
        found = file_excerpt(attachments, parsed, max_chars=max_chars)
        if found is not None:
            return found
    return Excerpt(highlight(readable, parsed, max_chars=max_chars))


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


# Quoted phrases on PostgreSQL. The stored vector holds each pair of adjacent words as one
# lexeme "a b" (cuf_phrase_pairs, search migration 0004), or this marker when some pairs
# could not be kept (too long, or the vector would pass PostgreSQL's size limit); no
# parsed lexeme holds a space, so neither can match a typed word.
PAIRS_MISSING = "no  pairs"

_TSQUERY_TOKEN = re.compile(
    r"\s*(?:(?P<lexeme>'(?:[^'\\]|''|\\.)*')(?P<suffix>:[*A-D]+)?|(?P<op><->|<\d+>|[&|!()]))"
)


@dataclass(frozen=True)
class _Token:
    text: str
    lexeme: str | None = None  # unquoted, for a plain lexeme (no weight or prefix)
    distance: int | None = None  # for a phrase operator


def _tsquery_tokens(text: str) -> list[_Token] | None:
    tokens, position = [], 0
    while position < len(text.rstrip()):
        match = _TSQUERY_TOKEN.match(text, position)
        if not match:
            return None
        position = match.end()
        if match["lexeme"]:
            quoted = match["lexeme"]
            lexeme = None if match["suffix"] else re.sub(r"''|\\(.)", _unescape, quoted[1:-1])
            tokens.append(_Token(quoted + (match["suffix"] or ""), lexeme=lexeme))
        else:
            op = match["op"]
            distance = 1 if op == "<->" else int(op[1:-1]) if op.startswith("<") else None
            tokens.append(_Token(op, distance=distance))
    return tokens


def _unescape(match: re.Match) -> str:
    return "'" if match.group() == "''" else match.group(1)


def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _phrase_pairs(tokens: list[_Token]) -> list[str] | None:
    """The pairs of words side by side in a phrase ("a" <-> "b" <2> "c" gives "a b"), or
    None when ``tokens`` are not a phrase of plain lexemes."""
    if len(tokens) < 3 or len(tokens) % 2 == 0:
        return None
    lexemes, operators = tokens[::2], tokens[1::2]
    if any(t.lexeme is None for t in lexemes) or any(t.distance is None for t in operators):
        return None
    return [
        f"{first.lexeme} {second.lexeme}"
        for first, operator, second in zip(lexemes, operators, lexemes[1:], strict=False)
        if operator.distance == 1
    ]


def narrow_phrases(tsquery: str) -> str:
    """The same query, with each required phrase looked up by its pairs of adjacent words.

    ``tsquery`` is PostgreSQL's text of a query. Only phrases the query requires (terms of
    its top-level conjunction, not negated) are touched: a two-word phrase becomes its
    pair, which the index answers exactly; a longer one keeps its check, narrowed to the
    entries holding all its pairs. Entries marked PAIRS_MISSING are checked as before.
    Anything unexpected leaves the query as it is.
    """
    tokens = _tsquery_tokens(tsquery)
    if not tokens:
        return tsquery
    conjuncts: list[list[_Token]] = [[]]
    depth = 0
    for token in tokens:
        depth += {"(": 1, ")": -1}.get(token.text, 0)
        if depth == 0 and token.text == "|":
            return tsquery  # an alternative at the top: no phrase is required
        if depth == 0 and token.text == "&":
            conjuncts.append([])
        else:
            conjuncts[-1].append(token)
    missing = _quoted(PAIRS_MISSING)
    narrowed, changed = [], False
    for conjunct in conjuncts:
        text = " ".join(token.text for token in conjunct)
        pairs = _phrase_pairs(conjunct)
        if not pairs:
            narrowed.append(text)
            continue
        changed = True
        if len(conjunct) == 3:
            narrowed.append(f"( {_quoted(pairs[0])} | {missing} & {text} )")
        else:
            required = " & ".join(_quoted(pair) for pair in pairs)
            narrowed.append(f"{text} & ( {required} | {missing} )")
    return " & ".join(narrowed) if changed else tsquery
