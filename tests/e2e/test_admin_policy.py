"""The admin under the site's Content-Security-Policy: every screen an editor or a
moderator uses works without the browser refusing anything."""

import pytest
import reversion

from tests.e2e.helpers import enrol_second_factor
from tests.factories import AttachmentFactory, CommuniqueFactory, NewsItemFactory, ThemeFactory
from tests.files import image_upload

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "motdepasse-long-123"


def test_admin_screens_raise_no_policy_violation(live_server, new_page, django_user_model):
    django_user_model.objects.create_superuser("chef", "chef@example.org", PASSWORD)
    covid, haiti = ThemeFactory(name="COVID-19"), ThemeFactory(name="Haïti")
    with reversion.create_revision():
        communique = CommuniqueFactory(title="Webinaire", body="<p>Première version.</p>")
        AttachmentFactory(item=communique)
    with reversion.create_revision():
        communique.body = "<p>Texte réécrit.</p>"
        communique.save()
    news = NewsItemFactory(image=image_upload(size=(800, 600)), image_alt="Une salle")
    versions = reversion.models.Version.objects.get_for_object(communique)

    page = new_page()
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill("chef")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    # A superuser enrols a second factor first (production settings): under the policy too.
    enrol_second_factor(page)
    page.wait_for_url(f"{live_server.url}/admin/")
    screens = [
        "/admin/",
        "/admin/communiques/communique/",
        "/admin/communiques/communique/add/",
        f"/admin/communiques/communique/{communique.pk}/change/",
        f"/admin/communiques/communique/{communique.pk}/history/",
        f"/admin/communiques/communique/{communique.pk}/history/compare/"
        f"?version_id1={versions.last().pk}&version_id2={versions.first().pk}",
        f"/admin/communiques/communique/{communique.pk}/delete/",
        f"/admin/actualites/newsitem/{news.pk}/change/",
        "/admin/resources/resource/add/",
        "/admin/agenda/event/add/",
        "/admin/cuf/theme/",
        "/admin/cuf/theme/sans-theme/",
        f"/admin/cuf/theme/{covid.pk}/change/",
    ]
    for screen in screens:
        response = page.goto(live_server.url + screen)
        assert response.status == 200, screen
        assert "default-src 'self'" in response.headers["content-security-policy"], screen
        page.wait_for_load_state("networkidle")
    # The rich-text editor and the theme autocomplete work under the policy.
    page.goto(f"{live_server.url}/admin/communiques/communique/add/")
    page.locator(".ck-editor__editable").click()
    page.keyboard.type("Un texte")
    assert page.locator(".ck-editor__editable").inner_text().strip() == "Un texte"
    page.locator("#id_themes").locator("xpath=..").locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("Ha")
    # The options arrive from the server: wait for them.
    page.locator(".select2-results__option", has_text=haiti.name).wait_for()
    assert page.locator(".select2-results__option", has_text=haiti.name).count() == 1
    assert refused == []
