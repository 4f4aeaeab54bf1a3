"""After a form error, in Chromium at 1280 and 360 px: the page says which chosen file
must be picked again (browsers never keep it), and required fields are marked."""

import pytest

from cuf.accounts.roles import EDITORS
from tests.e2e.helpers import log_in, sideways, staff_account
from tests.files import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1280, 360])
def test_an_image_chosen_before_an_error_is_asked_for_again(
    live_server, new_page, django_user_model, width, tmp_path
):
    staff_account(django_user_model, "redactrice", EDITORS)
    picture = tmp_path / "atelier-sahel.png"
    picture.write_bytes(image_bytes("PNG", (64, 48)))
    page = new_page(width=width)
    log_in(page, live_server, "redactrice")
    page.goto(f"{live_server.url}/admin/actualites/newsitem/add/")
    # Required fields carry the mark the legend explains.
    assert page.get_by_text(
        "Les champs marqués d’un astérisque (*) sont obligatoires."
    ).is_visible()
    mark = page.locator('label[for="id_title"]').evaluate(
        "label => getComputedStyle(label, '::after').content"
    )
    assert "*" in mark
    page.locator("#id_title").fill("Retour sur l’atelier Sahel")
    page.locator("#id_image").set_input_files(str(picture))
    # Saved without the image's text alternative: refused.
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    summary = page.locator(".cuf-repick-summary")
    assert "choisissez à nouveau « atelier-sahel.png »" in summary.inner_text()
    notice = page.locator(".field-image .cuf-repick")
    assert "« atelier-sahel.png » n’a pas été enregistré" in notice.inner_text()
    assert notice.is_visible()
    assert sideways(page) <= 0
    page.screenshot(path=f"/tmp/shots/repick-{width}.png", full_page=True)
    # Picked again with its alternative: saved with the image.
    page.locator("#id_image").set_input_files(str(picture))
    page.locator("#id_image_alt").fill("Des élus autour d’une carte du Sahel")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    assert "a été ajoutée" in page.locator(".messagelist").inner_text()
