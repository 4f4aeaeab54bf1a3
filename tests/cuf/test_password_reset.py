"""Editors reset a forgotten password by e-mail: in French, with the same answer whether
the address has an account or not, and throttled."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from tests.helpers import said_under_the_password

pytestmark = pytest.mark.django_db

RESET = "/admin/mot-de-passe-oublie/"


@pytest.fixture(autouse=True)
def _fresh_counts():
    # The request counts live in the cache, which outlives a test.
    cache.clear()


@pytest.fixture
def editor_with_email(editor):
    editor.email = "redactrice@example.org"
    editor.save()
    return editor


def test_login_page_links_to_the_password_reset(client):
    page = client.get("/admin/login/").text
    assert f'href="{RESET}"' in page


def test_reset_by_email_then_log_in_with_the_new_password(client, editor_with_email):
    form = client.get(RESET)
    assert form.status_code == 200 and 'lang="fr"' in form.text
    assert "Administration du portail" in form.text
    response = client.post(RESET, {"email": "Redactrice@example.org"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["redactrice@example.org"]
    assert "réinitialisation" in (message.subject + message.body).lower()
    link = re.search(r"https?://[^/]+(/admin/nouveau-mot-de-passe/\S+/)", message.body).group(1)
    set_form = client.get(link, follow=True)
    assert set_form.status_code == 200
    new = "un-nouveau-mot-de-passe-42"
    done = client.post(
        set_form.redirect_chain[-1][0] if set_form.redirect_chain else link,
        {"new_password1": new, "new_password2": new},
    )
    assert done.status_code == 302
    editor_with_email.refresh_from_db()
    assert editor_with_email.check_password(new)


def test_a_weak_new_password_is_said_under_the_password(client, editor_with_email):
    client.post(RESET, {"email": "redactrice@example.org"})
    (message,) = mail.outbox
    link = re.search(r"https?://[^/]+(/admin/nouveau-mot-de-passe/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True).redirect_chain[-1][0]
    page = client.post(form_page, {"new_password1": "azerty", "new_password2": "azerty"})
    assert page.status_code == 200
    assert said_under_the_password(page, "trop court")
    editor_with_email.refresh_from_db()
    assert not editor_with_email.check_password("azerty")


def test_same_answer_whether_or_not_the_address_has_an_account(client, editor_with_email):
    known = client.post(RESET, {"email": "redactrice@example.org"}, follow=True)
    unknown = client.post(RESET, {"email": "personne@example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert known.text == unknown.text
    assert len(mail.outbox) == 1


def test_accounts_without_staff_access_get_no_link(client, django_user_model):
    django_user_model.objects.create_user("visiteur", "visiteur@example.org", "x-long-123-pw")
    client.post(RESET, {"email": "visiteur@example.org"})
    assert mail.outbox == []


def test_requests_are_throttled_per_address_with_the_same_answer(
    client, editor_with_email, settings
):
    settings.PASSWORD_RESET_LIMIT = 2
    answers = [
        client.post(RESET, {"email": "redactrice@example.org"}, follow=True) for _ in range(4)
    ]
    assert len(mail.outbox) == 2
    assert len({answer.text for answer in answers}) == 1
    assert {answer.status_code for answer in answers} == {200}


def test_a_used_or_altered_link_is_refused_in_french(client, editor_with_email):
    page = client.get("/admin/nouveau-mot-de-passe/MQ/abc-def/", follow=True)
    assert page.status_code == 200
    assert "Échec lors de la mise à jour du mot de passe" in page.text


def test_an_address_used_up_by_someone_else_is_told_so_in_its_last_message(
    client, editor_with_email, settings
):
    """Anyone may use up the hourly count of a victim's address: the victim learns it from
    the last message sent, whose link still works."""
    settings.PASSWORD_RESET_LIMIT = 3
    for number in range(5):
        client.post(RESET, {"email": "redactrice@example.org"}, REMOTE_ADDR=f"192.0.2.{number}")
    assert len(mail.outbox) == 3
    first, _second, last = mail.outbox
    assert "nombre maximal" not in first.body
    assert "3 demandes ont été faites pour cette adresse" in last.body
    assert "les demandes suivantes ne recevront pas de message" in last.body
    link = re.search(r"https?://[^/]+(/admin/nouveau-mot-de-passe/\S+/)", last.body).group(1)
    assert client.get(link, follow=True).status_code == 200
    assert "Nouveau mot de passe" in client.get(link, follow=True).text
