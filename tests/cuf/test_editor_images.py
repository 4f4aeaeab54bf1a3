"""Images uploaded from the rich-text editor: staff who write only, checked, generated names."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cuf.files.models import EditorImage
from tests.factories import CommuniqueFactory
from tests.files import image_bytes, image_upload
from tests.helpers import file_content, main_text

pytestmark = pytest.mark.django_db

UPLOAD = "/admin/editeur/envoi/"


def test_an_editor_uploads_an_image_and_gets_its_address(editor_client, client):
    response = editor_client.post(UPLOAD, {"upload": image_upload(name="Mon schéma.PNG")})
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith("/editeur/images/") and url.endswith(".png")
    assert "sch" not in url
    image = EditorImage.objects.get()
    assert image.uploaded_by.username == "redactrice"
    served = client.get(url)
    assert served["Content-Type"] == "image/png"
    assert file_content(served) == image_bytes()


def test_the_image_stays_in_a_published_body_and_visitors_see_it(editor_client, client):
    url = editor_client.post(UPLOAD, {"upload": image_upload()}).json()["url"]
    communique = CommuniqueFactory(
        body=f'<figure class="image"><img src="{url}" alt="Carte"><figcaption>Carte</figcaption>'
        '</figure><p><img src="https://traqueur.example/pixel.gif" alt=""></p>'
    )
    page = main_text(client.get(communique.get_absolute_url()))
    assert f'<img src="{url}" alt="Carte">' in page
    assert "traqueur" not in page
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
            "Ce type de fichier n’est pas accepté ici.",
        ),
        (SimpleUploadedFile("x.png", b"%PDF-1.4 faux"), "ne correspond pas à son extension"),
        (SimpleUploadedFile("x.png", b""), "Le fichier est vide."),
    ],
    ids=["svg", "pdf-renamed", "empty"],
)
def test_a_bad_editor_image_is_refused_in_french(editor_client, upload, message):
    response = editor_client.post(UPLOAD, {"upload": upload})
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
    assert not EditorImage.objects.exists()


def test_moderators_and_visitors_cannot_upload(moderator_client, client):
    assert moderator_client.post(UPLOAD, {"upload": image_upload()}).status_code == 403
    client.logout()
    assert client.post(UPLOAD, {"upload": image_upload()}).status_code == 403
    assert not EditorImage.objects.exists()


def test_an_unknown_image_address_is_404(client):
    assert client.get("/editeur/images/" + "0" * 32 + ".png").status_code == 404
