"""Two-factor sign-in for staff (cuf.accounts.two_factor, django-otp).

Codes are computed as an authenticator application does (RFC 6238, django-otp's own
``totp``), from the key the enrolment page shows.
"""

import base64
import re
import time

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cuf.accounts.two_factor import required_for

pytestmark = pytest.mark.django_db
PASSWORD = "motdepasse-long-123"


@pytest.fixture
def chef(django_user_model):
    return django_user_model.objects.create_superuser("chef", "chef@example.org", PASSWORD)


@pytest.fixture
def redaction(django_user_model):
    return django_user_model.objects.create_user("redaction", password=PASSWORD, is_staff=True)


def signed_in(username: str) -> Client:
    browser = Client()
    response = browser.post("/admin/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the password step passes"
    return browser


def key_shown(response) -> bytes:
    text = re.search(r'class="two-factor-secret"[^>]*>([A-Z2-7 ]+)<', response.content.decode())
    key = text.group(1).replace(" ", "")
    return base64.b32decode(key + "=" * (-len(key) % 8))


def code_for(key: bytes, shift: int = 0) -> str:
    return f"{totp(key, t0=0, step=30, digits=6, drift=shift):06d}"


def test_a_superuser_enrols_after_the_password_then_gets_recovery_codes(chef):
    browser = signed_in("chef")
    response = browser.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/double-authentification/activer/")
    # No admin address answers before the second factor, the editor's upload included.
    assert browser.get("/admin/communiques/communique/").status_code == 302
    assert browser.post("/admin/editeur/envoi/").status_code == 302

    page = browser.get(response["Location"])
    assert page.status_code == 200
    assert "Activer la double authentification" in page.content.decode()
    assert 'src="data:image/svg+xml' in page.content.decode()
    key = key_shown(page)

    wrong = browser.post(page.request["PATH_INFO"], {"code": "000000", "next": "/admin/"})
    assert "Ce code ne correspond pas à la clé" in wrong.content.decode()
    time.sleep(1.1)  # django-otp's own delay after a wrong code (1 s, then doubling)
    done = browser.post(page.request["PATH_INFO"], {"code": code_for(key), "next": "/admin/"})
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert "ils ne seront plus affichés" in done.content.decode()
    assert browser.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=chef).confirmed


def enrolled(user) -> tuple[bytes, list[str]]:
    browser = signed_in(user.username)
    page = browser.get("/admin/double-authentification/activer/")
    key = key_shown(page)
    done = browser.post(page.request["PATH_INFO"], {"code": code_for(key)})
    return key, re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())


def test_next_sign_in_asks_the_code_and_a_recovery_code_works_once(chef):
    key, codes = enrolled(chef)
    browser = signed_in("chef")
    response = browser.get("/admin/communiques/communique/")
    assert response["Location"] == (
        "/admin/double-authentification/?next=/admin/communiques/communique/"
    )
    page = browser.get(response["Location"])
    assert "Code de vérification" in page.content.decode()
    answer = browser.post(
        "/admin/double-authentification/",
        {"code": codes[0], "next": "/admin/communiques/communique/"},
    )
    assert answer.status_code == 302
    assert answer["Location"] == "/admin/communiques/communique/"
    assert browser.get("/admin/communiques/communique/").status_code == 200

    again = signed_in("chef")
    refused = again.post("/admin/double-authentification/", {"code": codes[0]})
    assert "Code incorrect ou expiré" in refused.content.decode()
    assert StaticToken.objects.filter(device__user=chef).count() == 9
    # The application's code works too; written with spaces, as some applications show it.
    time.sleep(1.1)
    code = code_for(key, shift=1)
    ok = again.post("/admin/double-authentification/", {"code": f"{code[:3]} {code[3:]}"})
    assert ok.status_code == 302


def test_wrong_codes_lock_the_account_out_like_wrong_passwords(chef, settings):
    enrolled(chef)
    browser = signed_in("chef")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = browser.post("/admin/double-authentification/", {"code": "123456"})
        assert response.status_code == 200
    locked = browser.post("/admin/double-authentification/", {"code": "123456"})
    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.content.decode()
    # A correct password again gives no more tries at the code.
    browser = signed_in("chef")
    assert browser.get("/admin/double-authentification/").status_code == 429


def test_who_must_pass_a_second_factor(chef, redaction, settings):
    assert required_for(chef)
    assert not required_for(redaction)
    assert signed_in("redaction").get("/admin/").status_code == 200

    settings.ADMIN_2FA_REQUIRED = True
    assert required_for(redaction)
    assert signed_in("redaction").get("/admin/").status_code == 302

    settings.ADMIN_2FA_REQUIRED = False
    settings.ADMIN_2FA_SUPERUSERS = False  # DEBUG: `make run`'s local admin
    assert not required_for(chef)
    assert signed_in("chef").get("/admin/").status_code == 200


def test_an_editor_who_enrolled_is_asked_the_code_too(redaction):
    redaction.groups.add(*Group.objects.all())
    enrolled(redaction)
    assert signed_in("redaction").get("/admin/").status_code == 302


def test_the_pages_are_only_for_signed_in_staff(client):
    assert client.get("/admin/double-authentification/")["Location"].startswith("/admin/login/")
    assert client.get("/admin/double-authentification/activer/")["Location"].startswith(
        "/admin/login/"
    )


def test_next_never_leads_off_the_site(chef):
    key, _codes = enrolled(chef)
    browser = signed_in("chef")
    answer = browser.post(
        "/admin/double-authentification/",
        {"code": code_for(key, shift=1), "next": "https://ailleurs.example/"},
    )
    assert answer["Location"] == "/admin/"
