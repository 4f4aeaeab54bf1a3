"""The one HTML sanitiser: every rich-text field goes through ``sanitize_html``.

The allowlist matches the editor's toolbar (settings.CKEDITOR_5_CONFIGS): headings,
paragraphs, bold, italic, superscript, subscript, inline code, links, lists, quotes,
tables, code blocks, horizontal rules and images with a caption and an alignment; and the
few inline elements the editor keeps from imported texts without offering them (``small``,
``del``, ``abbr`` with its title). Notes link to their calls and back by ids of one
shape only (``note-3``, ``appel-3``). Anything else (scripts, event handlers, styles,
iframes, ``javascript:`` links, SVG, any other id or class) is dropped. Images are kept
only when they are the portal's own editor uploads (``/editeur/images/...``): an image
from elsewhere would track readers and could change after it was checked.
"""

import re

import nh3

from cuf.text.plain import printable

# The address cuf.public.views.editor_image serves: a generated name, nothing else.
EDITOR_IMAGE_SRC = re.compile(r"^/editeur/images/[0-9a-f]{32}\.(?:jpg|jpeg|png|gif|webp)$")
# An image whose address was refused is left without one by nh3; it is removed after, on
# nh3's normalised output (attributes quoted, one tag per match).
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "pre",
    "code",
    "sup",
    "sub",
    "small",
    "del",
    "abbr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "p": {"id"},
    "abbr": {"title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "img": {"src", "alt", "width", "height"},
}
# CKEditor wraps tables in <figure class="table"> and images in <figure class="image">,
# with one of its alignment styles; its code blocks are plain text. No other class is kept.
IMAGE_ALIGNMENTS = {"image-style-align-left", "image-style-align-center", "image-style-align-right"}
ALLOWED_CLASSES = {"figure": {"table", "image", *IMAGE_ALIGNMENTS}, "code": {"language-plaintext"}}
# The only ids: a note ("note-3") and its call ("appel-3"), so that each links to the
# other; nothing a page's own markup or scripts could rely on.
NOTE_ID = re.compile(r"(?:note|appel)-[0-9]{1,4}")
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Their text is dropped along with the tag, not kept as visible text.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "svg", "math", "template"}


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not EDITOR_IMAGE_SRC.match(value):
        return None
    if tag == "img" and attribute in {"width", "height"} and not value.isdigit():
        return None
    if attribute == "id" and not NOTE_ID.fullmatch(value):
        return None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attribute_filter=_filter_attribute,
    clean_content_tags=DROPPED_WITH_CONTENT,
    # Without a "*" entry nh3 keeps "lang" and "title" on every tag.
    attributes={"*": set(), **ALLOWED_ATTRIBUTES},
    url_schemes=URL_SCHEMES,
    allowed_classes=ALLOWED_CLASSES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize_html(html: str | None) -> str:
    """Return ``html`` reduced to the allowlisted markup ("" for empty input)."""
    if not html:
        return ""
    # nh3 escapes "<" and ">" inside attribute values (0.3.7 and later, required by
    # pyproject.toml), so a tag of its output ends at its first ">".
    return _IMG_WITHOUT_SRC.sub("", _cleaner.clean(printable(html))).strip()
