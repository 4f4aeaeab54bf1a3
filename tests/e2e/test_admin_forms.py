"""The editors' forms in Chromium at 1280 and 360 px: a long title reads whole, a
resource shows the fields of its kind, moderators read lists with their bullets, and one
sentence (not a note under every date) says that times are Paris times, even for staff
whose computer is in Dakar."""

import pytest

from cuf.accounts.roles import EDITORS, MODERATORS
from tests.e2e.conftest import CHROMIUM
from tests.e2e.helpers import log_in, sideways, staff_account
from tests.factories import NewsItemFactory, ResourceFactory

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [1280, 360]
LONG_TITLE = (
    "Assises de la coopération décentralisée franco-africaine : le programme complet des "
    "deux journées et les modalités d’inscription"
)


def _page(browser, width, timezone="Europe/Paris"):
    if not CHROMIUM.exists():
        pytest.skip("Chromium introuvable")
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="fr-FR", timezone_id=timezone
    )
    return context.new_page()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_long_title_reads_whole_and_examples_differ(
    live_server, new_page, django_user_model, width
):
    staff_account(django_user_model, "redactrice", EDITORS)
    page = new_page(width=width)
    log_in(page, live_server, "redactrice")
    page.goto(f"{live_server.url}/admin/communiques/communique/add/")
    title = page.locator("#id_title")
    title.fill(LONG_TITLE)
    box = title.bounding_box()
    form = page.locator("#content-main").bounding_box()
    # At 1280 px the box takes most of the form's width (Django's is 340 px); on a phone,
    # the whole width, without making the page scroll sideways.
    assert box["width"] >= (600 if width == 1280 else form["width"] * 0.8)
    assert sideways(page) <= 0
    surtitre = page.locator("#id_surtitre_helptext").inner_text()
    issuer = page.locator("#id_issuer_helptext").inner_text()
    assert "MEAE/DAECT" in issuer and "MEAE/DAECT" not in surtitre
    page.screenshot(path=f"/tmp/shots/communique-add-{width}.png")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_resource_shows_the_fields_of_its_kind(live_server, browser, django_user_model, width):
    staff_account(django_user_model, "redactrice", EDITORS)
    page = _page(browser, width)
    log_in(page, live_server, "redactrice")
    page.goto(f"{live_server.url}/admin/resources/resource/add/")
    alt, transcript = page.get_by_label("Texte alternatif"), page.get_by_label("Transcription")
    kind = page.locator("#id_kind")
    kind.select_option("photo")
    assert alt.is_visible() and not transcript.is_visible()
    kind.select_option("son")
    assert transcript.is_visible() and not alt.is_visible()
    kind.select_option("video")
    assert transcript.is_visible() and not alt.is_visible()
    kind.select_option("texte")
    assert not transcript.is_visible() and not alt.is_visible()
    assert sideways(page) <= 0
    # A transcription typed for a sound is not sent once the kind becomes "texte".
    kind.select_option("son")
    transcript.fill("Bonjour à tous.")
    kind.select_option("texte")
    page.locator("#id_title").fill("Guide pratique")
    page.locator("#id_external_url").fill("https://example.org/guide.pdf")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    assert "La transcription ne concerne" not in page.content()
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_moderators_read_lists_with_bullets(live_server, new_page, django_user_model, width):
    staff_account(django_user_model, "moderateur", MODERATORS)
    news = NewsItemFactory(body="<p>Au programme :</p><ul><li>accueil</li><li>ateliers</li></ul>")
    page = new_page(width=width)
    log_in(page, live_server, "moderateur")
    page.goto(f"{live_server.url}/admin/actualites/newsitem/{news.pk}/change/")
    item = page.locator("div.readonly li", has_text="ateliers")
    style = item.evaluate(
        "li => ({bullet: getComputedStyle(li).listStyleType,"
        " indent: li.getBoundingClientRect().left"
        " - li.closest('div.readonly').getBoundingClientRect().left})"
    )
    assert style["bullet"] == "disc"
    assert 10 <= style["indent"] <= 40
    assert sideways(page) <= 0
    page.screenshot(path=f"/tmp/shots/moderator-news-{width}.png", full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_times_are_said_once_to_be_paris_times_for_staff_in_dakar(
    live_server, browser, django_user_model, width
):
    staff_account(django_user_model, "redactrice", EDITORS)
    item = ResourceFactory(title="Entretien radio")
    page = _page(browser, width, timezone="Africa/Dakar")
    log_in(page, live_server, "redactrice")
    page.goto(f"{live_server.url}/admin/resources/resource/{item.pk}/change/")
    page.wait_for_load_state("load")
    notes = page.get_by_text("à l’heure de Paris")
    assert notes.count() == 1 and notes.is_visible()
    assert not page.get_by_text("Note : votre heure").first.is_visible()
    assert page.locator(".timezonewarning:visible").count() == 0
    # "Maintenant" gives Paris time, not Dakar's.
    page.locator(".field-published_at").get_by_role("link", name="Maintenant").click()
    typed = page.locator("#id_published_at_1").input_value()
    paris = page.evaluate(
        "new Date().toLocaleTimeString('fr-FR', {timeZone: 'Europe/Paris', hour: '2-digit'})"
    )
    assert typed.startswith(paris[:2])
    page.screenshot(path=f"/tmp/shots/paris-time-{width}.png", full_page=True)
    page.context.close()
