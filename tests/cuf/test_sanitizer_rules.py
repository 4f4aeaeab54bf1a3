"""The sanitiser's allow-list as a rule, over every tag × attribute pair.

The allow-list is written out here, from what the editor's toolbar produces (README,
"Rich text"), not read from cuf.text.sanitizer: a pair the sanitiser lets through by mistake
must turn these tests red. Every pair not in it is removed, whatever its value; every pair
in it survives with its value when that value is safe (a link to http, https, mailto, tel
or a relative address; an image the editor uploaded; an image size in digits), and is
removed when it is not.
"""

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cuf.text.sanitizer import sanitize_html

ALLOWED = {
    "p": {"id"},
    "br": set(),
    "h2": set(),
    "h3": set(),
    "h4": set(),
    "strong": set(),
    "b": set(),
    "em": set(),
    "i": set(),
    "a": {"href", "title", "id"},
    "ul": set(),
    "ol": set(),
    "li": set(),
    "blockquote": set(),
    "figure": {"class"},
    "figcaption": set(),
    "img": {"src", "alt", "width", "height"},
    "table": set(),
    "caption": set(),
    "thead": set(),
    "tbody": set(),
    "tr": set(),
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "hr": set(),
    "pre": set(),
    "code": {"class"},
    "sup": set(),
    "sub": set(),
    "small": set(),
    "del": set(),
    "abbr": {"title"},
}
# What the sanitiser itself adds: every link opens without giving the new page a handle.
ADDED = {"a": {"rel": "noopener noreferrer"}}
CLASSES = {
    "figure": {
        "table",
        "image",
        "image-style-align-left",
        "image-style-align-center",
        "image-style-align-right",
    },
    "code": {"language-plaintext"},
}
NOTE_ID = re.compile(r"(?:note|appel)-[0-9]{1,4}")
EDITOR_IMAGE = "/editeur/images/0123456789abcdef0123456789abcdef.png"
EDITOR_IMAGE_SRC = re.compile(r"/editeur/images/[0-9a-f]{32}\.(?:jpg|jpeg|png|gif|webp)")


def names(text: str) -> set[str]:
    return set(text.split())


TAGS = sorted(
    ALLOWED.keys()
    | names("html head body title div span section article nav header footer main aside")
    | names("h1 h5 h6 u s del ins sup sub small mark abbr q cite code pre kbd hr wbr")
    | names("dl dt dd details summary dialog tfoot colgroup col font center marquee")
    | names("script style iframe frame frameset object embed param applet svg math")
    | names("template slot noscript form input button select option textarea label")
    | names("video audio source track picture canvas map area link meta base")
)
ATTRIBUTES = sorted(
    {attribute for attributes in ALLOWED.values() for attribute in attributes}
    | names("id style lang dir name rel target hreflang type role tabindex hidden")
    | names("accesskey draggable contenteditable autofocus download ping referrerpolicy")
    | names("srcset sizes poster background data action formaction cite longdesc")
    | names("usemap srcdoc value content http-equiv xlink:href xmlns data-x aria-label")
    | names("onclick onerror onload onmouseover onfocus onanimationstart onbegin")
)
VOID = names("br hr wbr img input col source track area link meta base embed param frame")
# Where the HTML parser accepts each table part (elsewhere it drops the tag itself).
CONTEXT = {
    "caption": "<table>{}</table>",
    "thead": "<table>{}</table>",
    "tbody": "<table>{}</table>",
    "tfoot": "<table>{}</table>",
    "colgroup": "<table>{}</table>",
    "col": "<table><colgroup>{}</colgroup></table>",
    "tr": "<table><tbody>{}</tbody></table>",
    "th": "<table><tbody><tr>{}</tr></tbody></table>",
    "td": "<table><tbody><tr>{}</tr></tbody></table>",
    "li": "<ul>{}</ul>",
    "figcaption": "<figure>{}</figure>",
}

SAFE_LINKS = [
    "https://cites-unies-france.org/agenda/",
    "http://exemple.org/page?a=1&b=2#suite",
    "mailto:contact@example.org",
    "tel:+33145000000",
    "/communiques/forum-de-ouagadougou/",
    "#programme",
]
DANGEROUS_LINKS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "file:///etc/passwd",
    "blob:https://pirate.example/1",
    "ftp://pirate.example/",
    "livescript:alert(1)",
]
OTHER_IMAGES = [
    "https://pirate.example/pixel.png",
    "//pirate.example/pixel.png",
    "/editeur/images/../../etc/passwd.png",
    "/media/photo.png",
    "data:image/png;base64,iVBORw0KGgo=",
    "javascript:alert(1)",
]


def safe(tag: str, attribute: str, value: str) -> bool:
    """Whether an allowed pair may keep ``value``."""
    if attribute == "href":
        scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", value)
        return value == value.strip() and (
            scheme is None or scheme.group(1).lower() in {"http", "https", "mailto", "tel"}
        )
    if tag == "img" and attribute == "src":
        return bool(EDITOR_IMAGE_SRC.fullmatch(value))
    if tag == "img" and attribute in {"width", "height"}:
        return value.isdigit()
    # Table spans and scopes keep any text: a browser reads a span that is not a number
    # as 1, and an unknown scope as none.
    if attribute == "class":
        return set(value.split()) <= CLASSES.get(tag, set())
    if attribute == "id":
        return bool(NOTE_ID.fullmatch(value))
    return True


def benign_value(tag: str, attribute: str) -> str:
    """A value the rule would keep, were the pair allowed."""
    if attribute == "href":
        return SAFE_LINKS[0]
    if attribute == "src":
        return EDITOR_IMAGE
    if attribute in {"width", "height", "colspan", "rowspan"}:
        return "2"
    if attribute == "scope":
        return "col"
    if attribute == "class":
        return "language-plaintext" if tag == "code" else "table"
    if attribute == "id":
        return "note-1"
    return "Texte « anodin »"


class Elements(HTMLParser):
    """Every start tag of a fragment, with its attributes (names lower-cased, values
    unescaped, as a browser reads them)."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def element(tag: str, attributes: dict[str, str]) -> str:
    written = "".join(
        f' {name}="{html.escape(value, quote=True)}"' for name, value in attributes.items()
    )
    markup = f"<{tag}{written}>" if tag.lower() in VOID else f"<{tag}{written}>texte</{tag}>"
    return CONTEXT.get(tag.lower(), "{}").format(markup)


def assert_only_allowed_markup(cleaned: str) -> None:
    for tag, attributes in Elements(cleaned).found:
        assert tag in ALLOWED, cleaned
        for name, value in attributes.items():
            if name in ADDED.get(tag, {}):
                assert value == ADDED[tag][name], cleaned
                continue
            assert name in ALLOWED[tag], (tag, name, cleaned)
            assert safe(tag, name, value or ""), (tag, name, value, cleaned)
        if tag == "img":
            assert "src" in attributes, cleaned  # an image without its address goes


def elements_of(cleaned: str, tag: str) -> list[dict]:
    return [attributes for found, attributes in Elements(cleaned).found if found == tag]


# Every pair, one by one ------------------------------------------------------------------


@pytest.mark.parametrize("tag", TAGS)
def test_every_attribute_on_this_tag_survives_only_if_the_pair_is_allowed(tag):
    for attribute in ATTRIBUTES:
        attributes = {attribute: benign_value(tag, attribute)}
        if tag == "img" and attribute != "src":
            attributes["src"] = EDITOR_IMAGE  # observable only on an image that stays
        cleaned = sanitize_html(element(tag, attributes))
        assert_only_allowed_markup(cleaned)
        if tag not in ALLOWED:
            assert not elements_of(cleaned, tag), cleaned
            continue
        (kept,) = elements_of(cleaned, tag)
        if attribute in ALLOWED[tag]:
            assert kept.get(attribute) == attributes[attribute], (attribute, cleaned)
        elif attribute not in ADDED.get(tag, {}):
            assert attribute not in kept, (attribute, cleaned)


@pytest.mark.parametrize("link", DANGEROUS_LINKS)
def test_a_link_to_a_dangerous_scheme_loses_its_address_and_keeps_its_text(link):
    cleaned = sanitize_html(f'<p><a href="{html.escape(link)}" title="Voir">Lire</a></p>')
    assert elements_of(cleaned, "a") == [{"title": "Voir", "rel": "noopener noreferrer"}]
    assert "Lire" in cleaned


@pytest.mark.parametrize(
    "written",
    ["jav&#x09;ascript:alert(1)", "&#106;avascript:alert(1)", "javascript&colon;alert(1)"],
)
def test_a_dangerous_scheme_written_with_character_references_is_removed_too(written):
    cleaned = sanitize_html(f'<p><a href="{written}">Lire</a></p>')
    assert elements_of(cleaned, "a") == [{"rel": "noopener noreferrer"}]


@pytest.mark.parametrize("link", SAFE_LINKS)
def test_a_link_to_a_safe_address_keeps_it_exactly(link):
    cleaned = sanitize_html(f'<p><a href="{html.escape(link)}">Lire</a></p>')
    assert elements_of(cleaned, "a") == [{"href": link, "rel": "noopener noreferrer"}]


@pytest.mark.parametrize("source", OTHER_IMAGES)
def test_an_image_from_anywhere_but_the_editor_is_removed(source):
    cleaned = sanitize_html(f'<p>Avant<img src="{html.escape(source)}" alt="Carte">après</p>')
    assert cleaned == "<p>Avantaprès</p>"


# Any mix of attributes and values (Hypothesis) --------------------------------------------


def any_case(name: str):
    return st.lists(st.booleans(), min_size=len(name), max_size=len(name)).map(
        lambda upper: "".join(c.upper() if u else c for c, u in zip(name, upper, strict=True))
    )


printable_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), max_size=30
)
values = st.one_of(
    st.sampled_from(SAFE_LINKS + DANGEROUS_LINKS + OTHER_IMAGES + [EDITOR_IMAGE]),
    st.sampled_from(["2", "10", "100%", "1e3", "-1", "col", "row", "table", "image", "x"]),
    st.sampled_from(["image image-style-align-left", "language-plaintext", "note-2", "appel-7"]),
    st.sampled_from(["note-1 x", "note-", "notes-1", "appel-12345", "note-1\n"]),
    st.sampled_from(["expression(alert(1))", "color:red", "alert(1)", "url(javascript:x)"]),
    printable_text,
)


@st.composite
def hostile_elements(draw):
    tag = draw(st.sampled_from(TAGS))
    names = draw(st.lists(st.sampled_from(ATTRIBUTES), unique=True, max_size=8))
    attributes = {name: draw(values) for name in names}
    if tag == "img" and "src" not in attributes and draw(st.booleans()):
        attributes["src"] = EDITOR_IMAGE
    written = {draw(any_case(name)): value for name, value in attributes.items()}
    return tag, attributes, element(draw(any_case(tag)), written)


@settings(max_examples=400, deadline=None)
@given(hostile_elements())
def test_any_element_keeps_exactly_its_allowed_attributes_with_safe_values(drawn):
    tag, attributes, markup = drawn
    cleaned = sanitize_html(markup)

    assert_only_allowed_markup(cleaned)
    kept = elements_of(cleaned, tag)
    if tag not in ALLOWED or (tag == "img" and not safe("img", "src", attributes.get("src", ""))):
        assert kept == []
        return
    (kept,) = kept
    for name, value in attributes.items():
        if name == "class" and tag in CLASSES:
            # Of a figure's or a code's classes, only the allowed ones stay.
            kept_classes = set((kept.get("class") or "").split())
            assert kept_classes == set(value.split()) & CLASSES[tag], cleaned
        elif name in ALLOWED[tag] and safe(tag, name, value):
            assert kept.get(name) == value, (name, cleaned)
        elif name not in ADDED.get(tag, {}):
            assert name not in kept, (name, cleaned)
