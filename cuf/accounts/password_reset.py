"""Editors reset a forgotten password themselves, by e-mail (Django's password reset,
under the admin's look and in French).

Whatever address is typed, the answer is the same page ("if an account uses this
address, a message is on its way"): nobody learns who has an account. Requests are
counted per client address and per e-mail address in the shared cache; beyond
``PASSWORD_RESET_LIMIT`` an hour, no more messages are sent, and the answer stays the same.
"""

import hashlib

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.urls import path, reverse_lazy

from cuf.accounts.throttling import client_address

WINDOW_SECONDS = 3600


class StaffPasswordResetForm(PasswordResetForm):
    """Only staff accounts sign in anywhere: only they are sent a link."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if user.is_staff)


def _spent(key: str) -> bool:
    """Count one more request under ``key``; True once over the hourly limit."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count > settings.PASSWORD_RESET_LIMIT


def _key(kind: str, value: str) -> str:
    return f"password-reset:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"


class AdminLook:
    """The admin's header and title on these pages, as on its login page."""

    def get_context_data(self, **kwargs):
        return {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}


class ThrottledPasswordResetView(AdminLook, auth_views.PasswordResetView):
    form_class = StaffPasswordResetForm
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        by_client = _spent(_key("client", client_address(self.request)))
        by_email = _spent(_key("email", email))
        if by_client or by_email:
            # The same answer as when a message is sent: nothing to learn from it.
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class ResetSentView(AdminLook, auth_views.PasswordResetDoneView):
    pass


class NewPasswordView(AdminLook, auth_views.PasswordResetConfirmView):
    pass


class NewPasswordSavedView(AdminLook, auth_views.PasswordResetCompleteView):
    pass


urlpatterns = [
    path(
        "admin/mot-de-passe-oublie/",
        ThrottledPasswordResetView.as_view(),
        name="admin_password_reset",
    ),
    path("admin/mot-de-passe-oublie/envoye/", ResetSentView.as_view(), name="password_reset_done"),
    path(
        "admin/nouveau-mot-de-passe/<uidb64>/<token>/",
        NewPasswordView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "admin/nouveau-mot-de-passe/enregistre/",
        NewPasswordSavedView.as_view(),
        name="password_reset_complete",
    ),
]
