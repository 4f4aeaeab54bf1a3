import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from actualites.models import NewsItem
from cuf.publishing.rule import Status
from tests.factories import NewsItemFactory
from tests.files import image_bytes, image_upload, pdf_upload

ALT_REQUIRED = "Décrivez l’image : le texte alternatif est obligatoire."


def news(**kwargs):
    return NewsItem(title="Lancement du programme", slug="lancement", **kwargs)


def validation_errors(item):
    with pytest.raises(ValidationError) as caught:
        item.full_clean()
    return caught.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize("alt", ["", "   "])
def test_image_without_alt_text_is_refused_in_french(alt):
    assert validation_errors(news(image=image_upload(), image_alt=alt)) == {
        "image_alt": [ALT_REQUIRED]
    }


@pytest.mark.django_db
def test_database_refuses_an_image_without_alt_text():
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsItemFactory(image=image_upload(), image_alt="")
    assert not NewsItem.objects.exists()


@pytest.mark.django_db
def test_news_item_without_image_needs_no_alt_text():
    item = news()
    item.full_clean()
    item.save()
    assert item.image_url == ""
    assert item.image_width is None


@pytest.mark.django_db
def test_uploaded_image_records_its_width_and_height():
    item = news(image=image_upload(size=(40, 30)), image_alt="Des élus autour d’une table")
    item.full_clean()
    item.save()
    item.refresh_from_db()
    assert (item.image_width, item.image_height) == (40, 30)


@pytest.mark.django_db
def test_uploaded_image_is_stored_under_a_generated_name_and_served_by_the_portal(client):
    item = news(
        image=image_upload("Photo de Mme Martin.JPG", "JPEG"),
        image_alt="Une salle",
        status=Status.PUBLISHED,
    )
    item.full_clean()
    item.save()
    assert re.fullmatch(r"actualites/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", item.image.name)
    assert item.image.storage.exists(item.image.name)
    assert item.image_url == "/actualites/lancement/image"
    response = client.get(item.image_url)
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'inline; filename="lancement-du-programme.jpg"'
    b"".join(response.streaming_content)


@pytest.mark.django_db
def test_pdf_is_refused_as_news_image():
    assert validation_errors(news(image=pdf_upload(), image_alt="Programme")) == {
        "image": [
            "Ce type de fichier n’est pas accepté ici. "
            "Formats acceptés pour une image : JPEG, PNG, GIF, WebP."
        ]
    }


@pytest.mark.django_db
def test_pdf_renamed_png_is_refused_as_news_image():
    disguised = SimpleUploadedFile("photo.png", pdf_upload().read())
    assert validation_errors(news(image=disguised, image_alt="Photo")) == {
        "image": [
            "Le contenu du fichier ne correspond pas à son extension (.png) : "
            "ce n’est pas un fichier PNG valide."
        ]
    }


@pytest.mark.django_db
def test_truncated_image_is_refused_as_news_image():
    content = image_bytes("PNG", (200, 150))
    truncated = SimpleUploadedFile("photo.png", content[: len(content) // 2])
    assert validation_errors(news(image=truncated, image_alt="Photo")) == {
        "image": ["Cette image est illisible ou incomplète."]
    }


@pytest.mark.django_db
def test_refused_image_and_missing_alt_are_both_reported():
    errors = validation_errors(news(image=pdf_upload(name="photo.png"), image_alt=""))
    assert set(errors) == {"image", "image_alt"}
    assert errors["image_alt"] == [ALT_REQUIRED]


@pytest.mark.django_db
def test_news_item_address_is_under_actualites():
    assert NewsItemFactory(slug="lancement").get_absolute_url() == "/actualites/lancement/"
