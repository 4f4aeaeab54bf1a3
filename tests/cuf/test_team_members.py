"""Team members: a short French form for whoever manages accounts, an invitation by
e-mail to choose a password (a link that works for a while, once), raw permissions for
superusers only."""

import re
import time
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail

from cuf.accounts.invitations import invitation_send, invitation_user
from cuf.accounts.roles import EDITORS, MODERATORS, TEAM_ROLES, sync_roles
from tests.helpers import said_under_the_password

pytestmark = pytest.mark.django_db

User = get_user_model()
USERS = "/admin/auth/user/"
PASSWORD = "un-mot-de-passe-solide-42"


@pytest.fixture
def manager_client(client, django_user_model):
    """Staff who may manage accounts without being a superuser."""
    sync_roles()
    manager = django_user_model.objects.create_user(
        username="responsable", password=PASSWORD, is_staff=True, first_name="Claire"
    )
    manager.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="auth", codename__endswith="_user")
    )
    client.force_login(manager)
    return client


def _add(client, **overrides):
    data = {
        "first_name": "Awa",
        "last_name": "Diallo",
        "email": "Awa.Diallo@example.org",
        "role": EDITORS,
        "is_active": "on",
        **overrides,
    }
    return client.post(f"{USERS}add/", data, follow=True)


def _link(message) -> str:
    return re.search(r"https://\S+/admin/invitation/\S+/", message.body).group(0)


def test_the_add_form_asks_name_email_role_and_active_only_in_french(manager_client):
    page = manager_client.get(f"{USERS}add/").text
    names = set(re.findall(r'name="([a-z_0-9]+)"', page)) - {"csrfmiddlewaretoken"}
    assert {"first_name", "last_name", "email", "role", "is_active"} <= names
    for hidden in ("user_permissions", "groups", "is_staff", "is_superuser", "password1"):
        assert hidden not in names
    for role in TEAM_ROLES:
        assert role.label in page and role.summary in page
    for jargon in ("SSO", "LDAP", "Can add", "Statut équipe", "objet utilisateur"):
        assert jargon not in page
    assert "Nouveau membre de l’équipe" in page


def test_adding_a_member_gives_the_role_and_access_and_invites_by_mail(manager_client):
    response = _add(manager_client, role=MODERATORS)
    user = User.objects.get(email="awa.diallo@example.org")
    assert user.is_staff and not user.is_superuser and user.is_active
    assert user.get_username() == "awa.diallo@example.org"
    assert [g.name for g in user.groups.all()] == [MODERATORS]
    assert not user.has_usable_password()
    text = re.sub(r"<[^>]+>", "", response.content.decode())
    assert "Awa Diallo fait maintenant partie de l’équipe (modérateur)." in text
    assert "Une invitation à choisir son mot de passe part à awa.diallo@example.org" in text
    assert "objet" not in text.split("messagelist")[-1][:300]
    (message,) = mail.outbox
    assert message.to == ["awa.diallo@example.org"]
    assert "comme modérateur" in message.body
    assert "7 jours, une seule fois" in message.body
    assert "Claire vous a ouvert un compte" in message.body


def test_the_link_is_on_the_configured_address_never_the_request_host(manager_client, settings):
    _add(manager_client, HTTP_HOST="attaquant.example")
    assert _link(mail.outbox[0]).startswith(settings.SITE_URL + "/admin/invitation/")


def test_the_invitation_sets_the_password_once_and_the_member_signs_in(manager_client, client):
    _add(manager_client)
    link = _link(mail.outbox[0]).removeprefix("https://portail.example.org")
    page = client.get(link)
    assert page.status_code == 200
    assert "Choisissez votre mot de passe" in page.text
    assert "awa.diallo@example.org" in page.text
    done = client.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True)
    assert "Votre mot de passe est enregistré" in done.text
    assert User.objects.get(email="awa.diallo@example.org").check_password(PASSWORD)
    again = client.get(link)
    assert again.status_code == 410
    assert "Ce lien ne fonctionne plus" in again.text
    reused = client.post(link, {"new_password1": "x" * 20, "new_password2": "x" * 20})
    assert reused.status_code == 410


def test_a_weak_password_on_the_invitation_page_is_said_under_the_password(manager_client, client):
    _add(manager_client)
    link = _link(mail.outbox[0]).removeprefix("https://portail.example.org")
    page = client.post(link, {"new_password1": "azerty", "new_password2": "azerty"})
    assert page.status_code == 200
    assert said_under_the_password(page, "trop court")
    assert not User.objects.get(email="awa.diallo@example.org").has_usable_password()


def test_an_invitation_expires_after_its_days_and_an_altered_one_never_works(
    manager_client, client, settings
):
    _add(manager_client)
    link = _link(mail.outbox[0]).removeprefix("https://portail.example.org")
    token = link.rstrip("/").rsplit("/", 1)[-1]
    later = time.time() + settings.INVITATION_DAYS * 86400 + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert invitation_user(token=token) is None
        assert client.get(link).status_code == 410
    almost = time.time() + settings.INVITATION_DAYS * 86400 - 60
    with mock.patch("django.core.signing.time.time", return_value=almost):
        assert invitation_user(token=token) is not None
    assert client.get(link[:-3] + "x/").status_code == 410


def test_an_inactive_member_cannot_use_an_invitation(manager_client):
    _add(manager_client)
    user = User.objects.get(email="awa.diallo@example.org")
    token = _link(mail.outbox[0]).rstrip("/").rsplit("/", 1)[-1]
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert invitation_user(token=token) is None


def test_changing_the_role_replaces_it_and_a_new_invitation_can_be_sent(manager_client):
    _add(manager_client)
    user = User.objects.get(email="awa.diallo@example.org")
    data = {
        "first_name": "Awa",
        "last_name": "Diallo",
        "email": "awa.diallo@example.org",
        "role": MODERATORS,
        "is_active": "on",
        "send_invitation": "on",
    }
    response = manager_client.post(f"{USERS}{user.pk}/change/", data, follow=True)
    assert "Le compte de Awa Diallo a été modifié." in response.text
    assert [g.name for g in user.groups.all()] == [MODERATORS]
    assert len(mail.outbox) == 2 and "comme modérateur" in mail.outbox[1].body


def test_an_address_already_in_use_is_refused_in_french(manager_client):
    _add(manager_client)
    response = _add(manager_client, email="AWA.DIALLO@example.org", first_name="Autre")
    assert "Un autre compte utilise déjà cette adresse." in response.text
    assert User.objects.filter(first_name="Autre").count() == 0


def test_raw_permissions_are_for_superusers_only(manager_client, superuser_client):
    _add(manager_client)
    user = User.objects.get(email="awa.diallo@example.org")
    change = f"{USERS}{user.pk}/change/"
    assert "user_permissions" not in manager_client.get(change).text
    assert "user_permissions" in superuser_client.get(change).text
    # Nor can a manager who is not a superuser change a superuser's account.
    boss = User.objects.create_superuser("patronne", "patronne@example.org", PASSWORD)
    response = manager_client.post(
        f"{USERS}{boss.pk}/change/",
        {"first_name": "x", "last_name": "y", "email": "pirate@example.org", "role": EDITORS},
    )
    boss.refresh_from_db()
    assert boss.email == "patronne@example.org" and boss.is_superuser
    assert response.status_code in (302, 403, 200)


def test_login_attempts_are_named_for_people(superuser_client):
    home = superuser_client.get("/admin/").text
    assert "Tentatives de connexion" in home
    assert ">Axes<" not in home and ">AXES<" not in home


def test_the_service_is_reusable_without_a_request(django_user_model):
    user = django_user_model.objects.create_user(username="membre", email="membre@example.org")
    invitation_send(user=user, role_label="Adhérent")
    assert "comme adhérent" in mail.outbox[0].body
    assert "Un compte vous a été ouvert sur" in mail.outbox[0].body


@pytest.mark.parametrize(
    "label, expected",
    [
        ("actualites.newsitem", "Supprimer les actualités sélectionnées"),
        ("resources.resource", "Supprimer les ressources sélectionnées"),
        ("communiques.communique", "Supprimer les communiqués sélectionnés"),
        ("cuf.themeredirect", "Supprimer les anciennes adresses de thèmes sélectionnées"),
        ("auth.user", "Supprimer les membres de l’équipe sélectionnés"),
    ],
)
def test_the_delete_action_agrees_with_its_noun(rf, django_user_model, label, expected):
    from django.apps import apps
    from django.contrib import admin

    request = rf.get("/admin/")
    request.user = django_user_model.objects.create_superuser("chef", "c@example.org", "x" * 12)
    model_admin = admin.site._registry[apps.get_model(label)]
    assert dict(model_admin.get_action_choices(request))["delete_selected"] == expected
