"""The header on a phone and on a desktop: the logotype, and the menu behind a button
that works with the keyboard and tells screen readers its state."""

import pytest

from tests.factories import CommuniqueFactory

pytestmark = pytest.mark.django_db(transaction=True)

NARROW, WIDE = 360, 1280


def focused(page) -> str:
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return e.id || e.getAttribute('aria-label') || e.textContent.trim(); })()"
    )


def nav_link(page, name: str):
    navigation = page.get_by_role("navigation", name="Navigation principale")
    return navigation.get_by_role("link", name=name, exact=True)


def policy_violations(page) -> list[str]:
    messages = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return messages


def test_on_a_phone_the_header_is_short_and_the_menu_opens_and_closes_by_keyboard(
    live_server, new_page
):
    CommuniqueFactory(title="Un communiqué")
    page = new_page(width=NARROW, height=740)
    violations = policy_violations(page)
    page.goto(live_server.url + "/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 120, header
    assert page.get_by_role("img", name="Cités Unies France").is_visible()

    menu = page.get_by_role("button", name="Menu")
    assert menu.is_visible()
    assert menu.get_attribute("aria-expanded") == "false"
    assert menu.get_attribute("aria-controls") == "menu-principal"
    assert not page.get_by_role("searchbox", name="Rechercher").is_visible()
    assert not nav_link(page, "Agenda").is_visible()

    # Skip link, logotype (the link home), then the menu button.
    for expected in (
        page.get_by_role("link", name="Aller au contenu"),
        page.get_by_role("link", name="Cités Unies France"),
        menu,
    ):
        page.keyboard.press("Tab")
        assert expected.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert focused(page) == "recherche-q"
    assert nav_link(page, "Agenda").is_visible()

    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert focused(page) == "Menu"
    assert not page.get_by_role("searchbox", name="Rechercher").is_visible()

    page.keyboard.press("Space")
    assert menu.get_attribute("aria-expanded") == "true"
    menu.click()
    assert menu.get_attribute("aria-expanded") == "false"
    assert violations == []


def test_on_a_desktop_search_and_navigation_show_without_a_menu_button(live_server, new_page):
    page = new_page(width=WIDE)
    page.goto(live_server.url + "/")
    assert not page.get_by_role("button", name="Menu").is_visible()
    assert page.get_by_role("searchbox", name="Rechercher").is_visible()
    assert nav_link(page, "Agenda").is_visible()


def test_without_javascript_the_menu_stays_open_and_no_button_shows(live_server, browser):
    context = browser.new_context(
        viewport={"width": NARROW, "height": 740}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator("[data-menu-button]").is_hidden()
    assert nav_link(page, "Agenda").is_visible()
    context.close()
