"""The breadcrumb trail ("Fil d’Ariane") on every page below the home page, and its
BreadcrumbList: what a visitor and a search engine read, for every registered type."""

import json
import re

import pytest
from django.conf import settings

from cuf import content_types
from tests.factories import ResourceFactory, ThemeFactory, factory_for
from tests.helpers import main_text

pytestmark = pytest.mark.django_db

TYPES = content_types.all_types()


def trail(response) -> list[tuple[str, str | None, bool]]:
    """(label, href or None, is the current page) of each crumb, in order."""
    nav = re.search(
        r'<nav class="breadcrumb" aria-label="Fil d’Ariane">(.*?)</nav>', response.text, re.S
    )
    assert nav, "the page has no breadcrumb trail"
    assert "<ol>" in nav.group(1)
    crumbs = []
    for attributes, label in re.findall(r"<li><a([^>]*)>(.*?)</a></li>", nav.group(1), re.S):
        href = re.search(r'href="([^"]*)"', attributes)
        crumbs.append((label, href.group(1) if href else None, 'aria-current="page"' in attributes))
    return crumbs


def breadcrumb_list(response) -> list[tuple[int, str, str]]:
    for payload in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S
    ):
        data = json.loads(payload)
        if data.get("@type") == "BreadcrumbList":
            return [(e["position"], e["name"], e["item"]) for e in data["itemListElement"]]
    raise AssertionError("no BreadcrumbList")


def assert_current_is_last_and_only(crumbs):
    assert [current for *_rest, current in crumbs] == [False] * (len(crumbs) - 1) + [True]
    assert crumbs[-1][1] is None  # the page itself is not a link to itself


@pytest.mark.parametrize("config", TYPES, ids=[c.key for c in TYPES])
def test_every_types_list_and_items_have_a_trail_from_the_navigation(client, config):
    item = factory_for(config)(title="Un élément à lire")
    response = client.get(config.list_url)
    crumbs = trail(response)
    assert [label for label, *_ in crumbs] == ["Accueil", config.section_label]
    assert crumbs[0][1] == "/"
    assert_current_is_last_and_only(crumbs)

    response = client.get(item.get_absolute_url())
    crumbs = trail(response)
    labels = [label for label, *_ in crumbs]
    assert labels[:2] == ["Accueil", config.section_label]
    assert labels[-1] == "Un élément à lire"
    assert crumbs[1][1] == config.list_url
    assert_current_is_last_and_only(crumbs)
    positions = breadcrumb_list(response)
    assert [name for _, name, _ in positions] == labels
    assert [position for position, *_ in positions] == list(range(1, len(labels) + 1))
    # On the configured site address, never the request's host (tests: testserver).
    assert positions[0][2] == f"{settings.SITE_URL}/"
    assert positions[-1][2] == f"{settings.SITE_URL}{item.get_absolute_url()}"


def test_the_home_page_has_no_trail(client):
    response = client.get("/")
    assert 'aria-label="Fil d’Ariane"' not in response.text
    assert "BreadcrumbList" not in response.text


def test_a_resource_sits_under_its_kind(client):
    resource = ResourceFactory(title="Guide du jumelage")
    kind_url = f"/ressources/{resource.kind}/"
    crumbs = trail(client.get(resource.get_absolute_url()))
    assert [(label, href) for label, href, _ in crumbs] == [
        ("Accueil", "/"),
        ("Centre de ressources", "/ressources/"),
        (resource.get_kind_display(), kind_url),
        ("Guide du jumelage", None),
    ]
    crumbs = trail(client.get(kind_url))
    assert [label for label, *_ in crumbs] == [
        "Accueil",
        "Centre de ressources",
        resource.get_kind_display(),
    ]
    assert_current_is_last_and_only(crumbs)


def test_themes_search_past_events_and_information_pages_have_trails(client):
    theme = ThemeFactory(name="Jeunesse")
    expected = {
        "/themes/": ["Accueil", "Thèmes"],
        theme.get_absolute_url(): ["Accueil", "Thèmes", "Jeunesse"],
        "/recherche/?q=jumelage": ["Accueil", "Recherche"],
        "/agenda/?periode=passes": ["Accueil", "Agenda", "Événements passés"],
        "/mentions-legales/": ["Accueil", "Mentions légales"],
        "/accessibilite/": ["Accueil", "Déclaration d’accessibilité"],
        "/contact/": ["Accueil", "Contact"],
        "/plan-du-site/": ["Accueil", "Plan du site"],
    }
    for url, labels in expected.items():
        response = client.get(url)
        # First in the main part, where "Aller au contenu" leads.
        assert main_text(response).split(">", 2)[1].strip().startswith('<nav class="breadcrumb"')
        crumbs = trail(response)
        assert [label for label, *_ in crumbs] == labels, url
        assert_current_is_last_and_only(crumbs)


def test_a_title_is_escaped_in_the_trail_and_its_json(client):
    config = content_types.for_key("communiques")
    item = factory_for(config)(title="Tom & Jerry </script><b>")
    response = client.get(item.get_absolute_url())
    assert trail(response)[-1][0] == "Tom &amp; Jerry &lt;/script&gt;&lt;b&gt;"
    assert breadcrumb_list(response)[-1][1] == "Tom & Jerry </script><b>"
