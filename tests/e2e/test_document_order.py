"""A communiqué's documents are put in order with the keyboard too: "Monter" and
"Descendre" beside each, the new position said to screen readers, the order saved."""

import pytest
from django.contrib.auth.models import Group

from communiques.models import Communique
from cuf import content_types
from cuf.accounts.roles import EDITORS, sync_roles
from tests.factories import AttachmentFactory, factory_for

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "motdepasse-long-123"


@pytest.mark.parametrize("width", [1280, 360])
def test_documents_move_up_and_down_by_keyboard_and_the_order_is_saved(
    live_server, new_page, django_user_model, width
):
    sync_roles()
    editor = django_user_model.objects.create_user(
        username="redactrice", password=PASSWORD, is_staff=True
    )
    editor.groups.add(Group.objects.get(name=EDITORS))
    communique = factory_for(content_types.for_model(Communique))(author=editor)
    for n, title in enumerate(("Programme", "Compte rendu", "Annexe"), start=1):
        AttachmentFactory(item=communique, title=title, position=n)
    page = new_page(width=width)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill("redactrice")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/communiques/communique/{communique.pk}/change/")

    # The handle is visible and says what it is for; the page says how to reorder.
    handle = page.locator("#documents-group .cuf-drag-handle").first
    assert handle.is_visible() and "Glisser" in handle.inner_text()
    assert "Monter" in page.locator(".cuf-reorder-help").inner_text()

    up = page.get_by_role("button", name="Monter « Annexe »")
    up.focus()
    page.keyboard.press("Enter")
    status = page.locator("#documents-group [role=status]")
    assert status.inner_text() == (
        "« Annexe » est maintenant en position 2 sur 3 ; enregistrez pour garder cet ordre."
    )
    # The focus stays on the button: pressing again moves it on.
    page.keyboard.press("Enter")
    assert "position 1 sur 3" in status.inner_text()
    page.keyboard.press("Enter")
    assert status.inner_text() == "« Annexe » est déjà le premier document."
    page.get_by_role("button", name="Descendre « Programme »").press("Space")

    page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    page.wait_for_load_state()
    titles = list(communique.attachments.order_by("position").values_list("title", flat=True))
    assert titles == ["Annexe", "Compte rendu", "Programme"]
    headings = page.locator("#documents-group .inline-related.has_original .inline_label")
    assert headings.all_inner_texts() == titles
