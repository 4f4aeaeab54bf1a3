"""SPIP's typographic shortcuts turned into the portal's rich text.

Pure functions: ``convert(text, resolver)`` reads a SPIP text (``{{gras}}``, ``[lien->art12]``,
``<doc5|left>``, ``-*`` lists, ``| tables |``, ``[[notes]]``, ``<multi>``, raw HTML…) and
returns HTML that has been through the portal's one sanitiser, with the list of what it
could not convert (kept as text). It never raises on any input.

What a SPIP object became (an article's new address, a document's download, an image in
the editor's storage) is asked of the ``resolver``; the import gives one that reads the
database, tests give a dictionary.
"""

import html
import re
from dataclasses import dataclass, field
from typing import Protocol

from cuf.text.plain import printable
from cuf.text.sanitizer import sanitize_html


@dataclass(frozen=True)
class Doc:
    """What a SPIP document became: an image shown in the text, or a file to download."""

    url: str
    title: str
    is_image: bool


class Resolver(Protocol):
    def link(self, spip_type: str, spip_id: int) -> tuple[str, str] | None:
        """(new address, title) of a SPIP object, or None when it was not imported."""

    def document(self, spip_id: int) -> Doc | None: ...


class NoResolver:
    def link(self, spip_type, spip_id):
        return None

    def document(self, spip_id):
        return None


@dataclass
class Conversion:
    html: str
    unconverted: list[str] = field(default_factory=list)


# Markers of what was already converted, so that later passes leave it alone. The input's
# control characters are removed first (cuf.text.plain.printable), so they cannot be forged.
_BLOCK = "\x01"
_INLINE = "\x02"
_END = "\x03"
_PLACEHOLDER = re.compile(f"[{_BLOCK}{_INLINE}](\\d+){_END}")

_MULTI = re.compile(r"<multi>(.*?)</multi>", re.S | re.I)
_MULTI_LANG = re.compile(r"\[([a-z]{2,3}(?:_[a-z]+)?)\]")
_CODE_BLOCK = re.compile(r"<(code|cadre)(?:\s[^>]*)?>(.*?)</\1>", re.S | re.I)
_QUOTE = re.compile(r"<quote>(.*?)</quote>", re.S | re.I)
_NOTE = re.compile(r"\[\[(.*?)\]\]", re.S)
_HEADING = re.compile(r"\{\{\{(.+?)\}\}\}", re.S)
_BOLD = re.compile(r"\{\{(.+?)\}\}", re.S)
_ITALIC = re.compile(r"\{([^{}]+?)\}", re.S)
_LINK = re.compile(r"\[([^\[\]]*?)->([^\[\]]*?)\]", re.S)
_LINK_LANGUAGE = re.compile(r"\{[a-z_]*\}\s*$")
_MODEL = re.compile(r"<(doc|img|emb|document|image)(\d+)((?:\|[^<>]*)?)>", re.I)
# Any other SPIP model (<article12>, <breve3|…>): nothing to convert it to.
_OTHER_MODEL = re.compile(r"<([a-z_]{2,}\d+(?:\|[^<>]*)?)>", re.I)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>|<!--.*?-->", re.S)
_LINE_BREAK = re.compile(r"(?:^|\n)_ ")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n\s*")
_RULE = re.compile(r"^-{4,}\s*$", re.M)
_LIST_LINE = re.compile(r"^-([*#]+)\s?(.*)$")
_DASH_LINE = re.compile(r"^- (.*)$")
_TABLE_CAPTION = re.compile(r"^\|\|([^|]*)(?:\|([^|]*))?\|\|\s*$")
_BOLD_CELL = re.compile(r"^\s*\{\{(.*)\}\}\s*$", re.S)
_BLOCK_TAG = re.compile(r"^\s*<(?:h[1-6]|p|ul|ol|table|blockquote|figure|div|dl|pre|hr)\b", re.I)
_LEFTOVER = re.compile(r"\{\{|\}\}|\[\[|\]\]|->|<multi|<quote|<code|<cadre", re.I)
_TARGET = re.compile(
    r"^(art|article|rub|rubrique|doc|document|img|image|emb|mot|evenement|br|breve|aut|auteur)?"
    r"\s*(\d+)(#[\w-]*)?$",
    re.I,
)
_TYPES = {
    "": "article",
    "art": "article",
    "article": "article",
    "rub": "rubrique",
    "rubrique": "rubrique",
    "doc": "document",
    "document": "document",
    "img": "document",
    "image": "document",
    "emb": "document",
    "mot": "mot",
    "evenement": "evenement",
}
_URL = re.compile(r"^(?:https?://|mailto:|tel:)\S+$", re.I)
_WWW = re.compile(r"^www\.\S+$", re.I)


class _Converter:
    def __init__(self, resolver: Resolver):
        self.resolver = resolver
        self.pieces: list[str] = []
        self.unconverted: list[str] = []
        self.notes: list[str] = []

    # Placeholders ----------------------------------------------------------------------

    def keep(self, markup: str, *, block: bool = False) -> str:
        self.pieces.append(markup)
        marker = f"{_BLOCK if block else _INLINE}{len(self.pieces) - 1}{_END}"
        return f"\n\n{marker}\n\n" if block else marker

    def restore(self, text: str) -> str:
        # Pieces may hold markers of pieces kept before them: restore until none is left.
        for _ in range(len(self.pieces) + 1):
            replaced = _PLACEHOLDER.sub(lambda m: self.pieces[int(m.group(1))], text)
            if replaced == text:
                break
            text = replaced
        return text

    def report(self, what: str) -> None:
        what = " ".join(what.split())[:120]
        if what and what not in self.unconverted:
            self.unconverted.append(what)

    def as_text(self, source: str) -> str:
        """Something that cannot be converted: shown as the text it was, and reported."""
        self.report(source)
        return self.keep(html.escape(source, quote=False))

    # Whole text --------------------------------------------------------------------------

    def convert(self, text: str) -> str:
        text = printable(text).replace("\r\n", "\n").replace("\r", "\n")
        text = _MULTI.sub(lambda m: self.multi(m.group(1)), text)
        text = _CODE_BLOCK.sub(self.code, text)
        text = self.blocks(text)
        if self.notes:
            items = "".join(f"<li>{note}</li>" for note in self.notes)
            text += f"<h2>Notes</h2><ol>{items}</ol>"
        return self.restore(text)

    def multi(self, inner: str) -> str:
        """The French part of a multilingual block (or the first, or the untagged text)."""
        parts = _MULTI_LANG.split(inner)
        untagged, tagged = parts[0], dict(zip(parts[1::2], parts[2::2], strict=False))
        if "fr" in tagged:
            return tagged["fr"].strip()
        if untagged.strip():
            return untagged.strip()
        return next(iter(tagged.values()), "").strip()

    def code(self, match: re.Match) -> str:
        lines = html.escape(match.group(2).strip("\n"), quote=False).split("\n")
        inner = "<br>".join(lines)
        if match.group(1).lower() == "cadre" or "\n" in match.group(2).strip("\n"):
            return self.keep(f"<p>{inner}</p>", block=True)
        return self.keep(inner)

    def blocks(self, text: str) -> str:
        text = _QUOTE.sub(
            lambda m: self.keep(f"<blockquote>{self.blocks(m.group(1))}</blockquote>", block=True),
            text,
        )
        text = _NOTE.sub(self.note, text)
        text = _HEADING.sub(
            lambda m: self.keep(f"<h2>{self.inline(m.group(1))}</h2>", block=True), text
        )
        text = _RULE.sub("\n\n", text)
        out = []
        for block in _PARAGRAPHS.split(text.strip()):
            block = block.strip()
            if block:
                out.append(self.block(block))
        return "".join(out)

    def note(self, match: re.Match) -> str:
        self.notes.append(self.inline(match.group(1).strip()))
        number = len(self.notes)
        return self.keep(f"[{number}]")

    def block(self, block: str) -> str:
        if _PLACEHOLDER.fullmatch(block) and block[0] == _BLOCK:
            return block
        lines = block.split("\n")
        if _LIST_LINE.match(lines[0]) or _DASH_LINE.match(lines[0]):
            return self.list_block(lines)
        if lines[0].lstrip().startswith("|") and lines[0].rstrip().endswith("|"):
            return self.table(lines)
        inner = self.inline(block)
        if _BLOCK_TAG.match(self.restore(inner)):
            return inner
        return f"<p>{inner}</p>"

    # Lists and tables ----------------------------------------------------------------------

    def list_block(self, lines: list[str]) -> str:
        items: list[tuple[str, int, str]] = []  # (list tag, depth, text)
        for line in lines:
            match = _LIST_LINE.match(line)
            dash = _DASH_LINE.match(line)
            if match:
                marks = match.group(1)
                tag = "ol" if marks[-1] == "#" else "ul"
                items.append((tag, len(marks), match.group(2)))
            elif dash:
                items.append(("ul", 1, dash.group(1)))
            elif items:
                tag, depth, previous = items[-1]
                items[-1] = (tag, depth, f"{previous}\n{line}")
            else:
                items.append(("ul", 1, line))
        out: list[str] = []
        stack: list[str] = []  # open list tags, one per depth
        for tag, depth, content in items:
            while len(stack) > depth:
                out.append(f"</li></{stack.pop()}>")
            if len(stack) == depth and stack and stack[-1] != tag:
                out.append(f"</li></{stack.pop()}>")
            if len(stack) == depth:
                out.append("</li>")
            while len(stack) < depth:
                if stack and out and out[-1].endswith("</li>"):
                    out[-1] = out[-1][: -len("</li>")]
                stack.append(tag)
                out.append(f"<{tag}>")
            out.append(f"<li>{self.inline(content)}")
        while stack:
            out.append(f"</li></{stack.pop()}>")
        return "".join(out)

    def table(self, lines: list[str]) -> str:
        caption = ""
        rows: list[list[str]] = []
        for line in lines:
            line = line.strip()
            caption_match = _TABLE_CAPTION.match(line)
            if caption_match and not rows and not caption:
                caption = caption_match.group(1).strip()
                continue
            if line.startswith("|") and line.endswith("|") and len(line) > 1:
                rows.append(line[1:-1].split("|"))
            elif rows:
                rows[-1][-1] += "\n" + line
            else:
                rows.append([line])
        if not rows:
            return ""
        out = ['<figure class="table"><table>']
        if caption:
            out.append(f"<caption>{self.inline(caption)}</caption>")
        first = rows[0]
        if all(_BOLD_CELL.match(cell) or not cell.strip() for cell in first):
            cells = "".join(
                f'<th scope="col">{self.inline(self.unbold(cell))}</th>' for cell in first
            )
            out.append(f"<thead><tr>{cells}</tr></thead>")
            rows = rows[1:]
        out.append("<tbody>")
        for row in rows:
            cells = "".join(f"<td>{self.inline(cell.strip())}</td>" for cell in row)
            out.append(f"<tr>{cells}</tr>")
        out.append("</tbody></table></figure>")
        return "".join(out)

    @staticmethod
    def unbold(cell: str) -> str:
        match = _BOLD_CELL.match(cell)
        return match.group(1).strip() if match else cell.strip()

    # Inline shortcuts --------------------------------------------------------------------

    def inline(self, text: str) -> str:
        text = _LINK.sub(self.link, text)
        text = _MODEL.sub(self.model, text)
        text = _OTHER_MODEL.sub(lambda m: self.as_text(m.group(0)), text)
        # Raw HTML is kept as written (the sanitiser decides what stays), out of reach of
        # the shortcuts below ("~" or "{" in an attribute).
        text = _HTML_TAG.sub(lambda m: self.keep(m.group(0)), text)
        text = _BOLD.sub(lambda m: f"<strong>{m.group(1)}</strong>", text)
        text = _ITALIC.sub(lambda m: f"<em>{m.group(1)}</em>", text)
        text = _LINE_BREAK.sub("<br>", text)
        text = text.replace("~", "\u00a0")
        # Only the text between converted pieces: code keeps its braces on purpose.
        leftover = _LEFTOVER.search(text)
        if leftover:
            start = max(leftover.start() - 20, 0)
            self.report(self.restore(text[start : leftover.end() + 20]))
        return " ".join(text.split("\n"))

    def link(self, match: re.Match) -> str:
        target = match.group(2).strip()
        # "[texte|bulle{langue}->cible]": the text, then the tooltip SPIP shows as the
        # link's title (everything after the first "|"), then the target's language.
        label, _, tooltip = match.group(1).partition("|")
        label = label.strip()
        tooltip = " ".join(
            _LINK_LANGUAGE.sub("", tooltip).replace("{", "").replace("}", "").split()
        )
        url, title = self.resolve_target(target)
        if url is None:
            return self.as_text(match.group(0))
        shown = self.inline(label) if label else html.escape(title or target, quote=False)
        attributes = f' title="{html.escape(tooltip)}"' if tooltip else ""
        return self.keep(f'<a href="{html.escape(url)}"{attributes}>{self.restore(shown)}</a>')

    def resolve_target(self, target: str) -> tuple[str | None, str]:
        if _URL.match(target):
            return target, target
        if _WWW.match(target):
            return f"https://{target}", target
        match = _TARGET.match(target)
        if not match:
            return None, ""
        spip_type = _TYPES.get((match.group(1) or "").lower())
        spip_id = int(match.group(2))
        if spip_type == "document":
            doc = self.resolver.document(spip_id)
            return (doc.url, doc.title) if doc else (None, "")
        if spip_type is None:
            return None, ""
        found = self.resolver.link(spip_type, spip_id)
        return found if found else (None, "")

    def model(self, match: re.Match) -> str:
        doc = self.resolver.document(int(match.group(2)))
        if doc is None:
            return self.as_text(match.group(0))
        title = html.escape(doc.title)
        if doc.is_image:
            return self.keep(f'<img src="{html.escape(doc.url)}" alt="{title}">')
        return self.keep(f'<a href="{html.escape(doc.url)}">{title}</a>')


def convert(text: str | None, resolver: Resolver | None = None) -> Conversion:
    """SPIP ``text`` as the portal's sanitised rich text, and what was left unconverted."""
    if not text:
        return Conversion("")
    converter = _Converter(resolver or NoResolver())
    markup = converter.convert(text)
    return Conversion(sanitize_html(markup), converter.unconverted)


_RANK = re.compile(r"^\s*\d+\.\s+")


def strip_rank(title: str | None) -> str:
    """A SPIP title without its rank prefix: "10. Titre" -> "Titre"."""
    return _RANK.sub("", title or "", count=1).strip()


def plain(text: str | None, resolver: Resolver | None = None) -> str:
    """A SPIP text as plain text on one line (titles, summaries, places)."""
    from cuf.text.plain import plain_text

    return plain_text(convert(text, resolver).html)
