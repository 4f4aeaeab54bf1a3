"""The one HTML sanitiser: every rich-text field goes through ``sanitize_html``.

The allowlist matches the editor's toolbar (settings.CKEDITOR_5_CONFIGS): headings,
paragraphs, bold, italic, links, lists, quotes and tables. Anything else (scripts, event
handlers, styles, iframes, ``javascript:`` links, SVG) is dropped.
"""

import nh3

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
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
# CKEditor wraps tables in <figure class="table">; no other class is kept.
ALLOWED_CLASSES = {"figure": {"table"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Their text is dropped along with the tag, not kept as visible text.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "svg", "math", "template"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=DROPPED_WITH_CONTENT,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    allowed_classes=ALLOWED_CLASSES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize_html(html: str | None) -> str:
    """Return ``html`` reduced to the allowlisted markup ("" for empty input)."""
    if not html:
        return ""
    return _cleaner.clean(html).strip()
