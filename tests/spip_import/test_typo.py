"""SPIP's typographic shortcuts -> the portal's sanitised rich text (pure functions)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cuf.text.sanitizer import sanitize_html
from spip_import.typo import Doc, convert, strip_rank

IMAGE = "/editeur/images/" + "a" * 32 + ".jpg"


class Resolver:
    """Articles 1-99 and rubriques 1-99 exist; document 5 is an image, 6 a PDF."""

    def link(self, spip_type, spip_id):
        if spip_id < 100:
            return f"/nouveau/{spip_type}-{spip_id}/", f"Titre {spip_type} {spip_id}"
        return None

    def document(self, spip_id):
        if spip_id == 5:
            return Doc(IMAGE, "Carte du réseau", True)
        if spip_id == 6:
            return Doc("/documents/3/rapport.pdf", "Rapport", False)
        return None


def html(text):
    return convert(text, Resolver()).html


@pytest.mark.parametrize(
    ("spip", "expected"),
    [
        ("{{gras}}", "<p><strong>gras</strong></p>"),
        ("{italique}", "<p><em>italique</em></p>"),
        ("{{{Intertitre}}}", "<h2>Intertitre</h2>"),
        ("Avant\n\n{{{Titre}}}\n\nAprès", "<p>Avant</p><h2>Titre</h2><p>Après</p>"),
        (
            "[texte->https://exemple.org/page]",
            '<p><a href="https://exemple.org/page" rel="noopener noreferrer">texte</a></p>',
        ),
        (
            "[->https://exemple.org]",
            '<p><a href="https://exemple.org" rel="noopener noreferrer">https://exemple.org</a></p>',
        ),
        (
            "[texte->art12]",
            '<p><a href="/nouveau/article-12/" rel="noopener noreferrer">texte</a></p>',
        ),
        (
            "[->12]",
            '<p><a href="/nouveau/article-12/" rel="noopener noreferrer">Titre article 12</a></p>',
        ),
        (
            "[texte->rub3]",
            '<p><a href="/nouveau/rubrique-3/" rel="noopener noreferrer">texte</a></p>',
        ),
        (
            "[texte->doc6]",
            '<p><a href="/documents/3/rapport.pdf" rel="noopener noreferrer">texte</a></p>',
        ),
        (
            "<doc5|left>",
            f'<figure class="image image-style-align-left"><img src="{IMAGE}" '
            'alt="Carte du réseau"><figcaption><strong>Carte du réseau</strong>'
            "</figcaption></figure>",
        ),
        (
            "<img5>",
            f'<figure class="image"><img src="{IMAGE}" alt="Carte du réseau"><figcaption>'
            "<strong>Carte du réseau</strong></figcaption></figure>",
        ),
        (
            "<emb6>",
            '<p><a href="/documents/3/rapport.pdf" rel="noopener noreferrer">Rapport</a></p>',
        ),
        ("-* un\n-* deux", "<ul><li>un</li><li>deux</li></ul>"),
        ("-# un\n-# deux", "<ol><li>un</li><li>deux</li></ol>"),
        (
            "-* un\n-** un.un\n-** un.deux\n-* deux",
            "<ul><li>un<ul><li>un.un</li><li>un.deux</li></ul></li><li>deux</li></ul>",
        ),
        (
            "-# un\n-## sous\n-# deux",
            "<ol><li>un<ol><li>sous</li></ol></li><li>deux</li></ol>",
        ),
        (
            "| {{Ville}} | {{Pays}} |\n| Dakar | Sénégal |",
            '<figure class="table"><table><thead><tr><th scope="col">Ville</th>'
            '<th scope="col">Pays</th></tr></thead><tbody><tr><td>Dakar</td>'
            "<td>Sénégal</td></tr></tbody></table></figure>",
        ),
        (
            "| a | b |\n| c | d |",
            '<figure class="table"><table><tbody><tr><td>a</td><td>b</td></tr>'
            "<tr><td>c</td><td>d</td></tr></tbody></table></figure>",
        ),
        ("<quote>Citée</quote>", "<blockquote><p>Citée</p></blockquote>"),
        ("<code>a < b {{x}}</code>", "<p><code>a &lt; b {{x}}</code></p>"),
        (
            "<cadre>ligne 1\nligne 2</cadre>",
            '<pre><code class="language-plaintext">ligne 1\nligne 2</code></pre>',
        ),
        ("Un\n\nDeux", "<p>Un</p><p>Deux</p>"),
        ("Une\nseule", "<p>Une seule</p>"),
        ("Ligne\n_ suivante", "<p>Ligne<br>suivante</p>"),
        ("Bonjour~!", "<p>Bonjour&nbsp;!</p>"),
        (
            "Texte[[Une note.]] et suite[[Deux.]]",
            '<p>Texte&nbsp;<a href="#note-1" id="appel-1" rel="noopener noreferrer">[1]</a>'
            ' et suite&nbsp;<a href="#note-2" id="appel-2" rel="noopener noreferrer">[2]</a></p>'
            "<h2>Notes</h2>"
            '<p id="note-1"><a href="#appel-1" rel="noopener noreferrer">[1]</a>&nbsp;Une note.</p>'
            '<p id="note-2"><a href="#appel-2" rel="noopener noreferrer">[2]</a>&nbsp;Deux.</p>',
        ),
        ("<multi>[fr]Bonjour[en]Hello</multi>", "<p>Bonjour</p>"),
        ("<multi>[en]Hello[fr]Bonjour</multi>", "<p>Bonjour</p>"),
        ("<multi>Sans langue[en]Hello</multi>", "<p>Sans langue</p>"),
        ("<b>gras brut</b> et <i>italique</i>", "<p><b>gras brut</b> et <i>italique</i></p>"),
        ("<script>alert(1)</script>Texte", "<p>Texte</p>"),
        ('<a href="javascript:alert(1)">x</a>', '<p><a rel="noopener noreferrer">x</a></p>'),
        ("<h3>Titre brut</h3>", "<h3>Titre brut</h3>"),
        ("", ""),
    ],
)
def test_shortcut(spip, expected):
    assert html(spip) == expected


@pytest.mark.parametrize(
    ("spip", "kept"),
    [
        ("[texte->art999]", "[texte-&gt;art999]"),
        ("<doc77>", "&lt;doc77&gt;"),
        ("<article12>", "&lt;article12&gt;"),
        ("[texte->inconnu]", "[texte-&gt;inconnu]"),
        ("{{non fermé", "{{non fermé"),
    ],
)
def test_what_cannot_be_converted_is_kept_as_text_and_reported(spip, kept):
    conversion = convert(spip, Resolver())
    assert conversion.html == f"<p>{kept}</p>"
    assert conversion.unconverted == [spip]


def test_rank_prefix_is_removed_from_titles():
    assert strip_rank("10. Titre") == "Titre"
    assert strip_rank("2020. Une année") == "Une année"
    assert strip_rank("Titre sans rang") == "Titre sans rang"
    assert strip_rank("3.5 millions") == "3.5 millions"


SPIP_PIECES = st.sampled_from(
    [
        "{{",
        "}}",
        "{",
        "}",
        "{{{",
        "}}}",
        "[",
        "]",
        "->",
        "[[",
        "]]",
        "<doc5>",
        "<img6|left>",
        "<emb77>",
        "-*",
        "-**",
        "-#",
        "\n-* ",
        "\n- ",
        "\n----\n",
        "[?",
        "@exemple.org",
        "<sup>",
        "</sup>",
        "<abbr title='x'>",
        "| ",
        "|",
        "\n",
        "\n\n",
        "_ ",
        "~",
        "<quote>",
        "</quote>",
        "<code>",
        "</code>",
        "<cadre>",
        "</cadre>",
        "<multi>",
        "</multi>",
        "[fr]",
        "[en]",
        "art12",
        "rub3",
        "doc5",
        "https://exemple.org",
        "<b>",
        "</b>",
        "<script>",
        "<",
        ">",
        "&",
        "\x00",
        "\x01",
        "\x02",
        "\x03",
        "texte",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(SPIP_PIECES, st.text(max_size=8)), max_size=40).map("".join))
def test_any_text_converts_without_error_to_sanitised_html(text):
    conversion = convert(text, Resolver())
    assert sanitize_html(conversion.html) == conversion.html
    assert "\x01" not in conversion.html and "\x02" not in conversion.html
    assert isinstance(conversion.unconverted, list)
