"""The editorial home lists the team's drafts: a colleague's draft, its author and its last
change are on the home page, at 1280 px and on a 360 px phone."""

import pytest

from cuf.accounts.roles import EDITORS
from tests.e2e.helpers import log_in, sideways, staff_account
from tests.factories import EventFactory, NewsItemFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1280, 360])
def test_a_colleagues_draft_is_on_the_home_page_with_its_author(
    live_server, new_page, django_user_model, width
):
    me = staff_account(django_user_model, "redactrice", EDITORS)
    colleague = staff_account(django_user_model, "awa", EDITORS)
    colleague.first_name, colleague.last_name = "Awa", "Diop"
    colleague.save()
    NewsItemFactory(title="Bilan des jumelages au Sénégal", draft=True, author=colleague)
    EventFactory(title="Mon atelier en préparation", draft=True, author=me)
    page = new_page(width=width)
    log_in(page, live_server, "redactrice")

    team = page.locator("section", has=page.get_by_role("heading", name="Brouillons de l’équipe"))
    entry = team.get_by_role("listitem").filter(has_text="Bilan des jumelages au Sénégal")
    assert "par Awa Diop" in entry.inner_text()
    assert "modifiée le" in entry.inner_text()
    assert "Mon atelier en préparation" not in team.inner_text()
    assert entry.is_visible()
    assert sideways(page) <= 0
    page.screenshot(path=f"/tmp/shots/home-team-{width}.png", full_page=True)
    # The draft opens from there.
    entry.get_by_role("link").click()
    assert page.locator("#id_title").input_value() == "Bilan des jumelages au Sénégal"
