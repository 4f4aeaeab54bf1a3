"""Two texts compared as they read, word by word, for the history's comparison.

Rich text is read as its reader sees it: paragraphs, headings, list items (with their
bullet or number and their depth), quotes and table rows are blocks; words carry their
emphasis and the address of the link they are in. The two sequences of words and block
starts are matched (difflib, every word a token), and the result is written as blocks
again: added words in ``<ins>``, removed ones in ``<del>``, each run opened by a visible
sign (+ or −) and a spoken label ("ajouté :", "supprimé :"), so that colour is never the
only clue. A link shows its address after its words: a changed address is a change.

Everything here is built with ``format_html``: the words and addresses are escaped, only
the markup written below reaches the page.
"""

import difflib
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from cuf.text.sanitizer import sanitize_html


@dataclass(frozen=True)
class Word:
    text: str
    strong: bool = False
    em: bool = False
    href: str = ""


@dataclass(frozen=True)
class Block:
    """The start of a block: "p", "h" (a heading), "li", "quote", "row" or "caption"."""

    kind: str
    depth: int = 0
    number: int = 0  # an ordered list's item number; 0 for a bullet
    # Which outermost list an item belongs to: two lists in a row stay two lists. Not
    # compared, so that a list added above does not make every item below "changed".
    list_index: int = field(default=0, compare=False)


Token = Word | Block

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p": "p", "blockquote": "quote", "tr": "row", "caption": "caption", "figcaption": "p"}


class _Reader(HTMLParser):
    """Sanitised rich text to tokens."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []
        self.lists: list[list] = []  # per open list: [ordered, next number]
        self.strong = 0
        self.em = 0
        self.href = ""
        self.first_cell = False
        self.lists_seen = 0

    def _block(self, block: Block) -> None:
        if self.tokens and isinstance(self.tokens[-1], Block):
            # A paragraph inside a list item (or a quote) continues that block.
            if self.tokens[-1].kind in ("li", "quote"):
                return
            self.tokens.pop()
        self.tokens.append(block)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("ul", "ol"):
            if not self.lists:
                self.lists_seen += 1
            self.lists.append([tag == "ol", 1])
        elif tag == "li":
            ordered, number = self.lists[-1] if self.lists else (False, 0)
            if ordered:
                self.lists[-1][1] += 1
            self._block(
                Block(
                    "li",
                    depth=len(self.lists),
                    number=number if ordered else 0,
                    list_index=self.lists_seen,
                )
            )
        elif tag in _HEADINGS:
            self._block(Block("h"))
        elif tag in _BLOCKS:
            self._block(Block(_BLOCKS[tag]))
            self.first_cell = tag == "tr"
        elif tag in ("td", "th"):
            if not self.first_cell:
                self.tokens.append(Word("|"))
            self.first_cell = False
        elif tag in ("strong", "b"):
            self.strong += 1
        elif tag in ("em", "i"):
            self.em += 1
        elif tag == "a":
            self.href = attributes.get("href") or ""
        elif tag == "img":
            self.tokens.append(Word(f"[image : {attributes.get('alt') or 'sans description'}]"))
        elif tag == "br":
            self._block(Block("p"))

    def handle_endtag(self, tag):
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("strong", "b"):
            self.strong = max(0, self.strong - 1)
        elif tag in ("em", "i"):
            self.em = max(0, self.em - 1)
        elif tag == "a":
            self.href = ""

    def handle_data(self, data):
        for text in data.split():
            self.tokens.append(Word(text, self.strong > 0, self.em > 0, self.href))


def rich_text_tokens(html: str) -> list[Token]:
    reader = _Reader()
    reader.feed(sanitize_html(html or ""))
    reader.close()
    tokens = reader.tokens
    while tokens and isinstance(tokens[-1], Block):
        tokens.pop()
    return tokens


def text_tokens(text: str) -> list[Token]:
    return [Word(word) for word in str(text or "").split()]


SAME, ADDED, REMOVED = "same", "ins", "del"
_LABELS = {ADDED: ("+", "ajouté : "), REMOVED: ("−", "supprimé : ")}


def _marked(old: list[Token], new: list[Token]) -> list[tuple[str, Token]]:
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    marked = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            marked += [(SAME, token) for token in new[j1:j2]]
        else:
            marked += [(REMOVED, token) for token in old[i1:i2]]
            marked += [(ADDED, token) for token in new[j1:j2]]
    return marked


def _words_html(words: list[Word]) -> SafeString:
    """Words of one state: emphasis kept, links as links followed by their address."""
    parts, index = [], 0
    while index < len(words):
        run = [words[index]]
        index += 1
        while index < len(words) and (words[index].href, words[index].strong, words[index].em) == (
            run[0].href,
            run[0].strong,
            run[0].em,
        ):
            run.append(words[index])
            index += 1
        first = run[0]
        html = format_html("{}", " ".join(word.text for word in run))
        if first.em:
            html = format_html("<em>{}</em>", html)
        if first.strong:
            html = format_html("<strong>{}</strong>", html)
        if first.href:
            html = format_html(
                '<a href="{}">{}</a> <span class="cuf-diff-href">(lien : {})</span>',
                first.href,
                html,
                first.href,
            )
        parts.append(html)
    return mark_safe(" ".join(parts))  # noqa: S308 - each part built by format_html


def _line_html(line: list[tuple[str, Word]]) -> SafeString:
    """A block's words, each run of one state in its element."""
    parts, index = [], 0
    while index < len(line):
        state = line[index][0]
        words = []
        while index < len(line) and line[index][0] == state:
            words.append(line[index][1])
            index += 1
        html = _words_html(words)
        if state != SAME:
            sign, label = _LABELS[state]
            tag = "ins" if state == ADDED else "del"
            html = format_html(
                '<{} class="cuf-diff-{}"><span class="cuf-diff-sign" aria-hidden="true">{}</span>'
                '<span class="visually-hidden">{}</span>{}</{}>',
                mark_safe(tag),  # noqa: S308 - one of two literals
                state,
                sign,
                label,
                html,
                mark_safe(tag),  # noqa: S308
            )
        parts.append(html)
    return mark_safe(" ".join(parts))  # noqa: S308 - each part built by format_html


def _blocks_html(marked: list[tuple[str, Token]]) -> SafeString:
    blocks: list[tuple[Block, str, list]] = []
    for state, token in marked:
        if isinstance(token, Block):
            blocks.append((token, state, []))
        else:
            if not blocks:
                blocks.append((Block("p"), SAME, []))
            blocks[-1][2].append((state, token))
    out, in_list = [], None
    for block, state, line in blocks:
        if not line:
            continue
        if in_list is not None and (block.kind != "li" or block.list_index != in_list):
            out.append(mark_safe("</ul>"))
            in_list = None
        states = {word_state for word_state, _word in line}
        whole = f" cuf-diff-block-{state}" if state != SAME and states == {state} else ""
        content = _line_html(line)
        if block.kind == "li" and in_list is None:
            out.append(mark_safe('<ul class="cuf-diff-list">'))
            in_list = block.list_index
        if block.kind == "li":
            number = format_html("{}. ", block.number) if block.number else ""
            out.append(
                format_html(
                    '<li class="cuf-diff-depth-{}{}{}">{}{}</li>',
                    min(block.depth, 4),
                    " cuf-diff-numbered" if block.number else "",
                    whole,
                    number,
                    content,
                )
            )
        else:
            out.append(format_html('<p class="cuf-diff-{}{}">{}</p>', block.kind, whole, content))
    if in_list is not None:
        out.append(mark_safe("</ul>"))
    if not out:
        return format_html('<p class="cuf-diff-empty">{}</p>', "(vide)")
    return format_html_join("", "{}", ((part,) for part in out))


def rich_text_diff(old: str, new: str) -> SafeString:
    """Two rich texts (HTML) compared as they read."""
    return format_html(
        '<div class="cuf-diff">{}</div>',
        _blocks_html(_marked(rich_text_tokens(old), rich_text_tokens(new))),
    )


def text_diff(old: str, new: str) -> SafeString:
    """Two one-line or plain texts compared word by word."""
    return format_html(
        '<div class="cuf-diff">{}</div>', _blocks_html(_marked(text_tokens(old), text_tokens(new)))
    )


def names_diff(old: list[str], new: list[str]) -> SafeString:
    """Two lists of names (an item's themes), one a line, each added or removed one marked."""

    def tokens(names):
        return [token for name in sorted(names) for token in (Block("li", depth=1), Word(name))]

    return format_html(
        '<div class="cuf-diff">{}</div>', _blocks_html(_marked(tokens(old), tokens(new)))
    )
