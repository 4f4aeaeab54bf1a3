"""The members area's pages, under /espace-adherents/: sign in, sign out, forgotten
password, invitation, and the home page listing the latest reserved items.

Sign-in goes through Django's ``authenticate`` with the request, so django-axes throttles
it exactly as the admin's (same lock-out rules and proxy handling,
cuf.accounts.throttling). The forgotten password reuses the admin's throttled, look-up-
free request (cuf.accounts.password_reset): the worker mails only members.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.views.generic import TemplateView
from django_tasks import task

from cuf import content_types
from cuf.accounts.invitations import AcceptInvitation
from cuf.accounts.new_password import NewPasswordForm
from cuf.accounts.password_reset import AdminLook, ThrottledPasswordResetView, mail_reset_link
from cuf.members.access import is_member
from cuf.members.models import Member
from cuf.publishing.page_cache import never_shared

LATEST = 5


class MemberAuthenticationForm(AuthenticationForm):
    """Only active members of an active organisation sign in here (staff use the admin)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Adresse e-mail ou mot de passe incorrect.",
        "inactive": "Ce compte n’est pas actif.",
        "not_member": (
            "Ce compte ne donne pas accès à l’espace adhérents. Les comptes de l’équipe se "
            "connectent à l’administration."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Adresse e-mail"
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        # Members sign in with their e-mail address: a phone shows its « @ » keyboard.
        self.fields["username"].widget.input_type = "email"
        self.fields["password"].label = "Mot de passe"

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.is_staff or not Member.objects.active().filter(user=user).exists():
            raise ValidationError(self.error_messages["not_member"], code="not_member")


class Private:
    """Pages of one person: never kept by a cache."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        never_shared(response)
        return response


class PortalName:
    """Django's sign-in and sign-out views name the site by its domain (``site_name``),
    which would replace the portal's name in the header, the footer and the title."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "site_name": settings.SITE_NAME}


class MemberLoginView(Private, PortalName, auth_views.LoginView):
    template_name = "members/login.html"
    form_class = MemberAuthenticationForm
    redirect_authenticated_user = False

    def get_default_redirect_url(self):
        return reverse("members:home")


class MemberLogoutView(Private, PortalName, auth_views.LogoutView):
    template_name = "members/logged_out.html"
    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        # A page with the sign-out button (signing out is a POST, CSRF-protected).
        return self.render_to_response(self.get_context_data(confirm=True))

    def post(self, request, *args, **kwargs):
        from django.contrib.auth import logout

        logout(request)
        return self.render_to_response(self.get_context_data(confirm=False))


def latest_reserved(limit: int = LATEST) -> list[dict]:
    """For each type, its latest published reserved items (one query a type), each with
    the date its type shows in lists (``shown_at``: an event's start), if not its
    publication."""
    sections = []
    for config in content_types.all_types():
        items = list(config.model.objects.published().reserved()[:limit])
        for item in items:
            own = config.shown_date != "published_at"
            item.shown_at = getattr(item, config.shown_date) if own else None
        sections.append({"config": config, "items": items})
    return sections


class MemberHomeView(Private, TemplateView):
    template_name = "members/home.html"

    def dispatch(self, request, *args, **kwargs):
        if not is_member(request):
            return HttpResponseRedirect(f"{reverse('members:login')}?next={request.path}")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        member = Member.objects.select_related("organisation").get(user=self.request.user)
        return super().get_context_data(
            member=member, organisation=member.organisation, sections=latest_reserved(), **kwargs
        )


# -- Forgotten password --------------------------------------------------------------------


class MemberPasswordResetForm(PasswordResetForm):
    """Only members are sent a link here (staff reset theirs from the admin)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Adresse e-mail"

    def get_users(self, email):
        members = set(Member.objects.active().values_list("user_id", flat=True))
        return (user for user in super().get_users(email) if user.pk in members)


class MemberPasswordResetView(Private, ThrottledPasswordResetView):
    template_name = "members/password_reset.html"
    form_class = MemberPasswordResetForm
    success_url = reverse_lazy("members:password_reset_done")
    send = None  # the member's job, below

    def get_context_data(self, **kwargs):
        # The public site's look, not the admin's (AdminLook's context left out).
        return super(AdminLook, self).get_context_data(**kwargs)

    def enqueue(self, email: str, *, last: bool) -> None:
        send_member_password_reset.enqueue(email, last=last)


@task()
def send_member_password_reset(email: str, last: bool = False) -> str:
    """In the worker: a reset link to the member account of ``email``."""
    return mail_reset_link(
        MemberPasswordResetForm, email, last=last, email_template="members/password_reset_email.txt"
    )


class MemberResetSentView(Private, auth_views.PasswordResetDoneView):
    template_name = "members/password_reset_done.html"


class MemberNewPasswordView(Private, auth_views.PasswordResetConfirmView):
    template_name = "members/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("members:password_reset_complete")


class MemberNewPasswordSavedView(Private, auth_views.PasswordResetCompleteView):
    template_name = "members/password_reset_complete.html"


# -- Invitation ----------------------------------------------------------------------------


class MemberInvitationView(Private, AcceptInvitation):
    template_name = "members/invitation.html"
    done_url = "members:invitation_done"

    def accepts(self, user) -> bool:
        return not user.is_staff and Member.objects.filter(user=user).exists()


class MemberInvitationDoneView(Private, TemplateView):
    template_name = "members/invitation_done.html"
