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


# The client's address behind a proxy


def _try_from(client, password, **meta):
    return client.post(LOGIN, {"username": "redactrice", "password": password}, **meta)


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def test_behind_a_proxy_that_sets_the_header_each_client_is_throttled_on_its_own(
    client, editor, settings, behind_one_proxy
):
    # nginx with "X-Forwarded-For: $remote_addr": one value, the client's. The proxy's own
    # address is REMOTE_ADDR for everyone.
    attacker = {"HTTP_X_FORWARDED_FOR": "203.0.113.5", "REMOTE_ADDR": "10.0.0.2"}
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _try_from(client, "mauvais", **attacker)
    assert _try_from(client, "motdepasse-long-123", **attacker).status_code == 429
    editor_desk = {"HTTP_X_FORWARDED_FOR": "198.51.100.7", "REMOTE_ADDR": "10.0.0.2"}
    assert _try_from(client, "motdepasse-long-123", **editor_desk).status_code == 302


def test_behind_a_proxy_that_appends_a_client_chosen_first_hop_changes_nothing(
    client, editor, settings, behind_one_proxy
):
    # nginx with $proxy_add_x_forwarded_for: "<what the client sent>, <client's address>".
    for attempt in range(30):
        forged = f"192.0.2.{attempt}, 203.0.113.5"
        response = _try_from(client, "mauvais", HTTP_X_FORWARDED_FOR=forged)
    assert response.status_code == 429
    right = _try_from(client, "motdepasse-long-123", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.5")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_ipv6_client_changing_address_within_its_network_is_still_locked_out(
    client, editor, settings, behind_one_proxy
):
    # An IPv6 subscriber holds a /64 and may use a new address for every try.
    for attempt in range(30):
        response = _try_from(client, "mauvais", HTTP_X_FORWARDED_FOR=f"2001:db8:1:2::{attempt:x}")
    assert response.status_code == 429
    right = _try_from(client, "motdepasse-long-123", HTTP_X_FORWARDED_FOR="2001:db8:1:2:ab::1")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another network is another client.
    other = _try_from(client, "motdepasse-long-123", HTTP_X_FORWARDED_FOR="2001:db8:1:3::1")
    assert other.status_code == 302


def test_without_a_proxy_the_forwarded_header_is_ignored(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _try_from(client, "mauvais", HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
    assert _try_from(client, "motdepasse-long-123").status_code == 429


@pytest.mark.parametrize(
    ("forwarded", "proxies", "address"),
    [
        ("203.0.113.5", 1, "203.0.113.5"),
        ("192.0.2.1, 203.0.113.5", 1, "203.0.113.5"),
        ("192.0.2.1, 203.0.113.5, 10.0.0.3", 2, "203.0.113.5"),
        ("203.0.113.5", 2, "203.0.113.5"),
        ("pas-une-adresse", 1, "10.0.0.2"),
        (" , ", 1, "10.0.0.2"),
        ("", 1, "10.0.0.2"),
        ("2001:db8::1", 1, "2001:db8::1"),
        ("192.0.2.1, 203.0.113.5:4444", 1, "203.0.113.5"),
        ("[2001:db8::1]:4444", 1, "2001:db8::1"),
    ],
)
def test_the_client_address_is_read_from_the_right_and_never_empty(
    rf, settings, forwarded, proxies, address
):
    from cuf.accounts.throttling import client_address

    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2")
    assert client_address(request) == address


# Whatever is typed


@pytest.mark.parametrize(
    "username", ["x" * 300, "a\x00b", "é" * 256, "ligne\nsuivante", "\U0001f600" * 200]
)
def test_any_username_gets_the_login_form_back_with_its_french_error(client, username):
    response = client.post(LOGIN, {"username": username, "password": "mauvais"})
    assert response.status_code == 200
    assert "<title>Erreur\u00a0: Connexion" in response.text
    assert 'class="errornote"' in response.text or 'class="errorlist' in response.text
