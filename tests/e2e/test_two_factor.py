"""Two-factor sign-in in the real browser, under the site's Content-Security-Policy: a
superuser enrols an authenticator application, keeps the recovery codes, signs in again
with one of them; the browser refuses nothing on the way."""

import pytest

from tests.e2e.helpers import enrol_second_factor

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "motdepasse-long-123"


def log_in(page, base_url: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill("chef")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()


def test_a_superuser_enrols_then_signs_in_with_a_recovery_code(
    live_server, new_page, django_user_model
):
    django_user_model.objects.create_superuser("chef", "chef@example.org", PASSWORD)
    page = new_page()
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    log_in(page, live_server.url)
    page.wait_for_url("**/admin/double-authentification/activer/**")
    assert page.get_by_role("heading", name="Activer la double authentification").is_visible()
    qr = page.get_by_role("img", name="Code QR de la clé de double authentification")
    assert qr.evaluate("image => image.complete && image.naturalWidth > 0")
    codes = enrol_second_factor(page)
    assert len(codes) == 10
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.get_by_role("heading", name="Contenus du portail").is_visible()

    page.context.clear_cookies()  # another day, a new session
    log_in(page, live_server.url)
    page.wait_for_url("**/admin/double-authentification/?next=**")
    page.get_by_label("Code").fill("00000000")
    page.get_by_role("button", name="Vérifier").click()
    assert page.get_by_role("alert").inner_text().startswith("Code incorrect")
    page.wait_for_timeout(1100)  # django-otp's delay after a wrong code
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Vérifier").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    assert refused == []
