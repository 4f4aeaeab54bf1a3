"""History: who changed what and when, compare, revert, recover a deleted item whole."""

import pytest
from reversion.models import Version

from communiques.models import Communique
from cuf.files.models import Attachment
from cuf.publishing.previews import preview_path
from cuf.themes.models import Theme
from cuf.themes.services import theme_merge
from tests.admin_forms import admin_form_data
from tests.communiques.test_admin import add_form_data
from tests.factories import ThemeFactory
from tests.files import pdf_upload
from tests.helpers import file_content

pytestmark = pytest.mark.django_db

COMMUNIQUES = "/admin/communiques/communique/"


def _write_then_edit(client) -> Communique:
    covid = ThemeFactory(name="COVID-19")
    client.post(
        f"{COMMUNIQUES}add/",
        add_form_data(
            body="<p>Première version du texte.</p>",
            themes=[covid],
            documents=[("Programme", pdf_upload())],
        ),
    )
    communique = Communique.objects.get()
    change = f"{COMMUNIQUES}{communique.pk}/change/"
    data = admin_form_data(client.get(change))
    response = client.post(change, {**data, "body": "<p>Texte réécrit.</p>"})
    assert response.status_code == 302
    return communique


def test_history_lists_who_changed_the_item_and_compares_versions(editor_client):
    communique = _write_then_edit(editor_client)
    haiti = ThemeFactory(name="Haïti")
    change = f"{COMMUNIQUES}{communique.pk}/change/"
    data = admin_form_data(editor_client.get(change))
    editor_client.post(
        change, {**data, "themes": [str(t.pk) for t in communique.themes.all()] + [str(haiti.pk)]}
    )
    history = editor_client.get(f"{COMMUNIQUES}{communique.pk}/history/")
    assert history.status_code == 200
    assert history.text.count("redactrice") >= 2
    newest, oldest = (
        Version.objects.get_for_object(communique)[0],
        Version.objects.get_for_object(communique).last(),
    )
    compare = editor_client.get(
        f"{COMMUNIQUES}{communique.pk}/history/compare/",
        {"version_id1": oldest.pk, "version_id2": newest.pk},
    )
    assert compare.status_code == 200
    assert "supprimé : </span>Première version du texte.</del>" in compare.text
    assert "ajouté : </span>Texte réécrit.</ins>" in compare.text
    assert '<h2 class="cuf-compare-field">Thèmes</h2>' in compare.text
    assert "Haïti" in compare.text


def test_edit_then_revert_restores_the_old_body(editor_client, client):
    communique = _write_then_edit(editor_client)
    oldest = Version.objects.get_for_object(communique).last()
    revision_page = editor_client.get(f"{COMMUNIQUES}{communique.pk}/history/{oldest.pk}/")
    assert revision_page.status_code == 200
    assert "Première version du texte." in revision_page.text
    response = editor_client.post(
        f"{COMMUNIQUES}{communique.pk}/history/{oldest.pk}/", admin_form_data(revision_page)
    )
    assert response.status_code == 302
    assert "Première version du texte." in client.get(communique.get_absolute_url()).text


def test_delete_then_recover_restores_the_item_its_themes_and_its_documents(editor_client):
    communique = _write_then_edit(editor_client)
    document = communique.attachments.get()
    pk, theme_names = communique.pk, ["COVID-19"]
    response = editor_client.post(f"{COMMUNIQUES}{pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Communique.objects.exists() and not Attachment.objects.exists()
    # The deleted document is no longer downloadable.
    assert editor_client.get(document.get_absolute_url()).status_code == 404

    recover_list = editor_client.get(f"{COMMUNIQUES}recover/")
    assert "Webinaire du 19 mai" in recover_list.text
    version = Version.objects.get_deleted(Communique).get(object_id=str(pk))
    recover_page = editor_client.get(f"{COMMUNIQUES}recover/{version.pk}/")
    assert recover_page.status_code == 200
    response = editor_client.post(
        f"{COMMUNIQUES}recover/{version.pk}/", admin_form_data(recover_page)
    )
    assert response.status_code == 302

    recovered = Communique.objects.get(pk=pk)
    assert recovered.body == "<p>Texte réécrit.</p>"
    assert [theme.name for theme in recovered.themes.all()] == theme_names
    restored = recovered.attachments.get()
    assert restored.title == "Programme"
    download = editor_client.get(restored.get_absolute_url())
    assert file_content(download).startswith(b"%PDF-")


# Revoked preview links stay revoked


def _revoke_links(editor_client, communique) -> None:
    response = editor_client.post(
        COMMUNIQUES, {"action": "revoke_preview_links", "_selected_action": [communique.pk]}
    )
    assert response.status_code == 302


def _revert(editor_client, communique, version) -> None:
    url = f"{COMMUNIQUES}{communique.pk}/history/{version.pk}/"
    response = editor_client.post(url, admin_form_data(editor_client.get(url)))
    assert response.status_code == 302


@pytest.mark.parametrize("which", ["latest", "oldest"])
def test_a_revoked_preview_link_stays_dead_after_reverting_to_any_version(
    editor_client, client, which
):
    communique = _write_then_edit(editor_client)
    link = preview_path(communique)
    assert client.get(link).status_code == 200
    _revoke_links(editor_client, communique)
    versions = Version.objects.get_for_object(communique)
    _revert(editor_client, communique, versions.first() if which == "latest" else versions.last())
    assert client.get(link).status_code == 410
    # A link made now works.
    assert client.get(preview_path(communique)).status_code == 200


def test_a_revoked_preview_link_stays_dead_after_deleting_and_recovering(editor_client, client):
    communique = _write_then_edit(editor_client)
    link = preview_path(communique)
    _revoke_links(editor_client, communique)
    editor_client.post(f"{COMMUNIQUES}{communique.pk}/delete/", {"post": "yes"})
    version = Version.objects.get_deleted(Communique).get(object_id=str(communique.pk))
    recover = f"{COMMUNIQUES}recover/{version.pk}/"
    assert (
        editor_client.post(recover, admin_form_data(editor_client.get(recover))).status_code == 302
    )
    assert client.get(link).status_code == 410


# Restoring a version whose world moved on


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


def test_restoring_a_version_follows_a_theme_merged_since_and_says_so(editor_client, client):
    communique = _write_then_edit(editor_client)  # its versions are tagged "COVID-19"
    covid = Theme.objects.get(name="COVID-19")
    kept = ThemeFactory(name="Coronavirus")
    theme_merge(sources=[covid], target=kept)
    oldest = Version.objects.get_for_object(communique).last()
    url = f"{COMMUNIQUES}{communique.pk}/history/{oldest.pk}/"
    page = editor_client.get(url)
    assert page.status_code == 200
    said = "Le thème « COVID-19 » a été fusionné depuis dans « Coronavirus »"
    assert said in page.text
    response = editor_client.post(url, admin_form_data(page), follow=True)
    assert response.status_code == 200
    assert any(said in message for message in _messages(response))
    communique.refresh_from_db()
    assert [theme.name for theme in communique.themes.all()] == ["Coronavirus"]
    assert "Première version du texte." in client.get(communique.get_absolute_url()).text


def test_restoring_a_version_leaves_out_a_theme_deleted_since_and_says_so(editor_client):
    communique = _write_then_edit(editor_client)
    Theme.objects.get(name="COVID-19").delete()
    oldest = Version.objects.get_for_object(communique).last()
    url = f"{COMMUNIQUES}{communique.pk}/history/{oldest.pk}/"
    response = editor_client.post(url, admin_form_data(editor_client.get(url)), follow=True)
    assert response.status_code == 200
    assert any("« COVID-19 » a été supprimé depuis" in m for m in _messages(response))
    communique.refresh_from_db()
    assert not communique.themes.exists()


def test_recovering_a_deleted_item_follows_a_theme_merged_since(editor_client):
    communique = _write_then_edit(editor_client)
    pk = communique.pk
    editor_client.post(f"{COMMUNIQUES}{pk}/delete/", {"post": "yes"})
    theme_merge(sources=[Theme.objects.get(name="COVID-19")], target=ThemeFactory(name="Santé"))
    version = Version.objects.get_deleted(Communique).get(object_id=str(pk))
    recover = f"{COMMUNIQUES}recover/{version.pk}/"
    response = editor_client.post(recover, admin_form_data(editor_client.get(recover)))
    assert response.status_code == 302
    assert [theme.name for theme in Communique.objects.get(pk=pk).themes.all()] == ["Santé"]


def test_restoring_a_version_from_before_a_file_was_replaced_hides_the_document_and_asks_for_it(
    editor_client, client, django_capture_on_commit_callbacks
):
    communique = _write_then_edit(editor_client)
    oldest = Version.objects.get_for_object(communique).last()
    change = f"{COMMUNIQUES}{communique.pk}/change/"
    data = admin_form_data(editor_client.get(change))
    new_file = pdf_upload(name="v2.pdf", text="Programme, version deux.")
    # The replaced file is deleted once the change commits.
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(change, {**data, "documents-0-file": new_file})
    url = f"{COMMUNIQUES}{communique.pk}/history/{oldest.pk}/"
    response = editor_client.post(url, admin_form_data(editor_client.get(url)), follow=True)
    assert response.status_code == 200
    assert any(
        "Le fichier de « Programme » n’existe plus" in message and "envoyez-le à nouveau" in message
        for message in _messages(response)
    )
    page = client.get(communique.get_absolute_url())
    assert "Programme" not in page.text
    assert client.get(communique.attachments.get().get_absolute_url()).status_code == 404


def test_restoring_a_draft_version_of_a_published_item_says_it_left_the_site(editor_client):
    communique = _write_then_edit(editor_client)  # written and rewritten as published
    change = f"{COMMUNIQUES}{communique.pk}/change/"
    data = admin_form_data(editor_client.get(change))
    editor_client.post(change, {**data, "status": "draft", "body": "<p>Brouillon.</p>"})
    draft_version = Version.objects.get_for_object(communique).first()
    editor_client.post(COMMUNIQUES, {"action": "publish", "_selected_action": [communique.pk]})
    url = f"{COMMUNIQUES}{communique.pk}/history/{draft_version.pk}/"
    response = editor_client.post(url, admin_form_data(editor_client.get(url)), follow=True)
    assert any(
        "La version restaurée n’est pas publiée (brouillon)" in m for m in _messages(response)
    )
    communique.refresh_from_db()
    assert not communique.is_public
