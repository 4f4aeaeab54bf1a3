"""The members area in Chromium, in French: an invitation read from the mail folder, the
sign-in, a reserved page read whole, the forgotten password; axe-core finds no WCAG 2.2
A/AA violation on its pages and on a reserved item's teaser."""

import email
import re
from pathlib import Path

import pytest

from cuf.members.models import MemberOrganisation
from cuf.members.services import member_create
from tests.factories import CommuniqueFactory

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_22_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
    }
}


@pytest.fixture
def mail_folder(settings, tmp_path) -> Path:
    """Mail queued as a job and delivered to files, one a message, as `make run` does
    (var/mail/); Django's test set-up would otherwise keep it in memory."""
    folder = tmp_path / "mail"
    settings.EMAIL_BACKEND = "cuf.operations.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(folder)
    return folder


def _link(folder: Path, pattern: str) -> str:
    """The last link matching ``pattern`` in the messages of the folder."""
    bodies = []
    for path in sorted(folder.glob("*")):
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if raw.strip():
                message = email.message_from_bytes(raw.strip())
                bodies.append(message.get_payload(decode=True).decode())
    text = "\n".join(bodies)
    found = re.findall(r"https://portail\.example\.org(" + pattern + r")", text)
    assert found, text
    return found[-1]


def _axe(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()


def _csp_errors(page) -> list[str]:
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return errors


@pytest.mark.parametrize("width", [1280, 360])
def test_an_invited_member_chooses_a_password_signs_in_and_reads_a_reserved_page(
    live_server, new_page, mail_folder, width
):
    item = CommuniqueFactory(
        title="Relevé de décisions du bureau",
        access="members",
        body="<p>Le barème des cotisations reste inchangé.</p>",
    )
    organisation = MemberOrganisation.objects.create(name="Région Occitanie", kind="region")
    member_create(
        email="ines@occitanie.example",
        first_name="Inès",
        last_name="Roux",
        organisation=organisation,
    )
    page = new_page(width=width)
    errors = _csp_errors(page)

    # A visitor sees the teaser, with the lock and a sign-in link.
    page.goto(live_server.url + item.get_absolute_url())
    assert "Réservé aux adhérents" in page.locator("main").inner_text()
    assert "barème" not in page.content()
    _axe(page)

    page.goto(live_server.url + _link(mail_folder, r"/espace-adherents/invitation/\S+/"))
    assert page.locator("h1").inner_text() == "Choisissez votre mot de passe"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _axe(page)
    page.locator("#id_new_password1").fill("Occitanie-solidaire-2026")
    page.locator("#id_new_password2").fill("Occitanie-solidaire-2026")
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    page.wait_for_load_state()
    assert "Votre compte d’adhérent est prêt." in page.locator("main").inner_text()
    page.get_by_role("link", name="Se connecter à l’espace adhérents").click()

    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Connexion à l’espace adhérents"
    _axe(page)
    page.get_by_label("Adresse e-mail").fill("ines@occitanie.example")
    page.get_by_label("Mot de passe").fill("Occitanie-solidaire-2026")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_server.url}/espace-adherents/")
    main = page.locator("main").inner_text()
    assert "Région Occitanie" in main and "Relevé de décisions du bureau" in main
    _axe(page)

    page.get_by_role("link", name="Relevé de décisions du bureau").click()
    page.wait_for_load_state()
    assert "Le barème des cotisations reste inchangé." in page.locator("main").inner_text()

    page.goto(f"{live_server.url}/espace-adherents/")
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state()
    assert "Vous êtes déconnecté" in page.locator("main").inner_text()
    page.goto(live_server.url + item.get_absolute_url())
    assert "barème" not in page.content()
    assert errors == []


def test_a_member_resets_a_forgotten_password_by_email(live_server, new_page, mail_folder):
    organisation = MemberOrganisation.objects.create(name="Ville de Lille", kind="commune")
    member = member_create(
        email="theo@lille.example",
        first_name="Théo",
        last_name="Lenoir",
        organisation=organisation,
        invite=False,
    )
    member.user.set_password("ancien-Mot-de-passe-1")
    member.user.save()
    page = new_page()
    errors = _csp_errors(page)
    page.goto(f"{live_server.url}/espace-adherents/connexion/")
    page.get_by_role("link", name="Mot de passe oublié ?").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Mot de passe oublié"
    _axe(page)
    page.get_by_label("Adresse e-mail").fill("theo@lille.example")
    page.get_by_role("button", name="Recevoir le lien").click()
    page.wait_for_load_state()
    assert "Vérifiez votre messagerie" in page.locator("main").inner_text()
    _axe(page)

    page.goto(
        live_server.url + _link(mail_folder, r"/espace-adherents/nouveau-mot-de-passe/\S+/\S+/")
    )
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Choisissez un nouveau mot de passe"
    _axe(page)
    page.locator("#id_new_password1").fill("nouveau-Mot-de-passe-2")
    page.locator("#id_new_password2").fill("nouveau-Mot-de-passe-2")
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    page.wait_for_load_state()
    assert "Votre nouveau mot de passe est enregistré." in page.locator("main").inner_text()
    page.get_by_role("link", name="Se connecter").click()
    page.get_by_label("Adresse e-mail").fill("theo@lille.example")
    page.get_by_label("Mot de passe").fill("nouveau-Mot-de-passe-2")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_server.url}/espace-adherents/")
    assert "Ville de Lille" in page.locator("main").inner_text()
    assert errors == []


def test_every_control_of_the_login_page_is_reached_with_the_keyboard(live_server, new_page):
    page = new_page()
    page.goto(f"{live_server.url}/espace-adherents/connexion/")
    wanted = {"id_username", "id_password", "Se connecter", "Mot de passe oublié ?"}
    reached = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.add(
            page.evaluate("document.activeElement.id || document.activeElement.innerText.trim()")
        )
        if wanted <= reached:
            break
    assert wanted <= reached, reached
