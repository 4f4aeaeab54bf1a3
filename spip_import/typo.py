"""SPIP's typographic shortcuts turned into the portal's rich text.

Pure functions: ``convert(text, resolver)`` reads a SPIP text (``{{gras}}``, ``[lien->art12]``,
``<doc5|left>``, ``-*`` lists, ``| tables |``, ``[[notes]]``, ``<multi>``, ``<code>``,
``----``, ``[?glossaire]``, raw HTML…) and returns HTML that has been through the portal's
one sanitiser, with the list of what it could not convert (kept as text). It never raises
on any input. Images shown in a text become figures with their caption (title,
description, credits) and alignment; notes link to their calls and back.

What a SPIP object became (an article's new address, a document's download, an image in
the editor's storage) is asked of the ``resolver``; the import gives one that reads the
database, tests give a dictionary.
"""

import html
import re
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import quote

from cuf.text.plain import printable
from cuf.text.sanitizer import sanitize_html
from spip_import.typo_structures import is_list, is_table, list_html, split_lists, table_html


@dataclass(frozen=True)
class Doc:
    """What a SPIP document became: an image shown in the text, or a file to download."""

    url: str
    title: str
    is_image: bool
    description: str = ""
    credits: str = ""


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
    # How many notes the text had (the next text of the same page numbers on from there).
    notes: int = 0


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
_GLOSSARY = re.compile(r"\[\?([^\[\]#|]+?)(?:#[^\[\]]*)?\]")
_EMAIL = re.compile(r"^(?:mailto:)?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)$")
_LINK_LANGUAGE = re.compile(r"\{[a-z_]*\}\s*$")
_MODEL = re.compile(r"<(doc|img|emb|document|image)(\d+)((?:\|[^<>]*)?)>", re.I)
_ALIGNMENTS = {"left": "left", "right": "right", "center": "center"}
# Any other SPIP model (<article12>, <breve3|…>): nothing to convert it to.
_OTHER_MODEL = re.compile(r"<([a-z_]{2,}\d+(?:\|[^<>]*)?)>", re.I)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>|<!--.*?-->", re.S)
_LINE_BREAK = re.compile(r"(?:^|\n)_ ")
# SPIP's dash line: "- " at the start of a line is a line break and a dash.
_DASH_LINE = re.compile(r"(^|\n)- ")
# French typography as SPIP sets it: the space before « : ; ! ? » % » and after « « » does
# not break, so that a mark never starts a line of its own ("40" / "%" in a table's cell).
_SPACE_BEFORE_MARK = re.compile(r"[ \t]+(?=[:;!?»%])")
_SPACE_AFTER_QUOTE = re.compile(r"«[ \t]+")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n\s*")
_RULE = re.compile(r"^\s*-{4,}\s*$", re.M)
_BLOCK_TAG = re.compile(r"^\s*<(?:h[1-6]|p|ul|ol|table|blockquote|figure|div|dl|pre|hr)\b", re.I)
_LEFTOVER = re.compile(r"\{\{|\}\}|\[\[|\]\]|->|\[\?|<multi|<quote|<code|<cadre", re.I)
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
    def __init__(self, resolver: Resolver, first_note: int = 1):
        self.resolver = resolver
        self.first_note = first_note
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
            # As SPIP shows them: "[1] text", each number leading back to its call.
            notes = "".join(
                f'<p id="note-{number}"><a href="#appel-{number}">[{number}]</a>\u00a0{note}</p>'
                for number, note in enumerate(self.notes, start=self.first_note)
            )
            text += f"<h2>Notes</h2>{notes}"
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
        """``<cadre>`` and code of several lines: a code block; else inline code."""
        source = match.group(2).strip("\n")
        inner = html.escape(source, quote=False)
        if match.group(1).lower() == "cadre" or "\n" in source:
            return self.keep(
                f'<pre><code class="language-plaintext">{inner}</code></pre>', block=True
            )
        return self.keep(f"<code>{inner}</code>")

    def blocks(self, text: str) -> str:
        text = _QUOTE.sub(
            lambda m: self.keep(f"<blockquote>{self.blocks(m.group(1))}</blockquote>", block=True),
            text,
        )
        text = _NOTE.sub(self.note, text)
        text = _HEADING.sub(
            lambda m: self.keep(f"<h2>{self.inline(m.group(1))}</h2>", block=True), text
        )
        text = _RULE.sub(lambda m: self.keep("<hr>", block=True), text)
        # Images are figures: blocks of their own, splitting a paragraph as SPIP does.
        text = _MODEL.sub(self.figure, text)
        text = split_lists(text)
        out = []
        for block in _PARAGRAPHS.split(text.strip()):
            block = block.strip()
            if block:
                out.append(self.block(block))
        return "".join(out)

    def note(self, match: re.Match) -> str:
        self.notes.append(self.inline(match.group(1).strip()))
        number = self.first_note + len(self.notes) - 1
        # A non-breaking space before the call, as SPIP writes it: "mot [1] [2]", never
        # "mot[1][2]", and the call never alone at the start of a line.
        return self.keep(f'\u00a0<a href="#note-{number}" id="appel-{number}">[{number}]</a>')

    def block(self, block: str) -> str:
        if _PLACEHOLDER.fullmatch(block) and block[0] == _BLOCK:
            return block
        lines = block.split("\n")
        if is_list(lines):
            return list_html(lines, self.inline)
        if is_table(lines):
            return table_html(lines, self.inline)
        inner = self.inline(block)
        if _BLOCK_TAG.match(self.restore(inner)):
            return inner
        return f"<p>{inner}</p>"

    # Inline shortcuts --------------------------------------------------------------------

    def inline(self, text: str) -> str:
        text = _GLOSSARY.sub(self.glossary, text)
        text = _LINK.sub(self.link, text)
        text = _MODEL.sub(self.model, text)
        text = _OTHER_MODEL.sub(lambda m: self.as_text(m.group(0)), text)
        # Raw HTML is kept as written (the sanitiser decides what stays), out of reach of
        # the shortcuts below ("~" or "{" in an attribute).
        text = _HTML_TAG.sub(lambda m: self.keep(m.group(0)), text)
        text = _BOLD.sub(lambda m: f"<strong>{m.group(1)}</strong>", text)
        text = _ITALIC.sub(lambda m: f"<em>{m.group(1)}</em>", text)
        text = _LINE_BREAK.sub("<br>", text)
        text = _DASH_LINE.sub(lambda m: ("<br>" if m.group(1) else "") + "–\u00a0", text)
        text = text.replace("~", "\u00a0")
        text = _SPACE_BEFORE_MARK.sub("\u00a0", text)
        text = _SPACE_AFTER_QUOTE.sub("«\u00a0", text)
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

    def glossary(self, match: re.Match) -> str:
        """``[?terme]``: SPIP's glossary, the French Wikipedia's page of that name."""
        term = " ".join(match.group(1).split())
        if not term:
            return self.as_text(match.group(0))
        url = "https://fr.wikipedia.org/wiki/" + quote(term.replace(" ", "_"))
        return self.keep(f'<a href="{html.escape(url)}">{html.escape(term, quote=False)}</a>')

    def resolve_target(self, target: str) -> tuple[str | None, str]:
        email = _EMAIL.match(target)
        if email:
            return f"mailto:{email.group(1)}", email.group(1)
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

    def figure(self, match: re.Match) -> str:
        """A document shown in the text (``<docN>``, ``<embN>``): a block of its own with
        its caption, splitting a paragraph as SPIP does; an image as a figure, another
        document as its link. ``<imgN>`` of a document that is no image stays a link."""
        doc = self.resolver.document(int(match.group(2)))
        if doc is None:
            return match.group(0)
        if not doc.is_image:
            if match.group(1).lower() in {"img", "image"}:
                return match.group(0)
            lines = [
                f'<a href="{html.escape(doc.url)}">{html.escape(doc.title, quote=False)}</a>',
                *self.caption(doc),
            ]
            return self.keep(f"<p>{'<br>'.join(lines)}</p>", block=True)
        options = {part.strip().lower() for part in match.group(3).split("|")}
        align = next((_ALIGNMENTS[o] for o in options if o in _ALIGNMENTS), None)
        classes = "image" + (f" image-style-align-{align}" if align else "")
        title = f"<strong>{html.escape(doc.title, quote=False)}</strong>" if doc.title else ""
        caption = [part for part in (title, *self.caption(doc)) if part]
        figcaption = f"<figcaption>{'<br>'.join(caption)}</figcaption>" if caption else ""
        image = f'<img src="{html.escape(doc.url)}" alt="{html.escape(doc.title)}">'
        return self.keep(f'<figure class="{classes}">{image}{figcaption}</figure>', block=True)

    def caption(self, doc: Doc) -> list[str]:
        """A document's description and credits, as SPIP's caption shows them."""
        return [
            part
            for part in (
                self.inline(doc.description) if doc.description.strip() else "",
                f"<small>{self.inline(doc.credits)}</small>" if doc.credits.strip() else "",
            )
            if part
        ]

    def model(self, match: re.Match) -> str:
        doc = self.resolver.document(int(match.group(2)))
        if doc is None:
            return self.as_text(match.group(0))
        title = html.escape(doc.title)
        if doc.is_image:
            return self.keep(f'<img src="{html.escape(doc.url)}" alt="{title}">')
        return self.keep(f'<a href="{html.escape(doc.url)}">{title}</a>')


def convert(
    text: str | None, resolver: Resolver | None = None, *, first_note: int = 1
) -> Conversion:
    """SPIP ``text`` as the portal's sanitised rich text, and what was left unconverted.

    Its notes are numbered from ``first_note``: texts shown on one page number on, so
    that each note's address is unique on it."""
    if not text:
        return Conversion("")
    converter = _Converter(resolver or NoResolver(), first_note=max(1, first_note))
    markup = converter.convert(text)
    return Conversion(sanitize_html(markup), converter.unconverted, len(converter.notes))


_RANK = re.compile(r"^\s*\d+\.\s+")


def strip_rank(title: str | None) -> str:
    """A SPIP title without its rank prefix: "10. Titre" -> "Titre"."""
    return _RANK.sub("", title or "", count=1).strip()


def plain(text: str | None, resolver: Resolver | None = None) -> str:
    """A SPIP text as plain text on one line (titles, summaries, places)."""
    from cuf.text.plain import plain_text

    return plain_text(convert(text, resolver).html)
