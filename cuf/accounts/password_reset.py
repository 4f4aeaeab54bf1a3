"""Editors reset a forgotten password themselves, by e-mail (Django's password reset,
under the admin's look and in French).

Whatever address is typed, the answer is the same page ("if an account uses this
address, a message is on its way"), after the same work: the request queues one job with
the typed address and looks nothing up, so neither its answer nor its time tells who has
an account. The job (``send_password_reset``, in the worker) finds the staff accounts of
that address and mails each a link built on ``SITE_URL``, never on the request's Host.
Requests are counted per client address and per e-mail address in the shared cache;
beyond ``PASSWORD_RESET_LIMIT`` an hour, no more jobs are queued, and the answer stays the
same.

Anyone may use up an address's count, for someone else's address: never silently. The
message sent for the last request an address is allowed in the hour says so, and that
further requests get no message for up to an hour; its link works like the others, so
the account's owner is never left without one.
"""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponseRedirect
from django.urls import path, reverse_lazy
from django_tasks import task

from cuf.accounts.new_password import NewPasswordForm
from cuf.accounts.throttling import throttled_address

WINDOW_SECONDS = 3600


class StaffPasswordResetForm(PasswordResetForm):
    """Only staff accounts sign in anywhere: only they are sent a link."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if user.is_staff)


def _count(key: str) -> int:
    """Count one more request under ``key`` this hour; the count so far."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


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
        limit = settings.PASSWORD_RESET_LIMIT
        by_client = _count(_key("client", throttled_address(self.request)))
        by_email = _count(_key("email", email))
        if by_client <= limit and by_email <= limit:
            self.enqueue(email, last=by_email == limit)
        # The same answer whatever happens next: nothing to learn from it.
        return HttpResponseRedirect(self.get_success_url())

    def enqueue(self, email: str, *, last: bool) -> None:
        send_password_reset.enqueue(email, last=last)


def link_lifetime() -> str:
    """How long a reset link works, in words."""
    minutes = settings.PASSWORD_RESET_TIMEOUT // 60
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} heure{'s' if hours > 1 else ''}"
    return f"{minutes} minute{'s' if minutes > 1 else ''}"


def mail_reset_link(form_class, email: str, *, last: bool, email_template: str) -> str:
    """A reset link to each account ``form_class`` finds for ``email`` (none: no mail);
    ``last``: the last request this address may make this hour, which the message says."""
    if not settings.SITE_URL:
        raise ImproperlyConfigured("SITE_URL doit être défini pour écrire le lien du message.")
    form = form_class(data={"email": email})
    if not form.is_valid():
        return "adresse invalide"
    site = urlsplit(settings.SITE_URL)
    form.save(
        domain_override=site.netloc,
        use_https=site.scheme == "https",
        subject_template_name="registration/cuf_password_reset_subject.txt",
        email_template_name=email_template,
        extra_email_context={
            "site_url": settings.SITE_URL,
            "organisation": settings.ORGANISATION["name"],
            "site_name": settings.SITE_NAME,
            "lifetime": link_lifetime(),
            "last": last,
            "limit": settings.PASSWORD_RESET_LIMIT,
        },
    )
    return "traité"


@task()
def send_password_reset(email: str, last: bool = False) -> str:
    """In the worker: a reset link to each staff account of ``email``."""
    return mail_reset_link(
        StaffPasswordResetForm,
        email,
        last=last,
        email_template="registration/cuf_password_reset_email.txt",
    )


class ResetSentView(AdminLook, auth_views.PasswordResetDoneView):
    pass


class NewPasswordView(AdminLook, auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm


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
