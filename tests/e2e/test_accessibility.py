"""axe-core, run in Chromium, finds no WCAG 2.1 A/AA violation on the public pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from cuf.demo import load_demo
from search.indexing import rebuild_index

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

PAGES = [
    "/",
    "/communiques/",
    "/communiques/webinaire-cooperation-decentralisee-crise-sanitaire/",
    "/agenda/",
    "/agenda/?periode=passes",
    "/agenda/rencontres-franco-japonaises/",
    "/actualites/",
    "/actualites/atelier-dynamique-sahel/",
    "/actualites/chroniques-geopolitiques-saison-4/",
    "/ressources/",
    "/ressources/photo/",
    "/ressources/photo-forage-communal-sahel/",
    "/ressources/podcast-jeunes-volontaires/",
    "/ressources/video-rencontres-franco-japonaises/",
    "/ressources/guide-cooperer-pour-le-climat/",
    "/themes/",
    "/themes/japon/",
    "/ressources/photo-delegation-japonaise/",
    "/mentions-legales/",
    "/accessibilite/",
    "/plan-du-site/",
    "/contact/",
    "/recherche/?q=cooperation",
    "/recherche/?q=zzzzzz",
    "/page-qui-n-existe-pas/",
]


@pytest.fixture
def demo_site(live_server):
    load_demo()
    rebuild_index()
    return live_server


@pytest.mark.parametrize("width", [1280, 360])
def test_public_pages_have_no_wcag_violation(demo_site, new_page, width):
    page = new_page(width=width)
    axe = Axe()
    found = {}
    for path in PAGES:
        page.goto(demo_site.url + path)
        results = axe.run(page, options=WCAG_21_AA)
        if results.violations_count:
            found[path] = results.generate_snapshot()
    assert found == {}
