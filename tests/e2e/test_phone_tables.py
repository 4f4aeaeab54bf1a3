"""A table in an item's text, read on a phone (360 px) by a keyboard or screen-reader user:
every column shows within the screen, and axe-core finds no scrollable region that the
keyboard cannot reach."""

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
    results = Axe().run(
        page, options={"runOnly": {"type": "rule", "values": ["scrollable-region-focusable"]}}
    )
    assert results.violations_count == 0, results.generate_snapshot()
