"""What the admin says after key actions, in Chromium at 1280 and 360 px: a scheduled item
says when it goes online (Paris time), and the merge screen says what merging into the
theme chosen will do, moved or not."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from cuf.accounts.roles import EDITORS, MODERATORS
from cuf.admin.wording import moment
from tests.e2e.helpers import log_in, sideways, staff_account
from tests.factories import CommuniqueFactory, NewsItemFactory, ThemeFactory

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [1280, 360]


@pytest.mark.parametrize("width", WIDTHS)
def test_scheduling_says_the_day_and_hour_in_paris_time(
    live_server, new_page, django_user_model, width
):
    staff_account(django_user_model, "redactrice", EDITORS)
    item = NewsItemFactory(title="Appel à projets", draft=True)
    when = (datetime.datetime.now(ZoneInfo("Europe/Paris")) + datetime.timedelta(days=3)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    page = new_page(width=width)
    log_in(page, live_server, "redactrice")
    page.goto(f"{live_server.url}/admin/actualites/newsitem/{item.pk}/change/")
    page.locator("#id_status").select_option("published")
    page.locator("#id_published_at_0").fill(when.strftime("%d/%m/%Y"))
    page.locator("#id_published_at_1").fill("09:00")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    message = page.locator(".messagelist").inner_text()
    assert (
        f"L’actualité « Appel à projets » a été programmée pour le {moment(when)} "
        "(heure de Paris)." in message
    )
    assert "à 9 h" in message
    assert sideways(page) <= 0
    page.screenshot(path=f"/tmp/shots/scheduled-{width}.png")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_merge_screen_says_what_merging_into_the_chosen_theme_moves(
    live_server, new_page, django_user_model, width
):
    staff_account(django_user_model, "moderateur", MODERATORS)
    covid, corona = ThemeFactory(name="COVID-19"), ThemeFactory(name="Coronavirus")
    for _ in range(2):
        CommuniqueFactory(themes=[covid, corona])
    CommuniqueFactory(themes=[covid])
    page = new_page(width=width)
    log_in(page, live_server, "moderateur")
    page.goto(f"{live_server.url}/admin/cuf/theme/")
    for name in ("COVID-19", "Coronavirus"):
        page.locator("tr", has_text=name).locator("input.action-select").check()
    page.locator("select[name=action]").select_option("merge_themes")
    page.get_by_role("button", name="Envoyer").click()
    summary = page.locator(".cuf-merge-summary")
    assert "rien ne sera déplacé" in summary.inner_text()
    assert "passer" not in summary.inner_text()
    page.screenshot(path=f"/tmp/shots/merge-{width}.png", full_page=True)
    # Choosing the other theme: its sentence replaces the proposed one.
    page.get_by_label("Coronavirus").check()
    assert "1 passera sous « Coronavirus » et 2 l’ont déjà" in summary.inner_text()
    assert "rien ne sera déplacé" not in summary.inner_text()
    assert sideways(page) <= 0
    page.get_by_label("COVID-19").check()
    page.get_by_role("button", name="Fusionner").click()
    assert "aucun contenu déplacé, tous avaient déjà ce thème" in (
        page.locator(".messagelist").inner_text()
    )
