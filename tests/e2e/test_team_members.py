"""The team-member form and the invitation page in Chromium, at 1280 and 360 px: no
sideways scrolling, no WCAG 2.2 A/AA violation (axe-core), the role chosen by its
sentence."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from cuf.accounts.roles import MODERATORS, sync_roles
from tests.e2e.helpers import enrol_second_factor

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "motdepasse-long-123"
WCAG_22_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
    }
}


@pytest.mark.parametrize("width", [1280, 360])
def test_a_manager_adds_a_member_who_chooses_a_password_from_the_invitation(
    live_server, new_page, django_user_model, width
):
    from axe_playwright_python.sync_playwright import Axe

    sync_roles()
    django_user_model.objects.create_superuser("chef", "chef@example.org", PASSWORD)
    page = new_page(width=width)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill("chef")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    # A superuser enrols a second factor first (production settings).
    enrol_second_factor(page)
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/auth/user/add/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    results = Axe().run(page, options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()

    page.get_by_label("Prénom").fill("Awa")
    page.get_by_label("Nom :", exact=True).fill("Diallo")
    page.get_by_label("Adresse e-mail").fill("awa@example.org")
    page.get_by_role("radio", name=re.compile("Modérateur.*Classe les contenus")).check()
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.wait_for_load_state()
    assert "Awa Diallo fait maintenant partie de l’équipe (modérateur)." in (
        page.locator(".messagelist").inner_text()
    )
    user = get_user_model().objects.get(email="awa@example.org")
    assert user.is_staff and [g.name for g in user.groups.all()] == [MODERATORS]

    link = re.search(r"https://\S+/admin/invitation/\S+/", mail.outbox[0].body).group(0)
    invited = new_page(width=width)
    invited.goto(live_server.url + link.split("example.org", 1)[1])
    assert invited.evaluate("document.documentElement.scrollWidth") <= width
    results = Axe().run(invited, options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()
    invited.get_by_label("Mot de passe :").fill("un-mot-de-passe-solide-42")
    invited.get_by_label("Le même, à nouveau :").fill("un-mot-de-passe-solide-42")
    invited.get_by_role("button", name="Enregistrer mon mot de passe").click()
    invited.wait_for_load_state()
    assert "Votre mot de passe est enregistré" in invited.locator("#content").inner_text()
