"""The editorial workflow in a real browser: write, attach, tag, preview, share, publish;
and a moderator merging two themes."""

import pytest
from django.contrib.auth.models import Group

from communiques.models import Communique
from cuf.accounts.roles import EDITORS, MODERATORS, sync_roles
from cuf.demo import pdf_bytes
from tests.factories import CommuniqueFactory, EventFactory, ResourceFactory, ThemeFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "motdepasse-long-123"


def _account(django_user_model, username: str, role: str):
    sync_roles()
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def _log_in(page, live_server, username: str):
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/admin/")


def test_editor_writes_previews_shares_and_publishes_a_communique(
    live_server, new_page, django_user_model, tmp_path
):
    _account(django_user_model, "redactrice", EDITORS)
    ThemeFactory(name="COVID-19")
    programme = tmp_path / "programme.pdf"
    programme.write_bytes(pdf_bytes("Programme", ["Quinze heures : ouverture."]))

    editor = new_page()
    _log_in(editor, live_server, "redactrice")
    editor.goto(f"{live_server.url}/admin/communiques/communique/add/")
    editor.locator("#id_title").press_sequentially("Webinaire santé et coopération")
    assert editor.locator("#id_slug").input_value() == "webinaire-sante-et-cooperation"

    # CKEditor 5, in French: type, then bold.
    body = editor.locator(".ck-editor__editable")
    body.click()
    editor.keyboard.type("Un webinaire se tiendra le 19 mai. ")
    editor.keyboard.press("Control+B")
    editor.keyboard.type("Inscription obligatoire")
    editor.keyboard.press("Control+B")
    assert editor.get_by_role("button", name="Gras").count() == 1
    assert editor.get_by_role("button", name="Code source").count() == 0

    # A PDF document and a theme picked with the autocomplete.
    editor.locator("#id_documents-0-title").fill("Programme du webinaire")
    editor.locator("#id_documents-0-file").set_input_files(str(programme))
    editor.locator("#id_themes").locator("xpath=..").locator(".select2-selection").click()
    editor.locator(".select2-search__field").fill("COVID")
    editor.locator(".select2-results__option", has_text="COVID-19").click()

    editor.locator("#id_status").select_option("draft")
    editor.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    editor.wait_for_load_state()
    assert (
        "Le communiqué « Webinaire santé et coopération » a été ajouté."
        in editor.locator(".messagelist").inner_text()
    )
    communique = Communique.objects.get()
    assert "<strong>Inscription obligatoire</strong>" in communique.body
    assert communique.attachments.get().format_label == "PDF"
    assert [t.name for t in communique.themes.all()] == ["COVID-19"]

    # Staff preview on the real page.
    staff_view = new_page()
    staff_view.context.add_cookies(editor.context.cookies())
    staff_view.goto(live_server.url + communique.get_absolute_url())
    assert "Brouillon" in staff_view.locator(".banner").inner_text()
    assert staff_view.locator("main strong", has_text="Inscription obligatoire").count() == 1

    # The shareable link, opened without an account.
    share = editor.locator(".cuf-preview-link").get_attribute("href")
    outsider = new_page()
    outsider.goto(live_server.url + communique.get_absolute_url())
    assert outsider.get_by_role("heading", level=1).count() == 0 or (
        outsider.get_by_role("heading", level=1).inner_text() != "Webinaire santé et coopération"
    )
    outsider.goto(live_server.url + share)
    assert outsider.get_by_role("heading", level=1).inner_text() == "Webinaire santé et coopération"
    assert "Aperçu – brouillon" in outsider.locator(".banner").inner_text()

    # Publish, and a visitor sees it in the list.
    editor.locator("#id_status").select_option("published")
    editor.get_by_role("button", name="Enregistrer", exact=True).click()
    editor.wait_for_url("**/admin/communiques/communique/")
    visitor = new_page()
    visitor.goto(f"{live_server.url}/communiques/")
    visitor.get_by_role("link", name="Webinaire santé et coopération").click()
    assert visitor.get_by_role("heading", level=1).inner_text() == "Webinaire santé et coopération"
    assert visitor.locator(".banner").count() == 0
    assert visitor.get_by_role("link", name="Programme du webinaire").count() == 1


def test_moderator_merges_two_themes_and_the_theme_page_shows_every_item(
    live_server, page, django_user_model
):
    _account(django_user_model, "moderateur", MODERATORS)
    covid = ThemeFactory(name="COVID-19", slug="covid-19")
    corona = ThemeFactory(name="Coronavirus", slug="coronavirus")
    CommuniqueFactory(title="Communiqué sanitaire", themes=[covid])
    EventFactory(title="Rencontre des soignants", themes=[corona])
    ResourceFactory(title="Guide des gestes barrières", themes=[corona])

    _log_in(page, live_server, "moderateur")
    page.goto(f"{live_server.url}/admin/cuf/theme/")
    for name in ("COVID-19", "Coronavirus"):
        page.locator("tr", has_text=name).locator("input.action-select").check()
    page.locator("select[name=action]").select_option("merge_themes")
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_label("COVID-19").check()
    page.get_by_role("button", name="Fusionner").click()
    assert "1 thème fusionné dans « COVID-19 »" in page.locator(".messagelist").inner_text()

    page.goto(f"{live_server.url}/themes/coronavirus/")
    page.wait_for_url("**/themes/covid-19/")
    main = page.locator("main").inner_text()
    for title in ("Communiqué sanitaire", "Rencontre des soignants", "Guide des gestes barrières"):
        assert title in main
