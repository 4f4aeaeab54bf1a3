"""Shortcuts as SPIP 4 writes and shows them (squelettes-dist, textwheel): lists right
after a line of text, dash lines, rules, code, mail links, the glossary, inline HTML,
figures with their caption and credits, notes that link to their calls and back."""

import pytest

from spip_import.typo import Doc, convert

IMAGE = "/editeur/images/" + "b" * 32 + ".jpg"
R = 'rel="noopener noreferrer"'


class Resolver:
    def link(self, spip_type, spip_id):
        return f"/nouveau/{spip_type}-{spip_id}/", f"Titre {spip_id}"

    def document(self, spip_id):
        if spip_id == 2:
            return Doc(
                IMAGE,
                "Le forage de Tafraout",
                True,
                description="Mise en service, {avril} 2024.",
                credits="Photo : Y. Benali",
            )
        if spip_id == 3:
            return Doc("/documents/4/convention.pdf", "Convention", False)
        return None


def html(text, **options):
    return convert(text, Resolver(), **options).html


@pytest.mark.parametrize(
    ("spip", "expected"),
    [
        (
            "Le bureau élu comprend :\n-* une présidente ;\n-** l’un pour la ville,\n"
            "-** l’autre pour le département ;\n-* un trésorier.",
            "<p>Le bureau élu comprend&nbsp;:</p><ul><li>une présidente&nbsp;;<ul><li>l’un pour la "
            "ville,</li><li>l’autre pour le département&nbsp;;</li></ul></li><li>un trésorier."
            "</li></ul>",
        ),
        (
            "Trois priorités :\n-# l’éducation ;\n-## les puits,\n-# l’état civil.",
            "<p>Trois priorités&nbsp;:</p><ol><li>l’éducation&nbsp;;<ol><li>les puits,</li>"
            "</ol></li><li>l’état civil.</li></ol>",
        ),
        (
            "Répartition :\n|{{Continent}}|{{Nombre}}|\n|Afrique|29|",
            '<p>Répartition&nbsp;:</p><figure class="table"><table><thead><tr><th scope="col">'
            'Continent</th><th scope="col">Nombre</th></tr></thead><tbody><tr><td>Afrique'
            "</td><td>29</td></tr></tbody></table></figure>",
        ),
        (
            "- Objet : mutualiser\n- Siège : Lyon",
            "<p>–&nbsp;Objet&nbsp;: mutualiser<br>–&nbsp;Siège&nbsp;: Lyon</p>",
        ),
        ("Avant\n\n----\n\nAprès", "<p>Avant</p><hr><p>Après</p>"),
        ("Avant\n----\nAprès", "<p>Avant</p><hr><p>Après</p>"),
        (
            "[écrivez-nous->contact@example.org]",
            f'<p><a href="mailto:contact@example.org" {R}>écrivez-nous</a></p>',
        ),
        (
            "[->contact@example.org]",
            f'<p><a href="mailto:contact@example.org" {R}>contact@example.org</a></p>',
        ),
        (
            "Voir [?Coopération décentralisée].",
            '<p>Voir <a href="https://fr.wikipedia.org/wiki/Coop%C3%A9ration_d%C3%A9centralis'
            f'%C3%A9e" {R}>Coopération décentralisée</a>.</p>',
        ),
        (
            "[portail|Site officiel->https://exemple.org]",
            f'<p><a href="https://exemple.org" title="Site officiel" {R}>portail</a></p>',
        ),
        (
            "Le 1<sup>er</sup>, H<sub>2</sub>O, <small>(source)</small>, <del>5 000</del>, "
            '<abbr title="millions d’euros">M€</abbr>',
            "<p>Le 1<sup>er</sup>, H<sub>2</sub>O, <small>(source)</small>, <del>5 000</del>, "
            '<abbr title="millions d’euros">M€</abbr></p>',
        ),
        (
            "<code>AAP2025_Nom.pdf</code>",
            "<p><code>AAP2025_Nom.pdf</code></p>",
        ),
        (
            "<code>ligne 1\nligne <2></code>",
            '<pre><code class="language-plaintext">ligne 1\nligne &lt;2&gt;</code></pre>',
        ),
        (
            "<img2|right>Le chantier.",
            f'<figure class="image image-style-align-right"><img src="{IMAGE}" '
            'alt="Le forage de Tafraout"><figcaption><strong>Le forage de Tafraout</strong>'
            "<br>Mise en service, <em>avril</em> 2024.<br><small>Photo&nbsp;: Y. Benali</small>"
            "</figcaption></figure><p>Le chantier.</p>",
        ),
        (
            "La grille <doc2|center> permet de noter.",
            '<p>La grille</p><figure class="image image-style-align-center">'
            f'<img src="{IMAGE}" alt="Le forage de Tafraout"><figcaption><strong>Le forage '
            "de Tafraout</strong><br>Mise en service, <em>avril</em> 2024.<br><small>Photo&nbsp;: "
            "Y. Benali</small></figcaption></figure><p>permet de noter.</p>",
        ),
        (
            # As SPIP shows a document of the text: a block with its caption.
            "Voir <doc3|center> et [->doc3].",
            f'<p>Voir</p><p><a href="/documents/4/convention.pdf" {R}>Convention</a></p>'
            f'<p>et <a href="/documents/4/convention.pdf" {R}>Convention</a>.</p>',
        ),
    ],
)
def test_spip_shortcut(spip, expected):
    conversion = convert(spip, Resolver())
    assert conversion.html == expected
    assert conversion.unconverted == []


def test_french_punctuation_keeps_to_its_word_as_spip_shows_it():
    conversion = convert(
        "{{{Combien de collectivités ?}}}\n\n"
        "Source : « atlas » ; voir [le site->https://a.example/x:y] !",
        Resolver(),
    )
    assert conversion.html == (
        "<h2>Combien de collectivités&nbsp;?</h2>"
        "<p>Source&nbsp;: «&nbsp;atlas&nbsp;»&nbsp;; voir "
        '<a href="https://a.example/x:y" rel="noopener noreferrer">le site</a>&nbsp;!</p>'
    )


def test_a_percentage_keeps_its_sign_as_spip_shows_it():
    conversion = convert("|{{Part}}|\n|40 %|", Resolver())
    assert "<td>40&nbsp;%</td>" in conversion.html


def test_note_calls_in_a_row_are_spaced_as_spip_shows_them():
    conversion = convert("212~collectivités[[Enquête.]][[Taux.]]", Resolver())
    assert conversion.html.startswith(
        "<p>212&nbsp;collectivités"
        '&nbsp;<a href="#note-1" id="appel-1" rel="noopener noreferrer">[1]</a>'
        '&nbsp;<a href="#note-2"'
    )


def test_notes_number_on_from_a_previous_text_of_the_same_page():
    conversion = convert("Texte[[Une note.]]", Resolver(), first_note=3)
    assert conversion.notes == 1
    assert 'href="#note-3" id="appel-3"' in conversion.html
    assert '<p id="note-3"><a href="#appel-3"' in conversion.html


def test_a_line_of_text_after_a_list_continues_its_last_item_as_in_spip():
    assert html("-* un\nsuite\n-* deux") == "<ul><li>un suite</li><li>deux</li></ul>"
