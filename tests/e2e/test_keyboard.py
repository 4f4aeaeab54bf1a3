"""A visitor with the keyboard only: home, a communiqué, the agenda and search.

Every control a page shows is reached by Tab, once, in the order of the page (header,
content, sidebars, footer), each with a visible focus indicator; the skip link leads to
the content; on a phone the menu button opens and closes the menu.
"""

import pytest

from cuf.demo import load_demo
from search.indexing import rebuild_index

pytestmark = pytest.mark.django_db(transaction=True)

COMMUNIQUE = "/communiques/webinaire-cooperation-decentralisee-crise-sanitaire/"

# The controls a visitor can reach, visible ones only, in the document's order; each
# described by where it is (its landmark) and its text.
CONTROLS_JS = """() => {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const visible = (e) => e.getClientRects().length > 0
    && getComputedStyle(e).visibility !== 'hidden';
  return [...document.querySelectorAll(selector)]
    .filter((e) => e.tabIndex >= 0 && !e.disabled && visible(e))
    .map((e) => window.describe(e));
}"""

DESCRIBE_JS = """() => {
  window.describe = (e) => {
    const region = e.closest('header, main, aside, footer');
    const name = (e.getAttribute('aria-label') || e.innerText || e.value || e.id
      || (e.querySelector('img') && e.querySelector('img').alt) || '').trim();
    return `${region ? region.localName : 'body'}: ${e.localName} ${name}`;
  };
}"""

FOCUS_JS = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== 'none';
  const box = e.getBoundingClientRect();
  const inView = box.bottom > 0 && box.top < window.innerHeight && box.width > 0;
  return {control: window.describe(e), ring, inView};
}"""

REGIONS = ["body", "header", "main", "aside", "footer"]


@pytest.fixture
def demo_site(live_server):
    load_demo()
    rebuild_index()
    return live_server


def tab_through(page) -> list[str]:
    """Tab from the top of the page through every control; each must show its focus."""
    page.evaluate(DESCRIBE_JS)
    expected = page.evaluate(CONTROLS_JS)
    assert expected, "the page has no control"
    reached = []
    for _ in expected:
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        assert focus["ring"], f"no visible focus on {focus['control']}"
        assert focus["inView"], f"{focus['control']} is focused out of sight"
        reached.append(focus["control"])
    assert reached == expected
    # Header, content, sidebars, footer: never back to an earlier part of the page.
    regions = [REGIONS.index(control.split(":")[0]) for control in reached]
    assert regions == sorted(regions), reached
    return reached


def test_keyboard_reaches_every_control_in_order_with_a_visible_focus(demo_site, page):
    for path in ("/", COMMUNIQUE, "/agenda/"):
        page.goto(demo_site.url + path)
        reached = tab_through(page)
        assert reached[0] == "body: a Aller au contenu"
        assert any(control.startswith("main:") for control in reached)
        assert any(control.startswith("footer:") for control in reached)

    # Search: from the header's box, typed and sent with the keyboard.
    page.goto(demo_site.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "recherche-q"
    page.keyboard.type("coopération")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche/?q=*")
    reached = tab_through(page)
    assert any(control.startswith("aside: a Communiqué") for control in reached)


@pytest.mark.parametrize("path", ["/", COMMUNIQUE, "/agenda/", "/recherche/?q=cooperation"])
def test_the_skip_link_leads_to_the_content(demo_site, page, path):
    page.goto(demo_site.url + path)
    page.keyboard.press("Tab")
    assert page.get_by_role("link", name="Aller au contenu").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    page.keyboard.press("Tab")
    page.evaluate(DESCRIBE_JS)
    assert page.evaluate("window.describe(document.activeElement)").startswith("main:")


def test_on_a_phone_the_menu_button_opens_and_closes_the_menu(demo_site, new_page):
    page = new_page(width=360, height=740)
    page.goto(demo_site.url + COMMUNIQUE)
    reached = tab_through(page)
    # Closed: the search box and the sections are not in the way.
    assert "header: button Menu" in reached
    assert not any("recherche-q" in control for control in reached)

    page.goto(demo_site.url + COMMUNIQUE)
    menu = page.get_by_role("button", name="Menu")
    while not menu.evaluate("element => element === document.activeElement"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "recherche-q"
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert menu.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Enter")  # the button still has the focus: it closes again
    assert menu.get_attribute("aria-expanded") == "false"
