"""Every admin screen an editor or a moderator uses, on a 360 px phone: the page never
scrolls sideways, and what was out of reach (a document's file and delete box, a list's
last columns, the theme box beside the bulk action) is on screen."""

import pytest
from django.contrib.auth.models import Group
from reversion.models import Version

from cuf import content_types
from cuf.accounts.roles import EDITORS, MODERATORS, sync_roles
from tests.factories import AttachmentFactory, ThemeFactory, factory_for

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "motdepasse-long-123"
LONG_TITLE = (
    "Assises de la coopération décentralisée franco-africaine : le programme complet des "
    "deux journées et les modalités d’inscription"
)
PHONE = 360


def _account(django_user_model, username, role):
    sync_roles()
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def _log_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/admin/")


def _admin_url(obj, view="change") -> str:
    opts = obj._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/"
    return base if view == "list" else f"{base}{obj.pk}/{view}/"


def _sideways(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def _content(django_user_model):
    editor = _account(django_user_model, "redactrice", EDITORS)
    _account(django_user_model, "moderateur", MODERATORS)
    themes = [ThemeFactory(name=name) for name in ("Climat et transition écologique", "Sahel")]
    items = []
    for config in content_types.all_types():
        item = factory_for(config)(title=LONG_TITLE, themes=themes, author=editor)
        items.append(item)
    return items, themes


def test_every_editor_screen_fits_a_phone_without_sideways_scrolling(
    live_server, new_page, django_user_model
):
    items, _themes = _content(django_user_model)
    communique = items[0]
    for n, title in enumerate(("Programme détaillé des deux journées", "Fiche"), start=1):
        AttachmentFactory(item=communique, title=title, position=n)
    page = new_page(width=PHONE)
    _log_in(page, live_server, "redactrice")
    # Two saves from the form give two versions to compare.
    for title in (f"{LONG_TITLE} (relu)", f"{LONG_TITLE} (relu deux fois)"):
        page.goto(live_server.url + _admin_url(communique))
        page.locator("#id_title").fill(title)
        page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
        page.wait_for_load_state()
    versions = Version.objects.get_for_object(communique)
    screens = ["/admin/"]
    for item in items:
        list_url = _admin_url(item, "list")
        screens += [list_url, f"{list_url}add/", _admin_url(item), _admin_url(item, "history")]
        screens.append(f"{list_url}recover/")
    screens.append(
        _admin_url(communique, "history")
        + f"compare/?version_id1={versions.last().pk}&version_id2={versions.first().pk}"
    )
    wide = {}
    for path in screens:
        page.goto(live_server.url + path)
        page.wait_for_load_state()
        if _sideways(page) > PHONE:
            wide[path] = _sideways(page)
    assert wide == {}

    # A communiqué's documents: every field, the format and the delete box on screen.
    page.goto(live_server.url + _admin_url(communique))
    for selector in (
        "#id_documents-0-title",
        "#id_documents-0-file",
        "#id_documents-0-DELETE",
        "#documents-0 .field-file_info",
    ):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE, selector
    assert page.get_by_label("Supprimer ce document").count() == 2

    # A list: each row a card, its values named; the theme box below the bulk action.
    page.goto(live_server.url + _admin_url(communique, "list"))
    row = page.locator("#result_list tbody tr").first
    for cell in row.locator("td, th").all():
        box = cell.bounding_box()
        assert box["x"] + box["width"] <= PHONE
    assert row.locator("td.field-state_badge").get_attribute("data-label") == "Statut"
    action = page.locator("select[name=action]").bounding_box()
    theme = page.locator("select[name=theme]").bounding_box()
    assert theme["width"] >= 200 and action["width"] >= 200


def test_every_moderator_screen_fits_a_phone_without_sideways_scrolling(
    live_server, new_page, django_user_model
):
    items, themes = _content(django_user_model)
    page = new_page(width=PHONE)
    _log_in(page, live_server, "moderateur")
    screens = [
        "/admin/",
        "/admin/cuf/theme/",
        "/admin/cuf/theme/add/",
        _admin_url(themes[0]),
        "/admin/cuf/theme/untagged/",
        "/admin/cuf/themeredirect/",
        *[_admin_url(item) for item in items],
        *[_admin_url(item, "list") for item in items],
    ]
    wide = {}
    for path in screens:
        page.goto(live_server.url + path)
        page.wait_for_load_state()
        if _sideways(page) > PHONE:
            wide[path] = _sideways(page)
    # Merging: the confirmation page the action leads to.
    page.goto(live_server.url + "/admin/cuf/theme/")
    for theme in themes:
        page.locator(f"input.action-select[value='{theme.pk}']").check()
    page.locator("select[name=action]").select_option("merge_themes")
    page.get_by_role("button", name="Envoyer").click()
    page.wait_for_load_state()
    assert "Fusionner" in page.locator("h1").inner_text()
    if _sideways(page) > PHONE:
        wide["merge"] = _sideways(page)
    assert wide == {}
