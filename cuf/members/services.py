"""Writes of the members area: add and invite a person, deactivate, import a CSV file."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from cuf.accounts.invitations import invitation_send
from cuf.members.models import Member, MemberOrganisation


def member_invite(*, member: Member, invited_by=None) -> None:
    """Mail the person a link to choose their password, on the members area's pages
    (through the mail job, once the transaction commits)."""
    invitation_send(
        user=member.user,
        invited_by=invited_by,
        url_name="members:invitation",
        login_url_name="members:login",
        organisation_name=member.organisation.name,
    )


@transaction.atomic
def member_create(
    *,
    email: str,
    first_name: str,
    last_name: str,
    organisation: MemberOrganisation,
    position: str = "",
    invite: bool = True,
    invited_by=None,
) -> Member:
    """A person of ``organisation`` with an account (its login is the e-mail address, no
    usable password until the invitation is used), invited by e-mail unless told not to."""
    email = email.strip().lower()
    User = get_user_model()
    if User._default_manager.filter(username__iexact=email).exists() or (
        User._default_manager.filter(email__iexact=email).exists()
    ):
        raise ValidationError({"email": "Un compte utilise déjà cette adresse."})
    user = User(username=email, email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    member = Member(user=user, organisation=organisation, position=position)
    member.full_clean()
    member.save()
    if invite:
        member_invite(member=member, invited_by=invited_by)
    return member


@transaction.atomic
def member_deactivate(*, member: Member) -> None:
    """The person loses access at their next request (the rule reads it every time)."""
    member.active = False
    member.save(update_fields=["active", "updated"])
