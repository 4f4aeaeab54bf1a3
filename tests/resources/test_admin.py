import html

import pytest

from resources.models import Resource
from tests.factories import ResourceFactory, resource_with_file
from tests.files import image_upload, pdf_upload, wav_upload
from tests.helpers import admin_item_data

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/resources/resource/"
ADD = "/admin/resources/resource/add/"


def add_form_data(**fields) -> dict:
    return admin_item_data(
        "Guide pratique climat",
        "guide-pratique-climat",
        {
            "kind": "texte",
            "description": "<p>Méthodes et exemples.</p>",
            "external_url": "",
            "credit": "CUF",
            "transcript": "",
            "image_alt": "",
        },
        **fields,
    )


def test_changelist_search_finds_by_transcript_and_filters_by_kind(superuser_client):
    resource_with_file(kind=Resource.Kind.TEXT, upload=pdf_upload(), title="Guide climat")
    ResourceFactory(title="Entretien radio", transcript="dix ans de partenariat")
    found = superuser_client.get(CHANGELIST, {"q": "partenariat"})
    assert "Entretien radio" in found.text and "Guide climat" not in found.text
    texts = superuser_client.get(CHANGELIST, {"kind__exact": "texte"})
    assert "Guide climat" in texts.text and "Entretien radio" not in texts.text


def test_adding_a_text_resource_records_its_file_and_author(superuser_client):
    upload = pdf_upload()
    response = superuser_client.post(ADD, add_form_data(file=upload))
    assert response.status_code == 302
    resource = Resource.objects.get(slug="guide-pratique-climat")
    assert resource.author.username == "chef"
    assert resource.content_type == "application/pdf"
    assert resource.size == upload.size


def test_a_file_that_does_not_fit_the_kind_is_refused(superuser_client):
    response = superuser_client.post(ADD, add_form_data(file=wav_upload()))
    assert response.status_code == 200
    assert "Ce type de fichier n’est pas accepté ici" in response.text
    assert not Resource.objects.exists()


def test_a_photo_is_entered_with_its_text_alternative_which_its_page_uses(superuser_client, client):
    without = superuser_client.post(ADD, add_form_data(kind="photo", file=image_upload()))
    assert without.status_code == 200
    assert "le texte alternatif est obligatoire" in without.text
    assert not Resource.objects.exists()
    response = superuser_client.post(
        ADD,
        add_form_data(kind="photo", file=image_upload(), image_alt="Un puits neuf au soleil"),
    )
    assert response.status_code == 302
    photo = Resource.objects.get()
    assert photo.image_alt == "Un puits neuf au soleil"
    assert 'alt="Un puits neuf au soleil"' in client.get(photo.get_absolute_url()).text


def test_a_text_alternative_or_a_transcription_where_the_kind_has_none_is_refused(
    superuser_client,
):
    response = superuser_client.post(
        ADD, add_form_data(file=pdf_upload(), image_alt="Une couverture bleue")
    )
    assert response.status_code == 200
    assert "Le texte alternatif ne concerne que les photos." in response.text
    response = superuser_client.post(
        ADD, add_form_data(file=pdf_upload(), transcript="Bonjour à tous.")
    )
    assert "La transcription ne concerne que le son et la vidéo." in response.text
    assert not Resource.objects.exists()


def test_the_form_says_which_fields_each_kind_shows_and_moderators_read_only_those(
    superuser_client, moderator_client
):
    import json
    import re

    page = superuser_client.get(ADD).text
    rules = json.loads(
        re.search(
            r'<script id="cuf-fields-by-kind" type="application/json">(.*?)</script>', page
        ).group(1)
    )
    assert rules == {
        "chooser": "kind",
        "fields": {"image_alt": ["photo"], "transcript": ["son", "video"]},
        "required": {"image_alt": ["photo"]},
    }
    assert "cuf/js/fields-by-kind.js" in page
    video = ResourceFactory(kind=Resource.Kind.VIDEO, transcript="Bonjour à tous.")
    shown = moderator_client.get(f"{CHANGELIST}{video.pk}/change/").text
    assert "field-transcript" in shown and "field-image_alt" not in shown
    assert "cuf-fields-by-kind" not in shown


def test_publishing_from_the_list_leaves_a_resource_without_its_file_as_a_draft_and_says_why(
    editor_client,
):
    ready = ResourceFactory(draft=True, title="Guide prêt")
    waiting = ResourceFactory(draft=True, title="Guide à venir", external_url="")
    response = editor_client.post(
        "/admin/resources/resource/",
        {"action": "publish", "_selected_action": [ready.pk, waiting.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "1 ressource publiée." in response.text
    assert "Pas de publication pour « Guide à venir » : Indiquez un fichier" in html.unescape(
        response.text
    )
    waiting.refresh_from_db()
    ready.refresh_from_db()
    assert (ready.is_public, waiting.status) == (True, "draft")


@pytest.mark.parametrize("kind", ["son", "video"])
def test_a_sound_or_video_saved_without_its_transcript_is_saved_and_says_it_lacks_one(
    superuser_client, kind
):
    from django.contrib.messages import get_messages

    data = add_form_data(kind=kind, external_url="https://www.youtube.com/watch?v=aqz-KE-bpKQ")
    response = superuser_client.post(ADD, data, follow=True)
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert Resource.objects.get().kind == kind
    # After the message that the save was done.
    assert "a été ajoutée" in said[0] and "n’a pas encore de transcription" in said[1], said

    with_transcript = add_form_data(
        kind=kind,
        title="Entretien transcrit",
        slug="entretien-transcrit",
        external_url="https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        transcript="Bonjour à tous.",
    )
    response = superuser_client.post(ADD, with_transcript, follow=True)
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert Resource.objects.count() == 2
    assert not any("transcription" in message for message in said), said
