"""A table in an item's text, read on a phone (360 px) by a keyboard or screen-reader user:
a table whose words fit shows every column, whole words in each cell; a wider one scrolls
in a region the keyboard reaches; axe-core finds no scrollable region it cannot reach."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import NewsItemFactory

pytestmark = pytest.mark.django_db(transaction=True)

TABLE = (
    "<figure class='table'><table><thead><tr><th scope='col'>Financeur</th>"
    "<th scope='col'>Montant (€)</th><th scope='col'>Part</th></tr></thead><tbody>"
    "<tr><td>Département de la Drôme</td><td>44 000</td><td>40 %</td></tr>"
    "<tr><td>Agence de l’eau (dispositif « 1 % eau »)</td><td>38 500</td><td>35 %</td></tr>"
    "</tbody></table></figure>"
)


def test_a_table_fits_a_phone_and_leaves_no_unreachable_scrolling_region(live_server, new_page):
    item = NewsItemFactory(title="Qui paie quoi ?", body=f"<p>Le budget.</p>{TABLE}")
    page = new_page(width=360, height=740)
    page.goto(live_server.url + item.get_absolute_url())
    heading = page.get_by_role("columnheader", name="Part").bounding_box()
    text = page.locator(".prose").bounding_box()
    assert heading["x"] + heading["width"] <= text["x"] + text["width"]
    # Whole words: "Part" on one line, not "Pa" / "rt".
    lines = page.get_by_role("columnheader", name="Part").evaluate(
        "cell => { const range = document.createRange(); range.selectNodeContents(cell);"
        " return range.getClientRects().length; }"
    )
    assert lines == 1
    results = Axe().run(
        page, options={"runOnly": {"type": "rule", "values": ["scrollable-region-focusable"]}}
    )
    assert results.violations_count == 0, results.generate_snapshot()


def test_a_table_too_wide_for_a_phone_scrolls_in_a_region_the_keyboard_reaches(
    live_server, new_page
):
    heads = "".join(f"<th scope='col'>Indicateur numéro {n}</th>" for n in range(8))
    cells = "".join(f"<td>Valeur {n}</td>" for n in range(8))
    wide = (
        f"<figure class='table'><table><thead><tr>{heads}</tr></thead>"
        f"<tbody><tr>{cells}</tr></tbody></table></figure>"
    )
    item = NewsItemFactory(title="Huit indicateurs", body=f"<p>Les indicateurs.</p>{wide}")
    page = new_page(width=360, height=740)
    page.goto(live_server.url + item.get_absolute_url())
    region = page.get_by_role("region", name="Tableau, à faire défiler horizontalement")
    region.focus()
    assert region.evaluate("element => element === document.activeElement")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.prose figure.table').scrollLeft > 0", timeout=3000
    )
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    results = Axe().run(
        page, options={"runOnly": {"type": "rule", "values": ["scrollable-region-focusable"]}}
    )
    assert results.violations_count == 0, results.generate_snapshot()
