"""Login throttling: repeated failures lock the account out from that address, in French."""

import pytest

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def _try(client, password):
    return client.post(LOGIN, {"username": "redactrice", "password": password})


def test_repeated_failed_logins_lock_the_account_out_with_a_french_page(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _try(client, "mauvais")
        assert response.status_code == 200
        assert "Veuillez compléter correctement les champs" in response.text
    locked = _try(client, "mauvais")
    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.text
    assert "pendant 15 minutes" in locked.text
    # Even the right password is refused while locked out.
    still = _try(client, "motdepasse-long-123")
    assert still.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_successful_login_resets_the_count(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, "mauvais")
    assert _try(client, "motdepasse-long-123").status_code == 302
    client.logout()
    assert _try(client, "mauvais").status_code == 200
