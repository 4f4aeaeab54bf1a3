"""axe-core with the WCAG 2.2 A/AA rules finds no violation on any screen an editor, a
moderator or whoever manages accounts uses, at 1280 and 360 px: the home page, every
type's list, add and change forms, history, comparison, restore and recovery, deletion,
the themes, their merge and former addresses, the team members."""

import pytest
from django.contrib.auth.models import Permission

from cuf.accounts.roles import EDITORS, MODERATORS
from tests.admin_screens import editor_screens, moderator_screens, screens_content, team_screens
from tests.e2e.helpers import log_in, staff_account

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_22_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
    }
}
WIDTHS = [1280, 360]


def _violations(page, live_server, screens) -> dict:
    from axe_playwright_python.sync_playwright import Axe

    axe, found = Axe(), {}
    for path in screens:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        results = axe.run(page, options=WCAG_22_AA)
        if results.violations_count:
            found[path] = [
                f"{violation['id']}: {[node['target'] for node in violation['nodes']][:4]}"
                for violation in results.response["violations"]
            ]
    return found


def _report(found) -> str:
    return "\n".join(f"{path}: {' | '.join(lines)}" for path, lines in found.items())


@pytest.mark.parametrize("width", WIDTHS)
def test_editor_screens_have_no_wcag_22_violation(
    live_server, new_page, django_user_model, superuser_client, width
):
    items, _theme, _other = screens_content(superuser_client)
    staff_account(django_user_model, "redactrice", EDITORS)
    page = new_page(width=width)
    log_in(page, live_server, "redactrice")
    found = _violations(page, live_server, editor_screens(items))
    assert found == {}, _report(found)


@pytest.mark.parametrize("width", WIDTHS)
def test_moderator_screens_have_no_wcag_22_violation(
    live_server, new_page, django_user_model, superuser_client, width
):
    items, theme, other = screens_content(superuser_client)
    staff_account(django_user_model, "moderateur", MODERATORS)
    page = new_page(width=width)
    log_in(page, live_server, "moderateur")
    screens = moderator_screens(items, theme)
    found = _violations(page, live_server, screens)
    # The merge screen, reached as moderators do: two themes ticked, the action sent.
    page.goto(f"{live_server.url}/admin/cuf/theme/")
    for name in ("Jeunesse", "Sahel et Sahara"):
        page.locator("tr", has_text=name).locator("input.action-select").check()
    page.locator("select[name=action]").select_option("merge_themes")
    page.get_by_role("button", name="Envoyer").click()
    page.wait_for_load_state("load")
    from axe_playwright_python.sync_playwright import Axe

    merge = Axe().run(page, options=WCAG_22_AA)
    if merge.violations_count:
        found["merge"] = [v["id"] for v in merge.response["violations"]]
    assert found == {}, _report(found)


@pytest.mark.parametrize("width", WIDTHS)
def test_team_member_screens_have_no_wcag_22_violation(
    live_server, new_page, django_user_model, width
):
    manager = staff_account(django_user_model, "gestionnaire", EDITORS)
    manager.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="auth", codename__in=["add_user", "change_user", "view_user"]
        )
    )
    member = staff_account(django_user_model, "awa", MODERATORS)
    page = new_page(width=width)
    log_in(page, live_server, "gestionnaire")
    found = _violations(page, live_server, team_screens(member))
    assert found == {}, _report(found)


def test_the_untagged_list_on_a_phone_leaves_each_link_a_target_big_enough(
    live_server, new_page, django_user_model
):
    from axe_playwright_python.sync_playwright import Axe

    from tests.factories import EventFactory

    for title in ("Webinaire : l’eau", "Forum des jumelages", "Conseil d’administration"):
        EventFactory(title=title)
    staff_account(django_user_model, "moderateur", MODERATORS)
    page = new_page(width=360, height=740)
    log_in(page, live_server, "moderateur")
    page.goto(f"{live_server.url}/admin/cuf/theme/sans-theme/")
    assert page.get_by_role("link", name="Forum des jumelages").is_visible()
    results = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["target-size"]}})
    assert results.violations_count == 0, results.generate_snapshot()
