"""/espace-adherents/: sign in, sign out, forgotten password, invitation, home; in French,
throttled like the admin's login."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from cuf.members.models import Member, MemberOrganisation
from cuf.members.services import member_create
from tests.factories import CommuniqueFactory, EventFactory
from tests.helpers import said_under_the_password

pytestmark = pytest.mark.django_db

LOGIN = "/espace-adherents/connexion/"
HOME = "/espace-adherents/"
RESET = "/espace-adherents/mot-de-passe-oublie/"
PASSWORD = "motdepasse-long-123"


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()


@pytest.fixture
def organisation():
    return MemberOrganisation.objects.create(
        name="Département du Gers", kind="departement", country="France"
    )


@pytest.fixture
def member(organisation, django_user_model):
    user = django_user_model.objects.create_user(
        username="lea@gers.example",
        email="lea@gers.example",
        password=PASSWORD,
        first_name="Léa",
        last_name="Dupont",
    )
    return Member.objects.create(user=user, organisation=organisation, position="Élue")


def _sign_in(client, username="lea@gers.example", password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_the_login_page_is_french_and_links_to_the_forgotten_password(client):
    page = client.get(LOGIN)
    assert page.status_code == 200
    assert "Connexion à l’espace adhérents" in page.text
    assert "Adresse e-mail" in page.text
    assert f'href="{RESET}"' in page.text
    assert "no-store" in page["Cache-Control"]


def test_the_login_asks_its_e_mail_address_in_an_e_mail_field(client):
    # A phone then offers its keyboard with « @ », and password managers still fill it.
    field = re.search(r"<input[^>]*id=\"id_username\"[^>]*>", client.get(LOGIN).text).group(0)
    assert 'type="email"' in field
    assert 'autocomplete="username"' in field


def test_a_member_signs_in_and_sees_the_organisation_and_reserved_items(client, member):
    reserved = CommuniqueFactory(title="Compte rendu du bureau", access="members")
    event = EventFactory(title="Assemblée des adhérents", access="members")
    CommuniqueFactory(title="Communiqué public")
    response = _sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == HOME
    home = client.get(HOME)
    assert home.status_code == 200
    assert "Département du Gers" in home.text
    assert reserved.title in home.text and event.title in home.text
    assert "Communiqué public" not in home.text
    assert "no-store" in home["Cache-Control"]


def test_the_members_home_dates_an_event_by_its_day_and_an_item_by_its_shown_date(client, member):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    paris = ZoneInfo("Europe/Paris")
    EventFactory(
        title="Assemblée des adhérents",
        access="members",
        starts_at=datetime(2027, 3, 3, 14, tzinfo=paris),
        ends_at=datetime(2027, 3, 3, 16, tzinfo=paris),
        published_at=datetime(2026, 12, 7, 10, tzinfo=paris),
    )
    CommuniqueFactory(
        title="Compte rendu du bureau",
        access="members",
        published_at=datetime(2026, 12, 1, 10, tzinfo=paris),
        dated_at=datetime(2024, 11, 18, 10, tzinfo=paris),
    )
    _sign_in(client)
    text = re.sub(r"<[^>]+>", "", client.get(HOME).text)
    assert "Le mercredi 3 mars 2027" in text
    assert "Publié le 18 novembre 2024" in text
    assert "7 décembre 2026" not in text and "1er décembre 2026" not in text


def test_sign_in_returns_to_the_reserved_page_asked_for(client, member):
    item = CommuniqueFactory(access="members", body="<p>Texte réservé.</p>")
    response = _sign_in(client, next=item.get_absolute_url())
    assert response["Location"] == item.get_absolute_url()
    assert "Texte réservé." in client.get(item.get_absolute_url()).text


def test_wrong_password_says_so_in_french(client, member):
    response = _sign_in(client, password="mauvais")
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect." in response.text


def test_staff_and_deactivated_members_cannot_sign_in_here(client, member, editor):
    refused = _sign_in(client, username="redactrice", password="motdepasse-long-123")
    assert "ne donne pas accès à l’espace adhérents" in refused.text
    member.organisation.active = False
    member.organisation.save()
    refused = _sign_in(client)
    assert "ne donne pas accès à l’espace adhérents" in refused.text
    assert "_auth_user_id" not in client.session


def test_home_sends_visitors_to_the_login_page(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_sign_in_and_out_pages_name_the_portal_not_the_servers_domain(client, member, settings):
    pages = [client.get(LOGIN)]
    _sign_in(client)
    pages += [
        client.get("/espace-adherents/deconnexion/"),
        client.post("/espace-adherents/deconnexion/"),
    ]
    for page in pages:
        assert f'<span class="brand-site">{settings.SITE_NAME}</span>' in page.text
        assert f'<p class="footer-name">{settings.SITE_NAME}</p>' in page.text
        assert "testserver" not in page.text


def test_sign_out(client, member):
    _sign_in(client)
    page = client.get("/espace-adherents/deconnexion/")
    assert "Se déconnecter" in page.text
    done = client.post("/espace-adherents/deconnexion/")
    assert "Vous êtes déconnecté" in done.text
    assert client.get(HOME).status_code == 302


def test_repeated_failures_lock_the_member_out_in_french(client, member, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, password="mauvais").status_code == 200
    locked = _sign_in(client, password="mauvais")
    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.text
    assert "Espace adhérents" in locked.text
    assert _sign_in(client).status_code == 429


def test_forgotten_password_mails_members_only_and_answers_the_same(
    client, member, editor, django_capture_on_commit_callbacks
):
    editor.email = "redactrice@example.org"
    editor.save()
    with django_capture_on_commit_callbacks(execute=True):
        for email in ("Lea@gers.example", "redactrice@example.org", "personne@example.org"):
            response = client.post(RESET, {"email": email})
            assert response.status_code == 302
            assert response["Location"] == "/espace-adherents/mot-de-passe-oublie/envoye/"
    (message,) = mail.outbox
    assert message.to == ["lea@gers.example"]
    link = re.search(
        r"https://portail\.example\.org(/espace-adherents/nouveau-mot-de-passe/\S+)", message.body
    )
    assert link
    form = client.get(link.group(1), follow=True)
    assert "Choisissez un nouveau mot de passe" in form.text
    saved = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link.group(1),
        {"new_password1": "nouveau-Secret-456", "new_password2": "nouveau-Secret-456"},
    )
    assert saved.status_code == 302
    assert _sign_in(client, password="nouveau-Secret-456").status_code == 302


def test_a_members_weak_new_password_is_said_under_the_password(
    client, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET, {"email": "lea@gers.example"})
    (message,) = mail.outbox
    link = re.search(
        r"https://portail\.example\.org(/espace-adherents/nouveau-mot-de-passe/\S+)", message.body
    ).group(1)
    form_page = client.get(link, follow=True).redirect_chain[-1][0]
    page = client.post(form_page, {"new_password1": "azerty", "new_password2": "azerty"})
    assert page.status_code == 200
    assert said_under_the_password(page, "trop court")
    assert _sign_in(client, password="azerty").status_code != 302


def test_an_invitation_lets_the_person_choose_a_password_once(
    client, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        member_create(
            email="Paul@gers.example",
            first_name="Paul",
            last_name="Martin",
            organisation=organisation,
        )
    (message,) = mail.outbox
    path = re.search(
        r"https://portail\.example\.org(/espace-adherents/invitation/\S+/)", message.body
    ).group(1)
    assert "/espace-adherents/connexion/" in message.body
    page = client.get(path)
    assert page.status_code == 200 and "Choisissez votre mot de passe" in page.text
    done = client.post(
        path, {"new_password1": "Bienvenue-Gers-2026", "new_password2": "Bienvenue-Gers-2026"}
    )
    assert done.status_code == 302
    assert client.get(path).status_code == 410
    assert (
        _sign_in(client, username="paul@gers.example", password="Bienvenue-Gers-2026").status_code
        == 302
    )


def test_a_deactivated_member_signed_in_loses_access_at_the_next_request(client, member):
    item = CommuniqueFactory(access="members", body="<p>Texte réservé.</p>")
    _sign_in(client)
    assert "Texte réservé." in client.get(item.get_absolute_url()).text
    Member.objects.update(active=False)
    page = client.get(item.get_absolute_url())
    assert "Texte réservé." not in page.text
    assert "Votre compte ne donne pas accès" in page.text
    assert client.get(HOME).status_code == 302


def test_each_invitation_opens_only_its_own_page(
    client, organisation, django_capture_on_commit_callbacks
):
    """A member's link pasted into the team's invitation address (or the reverse) sets
    no password: each page takes only the accounts invited to it."""
    with django_capture_on_commit_callbacks(execute=True):
        member_create(
            email="lea@gers.example", first_name="Léa", last_name="Roux", organisation=organisation
        )
    token = re.search(r"/espace-adherents/invitation/(\S+)/", mail.outbox[0].body).group(1)
    staff_page = f"/admin/invitation/{token}/"
    assert client.get(staff_page).status_code == 410
    assert (
        client.post(
            staff_page, {"new_password1": "x-Long-pass-99", "new_password2": "x-Long-pass-99"}
        ).status_code
        == 410
    )
    member = Member.objects.get(user__email="lea@gers.example").user
    member.is_staff = True
    member.save()
    assert client.get(f"/espace-adherents/invitation/{token}/").status_code == 410
    member.refresh_from_db()
    assert not member.has_usable_password()
