"""cuf.accounts.new_password: where a person choosing a password reads what is wrong."""

import pytest

from cuf.accounts.new_password import NewPasswordForm

pytestmark = pytest.mark.django_db


def _form(user, first, second):
    form = NewPasswordForm(user, data={"new_password1": first, "new_password2": second})
    form.is_valid()
    return form


def test_a_weak_password_is_said_under_the_password_not_the_confirmation(django_user_model):
    user = django_user_model.objects.create_user("awa", email="awa@example.org")
    form = _form(user, "azerty", "azerty")
    assert form.errors["new_password1"]
    assert "court" in " ".join(form.errors["new_password1"])
    assert "new_password2" not in form.errors


def test_two_different_passwords_are_said_under_the_confirmation(django_user_model):
    user = django_user_model.objects.create_user("awa", email="awa@example.org")
    form = _form(user, "Occitanie-solidaire-2026", "Occitanie-solidaire-2027")
    assert list(form.errors) == ["new_password2"]


def test_a_good_password_is_saved(django_user_model):
    user = django_user_model.objects.create_user("awa", email="awa@example.org")
    form = _form(user, "Occitanie-solidaire-2026", "Occitanie-solidaire-2026")
    assert form.is_valid(), form.errors
    form.save()
    user.refresh_from_db()
    assert user.check_password("Occitanie-solidaire-2026")
