"""The members area in the admin: editors add and invite a person, deactivate them."""

import pytest
from django.core import mail

from cuf.members.models import Member, MemberOrganisation

pytestmark = pytest.mark.django_db


def test_an_editor_adds_a_member_who_is_invited_by_email_to_the_members_area(
    editor_client, django_capture_on_commit_callbacks
):
    organisation = MemberOrganisation.objects.create(name="Ville de Rennes", kind="commune")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/admin/cuf/member/add/",
            {
                "email": "Claire@Rennes.example",
                "first_name": "Claire",
                "last_name": "Martin",
                "organisation": organisation.pk,
                "position": "Chargée de mission",
                "invite": "on",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    member = Member.objects.get()
    assert member.user.email == "claire@rennes.example"
    assert not member.user.is_staff
    assert not member.user.has_usable_password()
    message = mail.outbox[-1]
    assert message.to == ["claire@rennes.example"]
    assert "/espace-adherents/invitation/" in message.body
    assert "Ville de Rennes" in message.body


def test_an_editor_deactivates_a_member(editor_client, django_user_model):
    organisation = MemberOrganisation.objects.create(name="Région Test", kind="region")
    user = django_user_model.objects.create_user(username="a@b.example", email="a@b.example")
    member = Member.objects.create(user=user, organisation=organisation)
    response = editor_client.post(
        "/admin/cuf/member/",
        {"action": "deactivate", "_selected_action": [member.pk]},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.active
    assert not Member.objects.active().exists()


def test_content_lists_filter_by_access(editor_client):
    response = editor_client.get("/admin/communiques/communique/?access__exact=members")
    assert response.status_code == 200
