"""SPIP's links with a tooltip, ``[texte|bulle->cible]``, read as SPIP itself shows them.

The reference is SPIP's own page: article 6 of the SPIP 4.3.5 sample site holds
``[portail du patrimoine|Site officiel de la ville->http://www.example.com/patrimoine-hue]``
and SPIP renders it (squelettes-dist) as the link below: the text before the "|" is the
link's text, the tooltip its ``title``.
"""

from html.parser import HTMLParser

import pytest

from spip_import.typo import convert
from tests.spip_import.test_typo import Resolver

SPIP_SOURCE = (
    "[portail du patrimoine|Site officiel de la ville->http://www.example.com/patrimoine-hue]"
)
SPIP_RENDERED = (
    '<a href="http://www.example.com/patrimoine-hue" class="spip_out" '
    'title="Site officiel de la ville" rel="external">portail du patrimoine</a>'
)


class Links(HTMLParser):
    """Each link of a fragment: its attributes and its text, as a browser reads them."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.links: list[dict] = []
        self.inside = False
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append({**dict(attrs), "text": ""})
            self.inside = True

    def handle_endtag(self, tag):
        if tag == "a":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.links[-1]["text"] += data


def links_of(spip_text: str) -> list[dict]:
    return Links(convert(spip_text, Resolver()).html).links


def test_a_link_with_a_tooltip_shows_its_text_and_the_tooltip_as_spip_does():
    (ours,) = links_of(f"Consultez le {SPIP_SOURCE}.")
    (spip,) = Links(SPIP_RENDERED).links
    assert ours["text"] == spip["text"] == "portail du patrimoine"
    assert ours["title"] == spip["title"] == "Site officiel de la ville"
    assert ours["href"] == spip["href"]


@pytest.mark.parametrize(
    ("spip_text", "href"),
    [
        ("[texte|bulle->https://exemple.org/page]", "https://exemple.org/page"),
        ("[texte|bulle->www.exemple.org]", "https://www.exemple.org"),
        ("[texte|bulle->art12]", "/nouveau/article-12/"),
        ("[texte|bulle->rub3]", "/nouveau/rubrique-3/"),
        ("[texte|bulle->doc6]", "/documents/3/rapport.pdf"),
        ("[ texte | bulle ->https://exemple.org/page]", "https://exemple.org/page"),
    ],
)
def test_the_tooltip_never_shows_in_the_link_text_whatever_the_target(spip_text, href):
    assert links_of(spip_text) == [
        {"href": href, "title": "bulle", "rel": "noopener noreferrer", "text": "texte"}
    ]


def test_a_tooltip_with_the_target_language_keeps_the_tooltip_alone():
    # SPIP reads "{en}" at the end as the target's language (hreflang), not as tooltip.
    (link,) = links_of("[Rapport|Rapport annuel{en}->https://exemple.org/report]")
    assert (link["text"], link["title"]) == ("Rapport", "Rapport annuel")


def test_an_empty_tooltip_adds_no_title():
    (link,) = links_of("[texte|->https://exemple.org/page]")
    assert link["text"] == "texte"
    assert "title" not in link


def test_a_link_without_text_shows_the_target_s_title_and_keeps_the_tooltip():
    (link,) = links_of("[|bulle->art12]")
    assert (link["text"], link["title"]) == ("Titre article 12", "bulle")


def test_quotes_and_markup_in_a_tooltip_stay_text_in_its_title():
    (link,) = links_of('[texte|Un "guide" <b>complet</b>->https://exemple.org]')
    assert link["text"] == "texte"
    assert link["title"] == 'Un "guide" <b>complet</b>'
