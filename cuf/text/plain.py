"""Text as the portal reads it: the visible text of rich text, and accent-free words.

One module for both, so that feeds, calendars, structured data, meta descriptions, the
search index and theme names all read text the same way.
"""

import html
import re
import unicodedata
from dataclasses import dataclass

import nh3
from django.utils.text import Truncator

# Where a block ends, or a list begins inside an item ("l’eau ;<ul><li>puits"): its text
# must not run into the next block's once tags are removed.
_BLOCK_END = re.compile(
    r"</(?:p|h[1-6]|li|blockquote|figcaption|caption|td|th|div)>|<br\s*/?>|<(?:ul|ol)(?:\s[^>]*)?>"
)
# A number set in superscript (a note's call "françaises<sup>1</sup>", "m<sup>2</sup>") keeps
# its look in plain text ("françaises¹", "m²") instead of running into the word; letters
# stay letters ("1<sup>er</sup>" is "1er", as French writes it without superscript).
_SUPERSCRIPT_NUMBER = re.compile(r"<sup(?:\s[^>]*)?>\s*([0-9]+)\s*</sup>", re.IGNORECASE)
_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SPACES = re.compile(r"[ \t\r\n]+")  # not the non-breaking spaces of French typography
_LINE_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# Control characters (NUL included, which PostgreSQL refuses in text) become spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Letters unaccent() also spells out, which NFKD leaves whole.
_LIGATURES = (("œ", "oe"), ("æ", "ae"), ("ß", "ss"), ("ø", "o"), ("đ", "d"), ("ł", "l"))
_NOT_WORD = re.compile(r"[\W_]+")
# Combining marks (accents) left by NFKD decomposition.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def plain_text(rich: str | None) -> str:
    """The text a reader sees in rich text: tags removed (scripts and styles with their
    content), blocks separated by a space, entities decoded (``&nbsp;`` is the
    non-breaking space, ``&amp;`` is « & »).

    The result is text, not HTML: whoever writes it out escapes it.
    """
    if not rich:
        return ""
    rich = _SUPERSCRIPT_NUMBER.sub(
        lambda match: match.group(1).translate(_SUPERSCRIPT_DIGITS), rich
    )
    text = nh3.clean(_BLOCK_END.sub(lambda match: match.group(0) + " ", rich), tags=set())
    return _SPACES.sub(" ", html.unescape(text)).strip()


def excerpt(rich: str | None, words: int) -> str:
    """The first ``words`` words of rich text's visible text, "…" when cut."""
    return first_words(plain_text(rich), words)


def first_words(text: str, words: int) -> str:
    """The first ``words`` words of plain text, "…" when cut."""
    return Truncator(text).words(words)


def clean_text(text: str, *, limit: int | None = None) -> str:
    """Text as stored from outside sources (extracted files, the index): control
    characters removed, spaces collapsed, blank lines merged, at most ``limit``."""
    text = _CONTROL.sub(" ", text or "")
    text = _LINE_SPACES.sub(" ", text)
    text = _BLANK_LINES.sub("\n", text)
    text = text.strip()
    return text[:limit] if limit is not None else text


def fold(text: str) -> str:
    """Lower case, without accents: "Haïti" -> "haiti", "Cœur" -> "coeur"."""
    text = text.lower()
    for letter, spelled in _LIGATURES:
        if letter in text:  # (faster than str.translate with a dict)
            text = text.replace(letter, spelled)
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def words(text: str) -> list[str]:
    """The folded words of ``text`` (emoji and punctuation are not words, nor a note's
    call in superscript: "françaises¹" is "francaises", as PostgreSQL's parser reads it)."""
    text = text.translate(_SUPERSCRIPTS_APART)
    return [word for word in _NOT_WORD.split(fold(text)) if word]


_SUPERSCRIPTS_APART = str.maketrans(dict.fromkeys("⁰¹²³⁴⁵⁶⁷⁸⁹", " "))


_WORD = re.compile(r"[^\W_]+")


def without_leading_title(text: str, title: str) -> str:
    """``text`` without the copy of ``title`` it starts with, if it does (a document whose
    first line is the item's title): case, accents and punctuation do not count."""
    wanted = words(title)
    if not wanted:
        return text
    # The text's first words, each with where the piece of text it comes from ends (one
    # piece may fold into several words: "Ŀa" is "l", "a").
    found: list[tuple[str, int]] = []
    for match in _WORD.finditer(text):
        found.extend((word, match.end()) for word in words(match.group()))
        if len(found) >= len(wanted):
            break
    if [word for word, _ in found[: len(wanted)]] != wanted:
        return text
    end = found[len(wanted) - 1][1]
    if len(found) > len(wanted) and found[len(wanted)][1] == end:
        return text  # the title ends inside a word of the text
    return text[end:].lstrip(" \t\n.:;,!?-–—»\u00a0")


# Characters no text output may carry (XML 1.0 refuses them: feeds would not be written).
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(text: str | None) -> str:
    """``text`` without the control characters XML (feeds) cannot hold."""
    return _INVISIBLE.sub("", text or "")


def join_lines(*parts: str) -> str:
    """The non-empty ``parts``, one per line."""
    return "\n".join(part for part in parts if part)


# French grammar for the words the admin says about what it lists ------------------------

_ELIDING = frozenset("aeiouyh")


def _first_letter(word: str) -> str:
    return fold(word[:1]) if word else ""


@dataclass(frozen=True)
class Noun:
    """A noun with its gender, for sentences that agree: "Le communiqué « … » a été
    ajouté.", "Nouvelle actualité", "3 événements publiés", "0 thème fusionné".

    French counts 0 and 1 in the singular.
    """

    singular: str
    plural: str
    feminine: bool = False

    @property
    def _elides(self) -> bool:
        return _first_letter(self.singular) in _ELIDING

    @property
    def the(self) -> str:
        """ "le communiqué", "l’actualité", "l’événement"."""
        if self._elides:
            return f"l’{self.singular}"
        return f"{'la' if self.feminine else 'le'} {self.singular}"

    @property
    def the_plural(self) -> str:
        return f"les {self.plural}"

    @property
    def pronoun(self) -> str:
        """The object pronoun before a verb: "vous pouvez le modifier"."""
        return "la" if self.feminine else "le"

    @property
    def a(self) -> str:
        """ "un communiqué", "une actualité"."""
        return f"{'une' if self.feminine else 'un'} {self.singular}"

    @property
    def other(self) -> str:
        return "une autre" if self.feminine else "un autre"

    @property
    def another(self) -> str:
        """ "un autre document", "une autre actualité"."""
        return f"{self.other} {self.singular}"

    @property
    def new(self) -> str:
        """ "Nouveau communiqué", "Nouvel événement", "Nouvelle actualité"."""
        if self.feminine:
            return f"Nouvelle {self.singular}"
        return f"{'Nouvel' if self._elides else 'Nouveau'} {self.singular}"

    def agree(self, participle: str, count: int = 1) -> str:
        """The participle agreeing with the noun: ("ajouté") -> "ajoutée", "ajoutés"..."""
        return participle + ("e" if self.feminine else "") + ("s" if count > 1 else "")

    def count(self, count: int, participle: str = "") -> str:
        """ "1 communiqué", "0 thème fusionné", "8 actualités publiées"."""
        words = f"{count} {self.plural if count > 1 else self.singular}"
        return f"{words} {self.agree(participle, count)}" if participle else words


def count_of(count: int, singular: str, plural: str) -> str:
    """ "1 élément", "0 élément", "8 éléments": French counts 0 and 1 in the singular."""
    return f"{count} {plural if count > 1 else singular}"
