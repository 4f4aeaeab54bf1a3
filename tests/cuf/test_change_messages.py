"""History and the admin's log say what changed, and only that."""

import pytest
from django.contrib.admin.models import LogEntry
from reversion.models import Version

from communiques.models import Communique
from tests.admin_forms import admin_form_data
from tests.communiques.test_admin import add_form_data
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db

COMMUNIQUES = "/admin/communiques/communique/"


def _added(client, body: str) -> Communique:
    client.post(
        f"{COMMUNIQUES}add/",
        add_form_data(body=body, documents=[("Programme", pdf_upload())]),
    )
    return Communique.objects.get()


def _last_change(communique) -> str:
    entry = LogEntry.objects.filter(object_id=str(communique.pk)).order_by("-pk").first()
    return entry.get_change_message()


def test_saving_without_touching_anything_but_the_date_names_only_the_date(editor_client):
    communique = _added(
        editor_client,
        '<p>Un <a href="https://example.org">lien</a> et\r\n une ligne.</p>\r\n'
        "<ul><li>un</li></ul>",
    )
    change = f"{COMMUNIQUES}{communique.pk}/change/"
    data = admin_form_data(editor_client.get(change))
    # Browsers send a textarea's line breaks as CR LF.
    data["body"] = data["body"].replace("\r\n", "\n").replace("\n", "\r\n")
    data["published_at_0"] = "01/01/2026"
    response = editor_client.post(change, data)
    assert response.status_code == 302
    message = _last_change(communique)
    assert "Texte" not in message
    assert "publication" in message.lower()
    assert Version.objects.get_for_object(communique)[0].revision.comment == message


def test_replacing_a_document_file_is_logged_as_a_change_of_documents_only(editor_client):
    communique = _added(editor_client, '<p>Voir <a href="https://example.org">ici</a>.</p>')
    change = f"{COMMUNIQUES}{communique.pk}/change/"
    data = admin_form_data(editor_client.get(change))
    data["documents-0-file"] = pdf_upload(name="programme-v2.pdf")
    response = editor_client.post(change, data)
    assert response.status_code == 302
    assert _last_change(communique) == "Modification de Documents."


def test_changing_the_text_is_logged_as_such(editor_client):
    communique = _added(editor_client, "<p>Premier texte.</p>")
    change = f"{COMMUNIQUES}{communique.pk}/change/"
    data = admin_form_data(editor_client.get(change))
    response = editor_client.post(change, {**data, "body": "<p>Second texte.</p>"})
    assert response.status_code == 302
    assert _last_change(communique) == "Modification de Texte."


def test_saving_unchanged_logs_no_change(editor_client):
    communique = _added(editor_client, '<p>Un <a href="https://example.org">lien</a>.</p>')
    change = f"{COMMUNIQUES}{communique.pk}/change/"
    response = editor_client.post(change, admin_form_data(editor_client.get(change)))
    assert response.status_code == 302
    assert _last_change(communique) == "Aucun champ modifié."
