""" "Prévisualiser" in Chromium at 1280 and 360 px: the public page as the form is
filled opens in a new tab, with a banner saying nothing is saved; the form keeps its
state and the item stays as it was."""

import pytest

from cuf.accounts.roles import EDITORS
from tests.e2e.helpers import log_in, sideways, staff_account
from tests.factories import NewsItemFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1280, 360])
def test_previewing_the_form_opens_its_page_without_saving(
    live_server, new_page, django_user_model, width
):
    staff_account(django_user_model, "redactrice", EDITORS)
    item = NewsItemFactory(title="Titre enregistré", draft=True)
    page = new_page(width=width)
    log_in(page, live_server, "redactrice")
    page.goto(f"{live_server.url}/admin/actualites/newsitem/{item.pk}/change/")
    page.locator("#id_title").fill("Titre en cours d’écriture")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Prévisualiser").click()
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.get_by_role("heading", level=1).inner_text() == "Titre en cours d’écriture"
    assert "Aperçu des modifications non enregistrées" in preview.locator("main").inner_text()
    assert sideways(preview) <= 0
    preview.screenshot(path=f"/tmp/shots/form-preview-{width}.png")
    # The form still holds what was typed; nothing was saved.
    assert page.locator("#id_title").input_value() == "Titre en cours d’écriture"
    item.refresh_from_db()
    assert item.title == "Titre enregistré"
