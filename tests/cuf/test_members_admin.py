"""The members area in the admin: editors add and invite a person, deactivate them."""

import re

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


def _text(response) -> str:
    return re.sub(r"<[^>]+>", "", response.text)


def test_adding_a_member_or_an_organisation_says_so_in_plain_french(editor_client):
    added = editor_client.post(
        "/admin/cuf/memberorganisation/add/",
        {"name": "Ville de Rennes", "kind": "commune", "country": "France", "active": "on"},
        follow=True,
    )
    assert "L’organisation adhérente « Ville de Rennes » a été ajoutée." in _text(added)
    assert "objet" not in added.text
    organisation = MemberOrganisation.objects.get()
    page = editor_client.get("/admin/cuf/member/add/")
    assert "Nouvel adhérent" in page.text
    added = editor_client.post(
        "/admin/cuf/member/add/",
        {
            "email": "awa@rennes.example",
            "first_name": "Awa",
            "last_name": "Diop",
            "organisation": organisation.pk,
            "invite": "on",
        },
        follow=True,
    )
    assert (
        "L’adhérent « Awa Diop » a été ajouté ; une invitation lui a été envoyée par e-mail."
    ) in _text(added)
    assert "objet" not in added.text


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


CSV = (
    "email;prenom;nom;organisation;type;pays;fonction\n"
    "anne@nantes.example;Anne;Leroy;Ville de Nantes;commune;France;Adjointe\n"
    "pas-une-adresse;Marc;Petit;Ville de Nantes;commune;France;\n"
    "anne@nantes.example;Anne;Leroy;Ville de Nantes;commune;France;\n"
    "jo@bretagne.example;Jo;Le Gall;Région Bretagne;région;France;\n"
    "eve@x.example;Eve;Durand;Quelque part;planète;France;\n"
)


def test_csv_import_dry_run_writes_nothing_and_reports_refused_lines_in_french(tmp_path):
    from django.core.management import call_command

    path = tmp_path / "adherents.csv"
    path.write_text(CSV, encoding="utf-8")
    from io import StringIO

    out = StringIO()
    call_command("import_members", str(path), "--essai", stdout=out)
    text = out.getvalue()
    assert "Ligne 3 : adresse e-mail invalide (« pas-une-adresse »)." in text
    assert "Ligne 4 : adresse e-mail déjà présente plus haut dans le fichier" in text
    assert "Ligne 6 : type d’organisation inconnu (« planète »)" in text
    assert (
        "Essai (rien n’est enregistré) : 2 personnes seraient ajoutées, 2 organisations "
        "seraient créées, 3 lignes refusées." in text
    )
    assert not Member.objects.exists() and not MemberOrganisation.objects.exists()
    assert not mail.outbox


def test_csv_import_from_the_admin_creates_people_and_organisations(
    editor_client, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("adherents.csv", CSV.encode("cp1252"), "text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/admin/cuf/member/importer/", {"file": upload, "invite": "on"}
        )
    assert response.status_code == 200
    assert "2 personnes ajoutées, 2 organisations créées, 3 lignes refusées." in (response.text)
    assert MemberOrganisation.objects.get(name="Région Bretagne").kind == "region"
    assert sorted(Member.objects.values_list("user__email", flat=True)) == [
        "anne@nantes.example",
        "jo@bretagne.example",
    ]
    assert len(mail.outbox) == 2


def test_the_editorial_home_shows_reserved_items(editor_client, editor):
    from tests.factories import CommuniqueFactory

    CommuniqueFactory(title="Note interne", access="members", status="draft", author=editor)
    page = editor_client.get("/admin/").text
    assert "Note interne" in page
    assert "Réservé aux adhérents" in page


def test_the_accounts_list_names_a_member_by_their_organisation(superuser_client):
    from cuf.members.services import member_create

    organisation = MemberOrganisation.objects.create(name="Ville de Pau", kind="commune")
    member_create(
        email="luc@pau.example",
        first_name="Luc",
        last_name="Morel",
        organisation=organisation,
        invite=False,
    )
    page = superuser_client.get("/admin/auth/user/").text
    assert "Adhérent (Ville de Pau)" in page


def test_csv_import_refuses_damaged_or_overlong_lines_by_number_and_keeps_the_others(
    editor_client,
):
    # A spreadsheet's export may hold a NUL byte, a field that never ends, or values longer
    # than the accounts hold: each is a refused line of the report, never an error page.
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv_text = (
        "email,prenom,nom,organisation,pays,fonction\n"
        "ok@gers.example,Léa,Dupont,Département du Gers,France,Élue\n"
        "nul@gers.example,Jo\x00,Martin,Département du Gers,France,\n"
        "pays@gers.example,Ana,Lopez,Ville Neuve," + "x" * 101 + ",\n"
        "fonction@gers.example,Ana,Lopez,Département du Gers,France,"
        + "x" * 256
        + "\n"
        + "a" * 140
        + "@gers.example,Ana,Lopez,Département du Gers,France,\n"
        'fin@gers.example,Ana,Lopez,"' + "x" * 200_000 + "\n"
    )
    upload = SimpleUploadedFile("adherents.csv", csv_text.encode(), "text/csv")
    response = editor_client.post("/admin/cuf/member/importer/", {"file": upload, "dry_run": "on"})
    assert response.status_code == 200
    text = response.text
    assert "Ligne 3 : caractère nul" in text
    assert "Ligne 4 : texte trop long" in text
    assert "Ligne 5 : texte trop long" in text
    assert "Ligne 6 : texte trop long" in text
    assert "Ligne 7 : ligne illisible" in text
    assert "1 personne serait ajoutée" in text


def test_csv_import_report_agrees_with_its_counts():
    from cuf.members.csv_import import ImportReport

    report = ImportReport(dry_run=True, created_members=["Awa Diop"], refused=["Ligne 2 : …"])
    assert report.summary == (
        "Essai (rien n’est enregistré) : 1 personne serait ajoutée, 0 organisation serait créée, "
        "1 ligne refusée."
    )
