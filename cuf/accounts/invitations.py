"""Inviting a person to choose their password, by e-mail: the team's accounts, and the
members area's people (cuf.members.services.member_invite: its own pages and sign-in).

``invitation_send(user=...)`` mails the account a link to ``/admin/invitation/<jeton>/``
(through the mail job: cuf.operations.mail), built on ``SITE_URL``, never on a request's
Host. The link is signed (``SECRET_KEY``), works ``INVITATION_DAYS`` days (the message
says how long) and once: the token carries a digest of the account's password as it was
when sent, so choosing a password (or any later change of it) spends every link sent
before. An account invited has no usable password until then: nobody can sign in to it.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.views.generic import FormView

from cuf.accounts.new_password import NewPasswordForm
from cuf.accounts.password_reset import AdminLook
from cuf.operations.site_url import absolute_url

SALT = "cuf.accounts.invitation"


def _state(user) -> str:
    """What using the link changes: the password (and the account's id and address)."""
    state = f"{user.pk}:{user.password}:{user.email}"
    return hashlib.sha256(state.encode()).hexdigest()[:32]


def invitation_lifetime() -> str:
    days = settings.INVITATION_DAYS
    return f"{days} jour{'s' if days > 1 else ''}"


def invitation_token(*, user) -> str:
    return signing.dumps({"u": user.pk, "s": _state(user)}, salt=SALT, compress=True)


def invitation_user(*, token: str):
    """The account ``token`` invites, or None: altered, expired or already used."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.INVITATION_DAYS * 86400)
    except signing.BadSignature:  # SignatureExpired included
        return None
    user = get_user_model()._default_manager.filter(pk=data.get("u"), is_active=True).first()
    if user is None or data.get("s") != _state(user):
        return None
    return user


def invitation_url(*, user, url_name: str = "invitation_accept") -> str:
    return absolute_url(reverse(url_name, args=[invitation_token(user=user)]))


def invitation_send(
    *,
    user,
    role_label: str = "",
    invited_by=None,
    url_name: str = "invitation_accept",
    login_url_name: str = "admin:login",
    organisation_name: str = "",
) -> None:
    """Mail ``user`` an invitation to choose their password (queued as a mail job, sent
    once the current transaction commits: cuf.operations.mail). The members area gives
    its own pages (``url_name``, ``login_url_name``) and the member's organisation."""
    context = {
        "user": user,
        "role_label": role_label,
        "invited_by": invited_by.get_full_name() or invited_by.get_username()
        if invited_by is not None
        else "",
        "url": invitation_url(user=user, url_name=url_name),
        "lifetime": invitation_lifetime(),
        "site_name": settings.SITE_NAME,
        "organisation": settings.ORGANISATION["name"],
        "login_url": absolute_url(reverse(login_url_name)),
        "member_organisation": organisation_name,
    }
    send_mail(
        subject=render_to_string("registration/cuf_invitation_subject.txt", context).strip(),
        message=render_to_string("registration/cuf_invitation_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


class AcceptInvitation(FormView):
    """The invited person chooses a password (Django's own rules and form), once; a link
    that is not, or no longer, valid answers 410. Staff and members each have their page
    (``template_name``) and the page they land on (``done_url``)."""

    form_class = NewPasswordForm
    done_url = ""

    def accepts(self, user) -> bool:
        """Whether this page is the one ``user`` was invited to (a team member's link
        opens no member's page, nor the reverse)."""
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        invited = invitation_user(token=kwargs["token"])
        self.invited = invited if invited is not None and self.accepts(invited) else None
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.invited}

    def get(self, request, *args, **kwargs):
        if self.invited is None:
            return self.render_to_response(self.get_context_data(form=None), status=410)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.invited is None:
            return self.render_to_response(self.get_context_data(form=None), status=410)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        form.save()
        return HttpResponseRedirect(reverse(self.done_url))

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "invited": self.invited,
            "lifetime": invitation_lifetime(),
        }


class InvitationAcceptView(AdminLook, AcceptInvitation):
    def accepts(self, user) -> bool:
        return user.is_staff

    template_name = "registration/cuf_invitation_accept.html"
    done_url = "invitation_done"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": "Choisissez votre mot de passe"}


class InvitationDoneView(AdminLook, FormView):
    template_name = "registration/cuf_invitation_done.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(title="Mot de passe enregistré", form=None)
        )


urlpatterns = [
    path(
        "admin/invitation/<str:token>/",
        InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path("admin/invitation-acceptee/", InvitationDoneView.as_view(), name="invitation_done"),
]
