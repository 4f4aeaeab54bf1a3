"""The admin screens an editor uses, in Chromium: readable at 1280 px, usable by keyboard,
and without WCAG 2.1 A/AA violation (axe-core)."""

import re

import pytest
from django.contrib.auth.models import Group

from cuf import content_types
from cuf.accounts.roles import EDITORS, sync_roles
from tests.factories import ThemeFactory, factory_for

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "motdepasse-long-123"
LONG_TITLE = (
    "Assises de la coopération décentralisée franco-africaine : le programme complet des "
    "deux journées et les modalités d’inscription"
)


def _editor(django_user_model, username="redactrice"):
    sync_roles()
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def _log_in(page, live_server, username="redactrice"):
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/admin/")


def _changelist(config) -> str:
    opts = config.model._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/"


def test_every_list_fits_1280_px_and_its_theme_filter_has_no_unlabelled_entry(
    live_server, new_page, django_user_model
):
    _editor(django_user_model)
    themes = [ThemeFactory(name=name) for name in ("Climat et transition écologique", "Sahel")]
    for config in content_types.all_types():
        factory = factory_for(config)
        for n in range(3):
            factory(title=f"{LONG_TITLE} {n}", themes=themes)
    page = new_page(width=1280)
    _log_in(page, live_server)
    for config in content_types.all_types():
        page.goto(live_server.url + _changelist(config))
        overflow = page.evaluate(
            "() => { const t = document.querySelector('#result_list');"
            " return t.scrollWidth - t.parentElement.clientWidth; }"
        )
        assert overflow <= 0, (config.label_plural, overflow)
        # Every column is on screen, the last one included.
        last = page.locator("#result_list tbody tr").first.locator("td").last
        box = last.bounding_box()
        assert box["x"] + box["width"] <= 1280
        title_cell = page.locator("#result_list tbody th").first.bounding_box()
        assert title_cell["width"] >= 180, config.label_plural
        filters = page.locator("#changelist-filter").inner_text().splitlines()
        assert "-" not in [line.strip() for line in filters]
        assert "Sans thème" in filters


def test_copy_link_button_copies_the_preview_address_by_keyboard_and_says_so(
    live_server, new_page, django_user_model
):
    editor = _editor(django_user_model)
    draft = factory_for(content_types.all_types()[0])(draft=True, author=editor)
    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    _log_in(page, live_server)
    opts = draft._meta
    page.goto(f"{live_server.url}/admin/{opts.app_label}/{opts.model_name}/{draft.pk}/change/")
    button = page.get_by_role("button", name="Copier le lien")
    button.focus()
    page.keyboard.press("Enter")
    status = page.get_by_role("status")
    status.filter(has_text="Lien copié").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    href = page.locator(".cuf-preview-link").get_attribute("href")
    assert copied == live_server.url + href
    assert "/apercu/" in copied
    # The copied address opens the draft for someone without an account.
    outsider = new_page()
    outsider.goto(copied)
    assert outsider.get_by_role("heading", level=1).inner_text() == draft.title


WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def test_editor_screens_have_no_wcag_violation(live_server, new_page, django_user_model):
    from axe_playwright_python.sync_playwright import Axe
    from reversion.models import Version

    editor = _editor(django_user_model)
    config = content_types.all_types()[0]
    item = factory_for(config)(title="Communiqué à relire", author=editor, draft=True)
    page = new_page(width=1280)
    _log_in(page, live_server)
    base = _changelist(config)
    # Two saves from the form give two versions to compare.
    for title in ("Communiqué relu", "Communiqué relu deux fois"):
        page.goto(f"{live_server.url}{base}{item.pk}/change/")
        page.locator("#id_title").fill(title)
        page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
        page.wait_for_load_state()
    versions = Version.objects.get_for_object(item)
    screens = [
        "/admin/",
        base,
        f"{base}add/",
        f"{base}{item.pk}/change/",
        f"{base}{item.pk}/history/",
        f"{base}{item.pk}/history/compare/?version_id1={versions.last().pk}"
        f"&version_id2={versions.first().pk}",
    ]
    axe = Axe()
    found = {}
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        for path in screens:
            page.goto(live_server.url + path)
            results = axe.run(page, options=WCAG_21_AA)
            if results.violations_count:
                found[(width, path)] = results.generate_report()
    assert found == {}, "\n".join(f"{key}: {report}" for key, report in found.items())


def test_documents_are_reordered_by_dragging_and_the_order_is_saved(
    live_server, new_page, django_user_model
):
    from communiques.models import Communique
    from tests.factories import AttachmentFactory

    editor = _editor(django_user_model)
    communique = factory_for(content_types.for_model(Communique))(author=editor)
    for n, title in enumerate(("Programme", "Compte rendu", "Annexe"), start=1):
        AttachmentFactory(item=communique, title=title, position=n)
    page = new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/communiques/communique/{communique.pk}/change/")
    rows = page.locator("#documents-group .inline-related.has_original")
    # The last document dragged by its handle past the one above it. (Moving to the top
    # by keyboard, with "Monter", is tests/e2e/test_document_order.py.)
    rows.nth(2).locator(".cuf-drag-handle").drag_to(
        rows.nth(1).locator("h3"), target_position={"x": 5, "y": 2}
    )
    page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    page.wait_for_load_state()
    titles = list(communique.attachments.order_by("position").values_list("title", flat=True))
    assert titles == ["Programme", "Annexe", "Compte rendu"]
    # No script was refused by the Content-Security-Policy on the way.
    assert not [m for m in messages if "Content Security Policy" in m]
    # Visitors get the same order.
    visitor = new_page()
    visitor.goto(live_server.url + communique.get_absolute_url())
    links = visitor.locator("main a", has_text=re.compile("Programme|Compte rendu|Annexe"))
    assert [links.nth(i).inner_text().split("\n")[0] for i in range(3)] == titles
