"""History and the admin's log say what changed, and only that."""

import re

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


def _compare(client, communique):
    versions = Version.objects.get_for_object(communique)
    return client.get(
        f"{COMMUNIQUES}{communique.pk}/history/compare/",
        {"version_id1": versions.last().pk, "version_id2": versions[0].pk},
    )


def test_compare_shows_only_what_changed_in_french_with_one_breadcrumb(editor_client):
    communique = _added(editor_client, "<p>Premier texte.</p>")
    change = f"{COMMUNIQUES}{communique.pk}/change/"
    data = admin_form_data(editor_client.get(change))
    editor_client.post(change, {**data, "body": "<p>Second texte.</p>"})
    page = _compare(editor_client, communique).text
    # Words, not HTML source: the text as it reads, the changed word marked.
    assert re.search(r'<del class="cuf-diff-del">.*?supprimé : </span>Premier</del>', page)
    assert re.search(r'<ins class="cuf-diff-ins">.*?ajouté : </span>Second</ins> texte.', page)
    assert "&lt;p&gt;" not in page
    headings = re.findall(r'<h2 class="cuf-compare-field">(.*?)</h2>', page)
    # Neither the author nor the untouched document is reported.
    assert headings == ["Texte", "Commentaire de la modification"]
    breadcrumb = re.sub(
        r"\s+",
        " ",
        re.sub(
            r"<[^>]+>", "", re.search(r'<div class="breadcrumbs">(.*?)</div>', page, re.S).group(1)
        ),
    ).strip()
    assert breadcrumb == (
        "Accueil › Communiqués › Webinaire du 19 mai › Historique › Comparer deux versions"
    )
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>|<[^>]+>", "", page, flags=re.S)
    for english in ("PREVIOUS", "previous", "Revert", "reversion control", "Compare", "*"):
        assert not re.search(rf"(?<!\w){re.escape(english)}(?!\w)", text), english
    assert "Restaurer la version 1 du" in page


def test_compare_names_each_version_by_its_number_when_saved_the_same_minute(editor_client):
    communique = _added(editor_client, "<p>Premier texte.</p>")
    change = f"{COMMUNIQUES}{communique.pk}/change/"
    data = admin_form_data(editor_client.get(change))
    editor_client.post(change, {**data, "body": "<p>Second texte.</p>"})
    page = re.sub(r"<[^>]+>", "", _compare(editor_client, communique).text)
    # Both dates read the same to the minute: only the numbers tell which is which.
    assert re.search(r"Différences entre la version 1 du .+? et la version 2 du .+? :", page)
    assert re.search(r"Restaurer la version 1 du ", page)


def test_compare_lists_a_replaced_document_file(editor_client):
    communique = _added(editor_client, "<p>Texte.</p>")
    change = f"{COMMUNIQUES}{communique.pk}/change/"
    data = admin_form_data(editor_client.get(change))
    data["documents-0-file"] = pdf_upload(name="programme-v2.pdf")
    editor_client.post(change, data)
    page = _compare(editor_client, communique).text
    assert "Programme : fichier modifié" in page
    assert re.findall(r'<h2 class="cuf-compare-field">(.*?)</h2>', page)[0] == "Documents"


def test_moderators_see_history_and_compare_without_links_they_may_not_follow(
    editor_client, moderator_client
):
    communique = _added(editor_client, "<p>Premier texte.</p>")
    change = f"{COMMUNIQUES}{communique.pk}/change/"
    data = admin_form_data(editor_client.get(change))
    editor_client.post(change, {**data, "body": "<p>Second texte.</p>"})
    history = moderator_client.get(f"{COMMUNIQUES}{communique.pk}/history/")
    assert history.status_code == 200
    compare = _compare(moderator_client, communique)
    assert compare.status_code == 200
    for page in (history.text, compare.text):
        for link in re.findall(r'href="([^"]+)"', page):
            if link.startswith("/admin/") and "logout" not in link:
                assert moderator_client.get(link).status_code == 200, link
