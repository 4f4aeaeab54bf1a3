"""The layout around every page, the information pages of the footer, and the tools of
the detail pages (share links, print button, "Sur ces thèmes")."""

import re

import pytest

from cuf.publishing.rule import Status
from cuf.themes.models import Theme
from tests import factories
from tests.factories import CommuniqueFactory, NewsItemFactory, ThemeFactory
from tests.helpers import days_from_now, main_text, related_block

pytestmark = pytest.mark.django_db

FACTORIES = factories.every_type_factory()
# A detail page: the item, its themes (and a communiqué's documents) in prefetches, then
# two LIMIT 1 queries ("previous", "next") for each of at most four themes.
DETAIL_MAX_QUERIES = 3 + 2 * 4
# The site map: the themes with published content, and the four kinds' counts.
SITE_MAP_MAX_QUERIES = 2


def nav_link(text: str, label: str) -> str:
    match = re.search(rf"<li><a href=\"[^\"]+\"[^>]*>{label}</a></li>", text)
    assert match, f"no navigation link {label!r}"
    return match.group(0)


# Layout


def test_every_page_has_french_language_skip_link_landmarks_and_one_h1(client):
    item = CommuniqueFactory()
    for url in ("/", "/communiques/", item.get_absolute_url(), "/agenda/", "/plan-du-site/"):
        text = client.get(url).text
        assert '<html lang="fr">' in text
        assert text.index('class="skip-link" href="#contenu"') < text.index("<header")
        for landmark in ("<header", "<nav", '<main id="contenu"', "<footer"):
            assert landmark in text
        assert text.count("<h1") == 1


def test_footer_links_to_the_information_pages(client):
    text = client.get("/").text
    footer = text[text.index("<footer") :]
    for url, label in (
        ("/mentions-legales/", "Mentions légales"),
        ("/accessibilite/", "Accessibilité : non conforme"),
        ("/plan-du-site/", "Plan du site"),
        ("/contact/", "Contact"),
    ):
        assert f'<a href="{url}">{label}</a>' in footer


def test_navigation_marks_a_section_page_itself_as_the_current_page(client):
    text = client.get("/communiques/").text
    assert 'aria-current="page"' in nav_link(text, "Communiqués")
    theme = ThemeFactory()
    assert 'aria-current="true"' in nav_link(client.get(theme.get_absolute_url()).text, "Thèmes")
    assert "aria-current" not in client.get("/").text


# Information pages


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/mentions-legales/", "Mentions légales"),
        ("/accessibilite/", "Déclaration d’accessibilité"),
        ("/plan-du-site/", "Plan du site"),
        ("/contact/", "Contact"),
    ],
)
def test_information_pages_answer_in_french(client, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.text


def test_contact_and_legal_pages_show_the_networks_details(client, settings):
    settings.ORGANISATION = {
        **settings.ORGANISATION,
        "address": "9 rue de l’Exemple, 75000 Paris",
        "email": "contact@reseau.example.org",
        "publication_director": "Camille Martin, déléguée générale",
        "host": "Hébergeur Exemple, 1 avenue du Nuage, 59000 Lille",
    }
    contact = main_text(client.get("/contact/"))
    assert "9 rue de l’Exemple, 75000 Paris" in contact
    assert 'href="mailto:contact@reseau.example.org"' in contact
    assert "<form" not in contact
    legal = main_text(client.get("/mentions-legales/"))
    assert "Camille Martin, déléguée générale" in legal
    assert "Hébergeur Exemple" in legal


def test_accessibility_statement_is_honest_about_its_level(client):
    text = main_text(client.get("/accessibilite/"))
    assert "<strong>non conforme</strong>" in text
    assert "RGAA), version 4.1" in text
    assert "aucun audit de conformité n’a encore été réalisé" in text
    assert "Ce qui a été vérifié" in text
    assert "Défenseur des droits" in text
    assert 'href="mailto:' in text


def test_site_map_lists_sections_kinds_and_themes_with_published_content(client):
    haiti = ThemeFactory(name="Haïti", kind=Theme.Kind.PLACE)
    CommuniqueFactory(themes=[haiti])
    ThemeFactory(name="Thème vide")
    CommuniqueFactory(themes=[ThemeFactory(name="Thème en brouillon")], status=Status.DRAFT)
    text = main_text(client.get("/plan-du-site/"))
    for url in ("/communiques/", "/agenda/", "/actualites/", "/ressources/photo/", "/themes/"):
        assert f'href="{url}"' in text
    assert f'href="{haiti.get_absolute_url()}">Haïti</a>' in text
    assert "Pays / région" in text
    assert "Thème vide" not in text
    assert "Thème en brouillon" not in text


@pytest.mark.parametrize("count", [3, 25])
def test_site_map_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    for theme in ThemeFactory.create_batch(count):
        CommuniqueFactory(themes=[theme])
    with django_assert_max_num_queries(SITE_MAP_MAX_QUERIES):
        assert client.get("/plan-du-site/").status_code == 200


# Detail pages: share links and print button


@pytest.mark.parametrize("factory", FACTORIES)
def test_published_detail_pages_offer_share_links_and_a_print_button(client, factory):
    item = factory(title="Forum & rencontres")
    text = main_text(client.get(item.get_absolute_url()))
    url = f"https%3A%2F%2Fportail.example.org{item.get_absolute_url().replace('/', '%2F')}"
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={url}"' in text
    assert f"https://x.com/intent/post?url={url}&amp;text=Forum+%26+rencontres" in text
    assert f"https://www.linkedin.com/sharing/share-offsite/?url={url}" in text
    assert "mailto:?subject=Forum%20%26%20rencontres" in text
    for network in ("Facebook", "X", "LinkedIn"):
        assert (
            f'<span class="visually-hidden">Partager sur </span>{network}'
            '<span class="visually-hidden"> (nouvelle fenêtre)</span>'
        ) in text
    assert text.count('target="_blank" rel="noopener noreferrer"') == 3
    assert '<span class="visually-hidden">Partager par </span>e-mail</a>' in text
    assert "data-print hidden>Imprimer</button>" in text


@pytest.mark.parametrize("factory", FACTORIES)
def test_print_script_is_a_file_never_inline(client, factory):
    text = client.get(factory().get_absolute_url()).text
    assert '<script src="/static/cuf/js/print.js" defer></script>' in text
    # Only data blocks (JSON-LD, never run) may be inline.
    assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>", text)
    assert "onclick" not in text


def test_drafts_previewed_by_staff_have_no_share_links(staff_client):
    item = CommuniqueFactory(status=Status.DRAFT)
    text = main_text(staff_client.get(item.get_absolute_url()))
    assert "Brouillon" in text
    assert "facebook.com" not in text
    assert "Imprimer" not in text


# Detail pages: "Sur ces thèmes"


def test_related_block_stops_at_four_themes_and_lists_the_others(client):
    themes = [ThemeFactory(name=f"Thème {letter}") for letter in "ABCDEF"]
    item = CommuniqueFactory(themes=themes, published_at=days_from_now(-5))
    for theme in themes:
        NewsItemFactory(title=f"Après {theme.name}", themes=[theme], published_at=days_from_now(-1))
    block = related_block(client.get(item.get_absolute_url()))
    assert block.count('<section class="related-theme"') == 4
    assert all(f"Après Thème {letter}" in block for letter in "ABCD")
    assert "Après Thème E" not in block
    assert "Autres thèmes" in block and "Thème E" in block and "Thème F" in block


def test_items_published_at_the_same_instant_are_each_others_neighbours(client):
    theme = ThemeFactory()
    at = days_from_now(-2)
    first = CommuniqueFactory(title="Premier", themes=[theme], published_at=at)
    second = CommuniqueFactory(title="Deuxième", themes=[theme], published_at=at)
    third = CommuniqueFactory(title="Troisième", themes=[theme], published_at=at)
    # The same instant: then by type, then by id, so that none is skipped nor repeated.
    block = related_block(client.get(second.get_absolute_url()))
    assert "Précédent" in block and "Premier" in block
    assert "Suivant" in block and "Troisième" in block
    block = related_block(client.get(first.get_absolute_url()))
    assert "Précédent" not in block and "Suivant" in block and "Deuxième" in block
    block = related_block(client.get(third.get_absolute_url()))
    assert "Suivant" not in block and "Précédent" in block and "Deuxième" in block


def test_theme_without_other_content_says_so(client):
    item = NewsItemFactory(themes=[ThemeFactory(name="Solitaire")])
    assert "Aucun autre contenu publié sur ce thème." in related_block(
        client.get(item.get_absolute_url())
    )


# Identity: logotype, favicon, the home page's own heading


def test_header_shows_the_network_s_logotype_named_for_screen_readers(client, settings):
    settings.ORGANISATION = {**settings.ORGANISATION, "name": "Réseau Exemple"}
    text = client.get("/agenda/").text
    header = text[text.index('<header class="site-header">') : text.index("</header>")]
    logo = r'<img class="brand-logo" src="[^"]*logotype\.svg" alt="Réseau Exemple"'
    assert re.search(logo, header)
    assert f'<span class="brand-site">{settings.SITE_NAME}</span>' in header


def test_favicon_ico_is_an_icon_not_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")  # ICO header
    assert "max-age" in response["Cache-Control"]


def test_pages_name_their_icons(client):
    text = client.get("/").text
    assert '<link rel="icon" href="/favicon.ico"' in text
    assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg" type="image/svg\+xml">', text)


def test_home_heading_is_not_a_copy_of_the_site_name(client, settings):
    heading = re.search(r"<h1>(.*?)</h1>", client.get("/").text, re.S).group(1)
    assert heading and heading != settings.SITE_NAME
    assert "coopération décentralisée" in heading


def test_the_menu_button_is_hidden_until_its_script_runs_which_is_a_file(client):
    text = client.get("/").text
    assert re.search(
        r'<button type="button" class="menu-button" aria-expanded="true" '
        r'aria-controls="menu-principal" data-menu-button hidden>Menu</button>',
        text,
    )
    assert 'id="menu-principal"' in text
    assert re.search(r'<script src="[^"]*menu\.js"></script>', text)
    assert re.search(r"<script>", text) is None  # nothing inline: the CSP forbids it


@pytest.mark.parametrize("url", ["/mentions-legales/", "/accessibilite/", "/contact/"])
def test_information_pages_never_double_the_site_name_s_article(client, settings, url):
    settings.SITE_NAME = "Le portail de la coopération décentralisée"
    text = main_text(client.get(url))
    assert "« Le portail de la coopération décentralisée »" in text
    assert not re.search(r"\b(?:[Ll]e|au|du) Le portail", text)
