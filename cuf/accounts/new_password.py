"""The form where a person chooses their password: an invitation's, a reset's (staff and
members)."""

from django import forms
from django.contrib.auth.forms import SetPasswordForm


class NewPasswordForm(SetPasswordForm):
    """Django's form, with what the validators say of the password under the password
    itself (Django writes it under the confirmation, where it reads as a typing error);
    two different passwords are still said under the confirmation."""

    def clean(self):
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        return forms.Form.clean(self)
