import io
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from PIL import Image

from cuf.files.renditions import (
    FOLDER,
    WIDTHS,
    ImageSources,
    get_or_create_rendition,
    rendition_name,
)
from cuf.publishing.rule import Status
from resources.models import Resource
from tests.factories import NewsItemFactory, ResourceFactory, resource_with_file
from tests.files import image_bytes, image_upload, pdf_upload
from tests.helpers import days_from_now, file_content, main_text

pytestmark = pytest.mark.django_db


def news_with_image(size=(1200, 800), fmt="JPEG", **fields):
    upload = image_upload(name=f"photo.{fmt.lower()}", fmt=fmt, size=size)
    return NewsItemFactory(image=upload, image_alt="Une salle de réunion", **fields)


def picture(response) -> Image.Image:
    return Image.open(io.BytesIO(file_content(response)))


@pytest.mark.parametrize("width", WIDTHS)
def test_news_image_rendition_has_the_asked_width_and_keeps_the_ratio(client, width):
    item = news_with_image()
    response = client.get(item.image_rendition_url(width))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
    image = picture(response)
    assert image.format == "JPEG"
    assert image.size == (width, round(800 * width / 1200))


def test_png_rendition_stays_a_png(client):
    item = news_with_image(fmt="PNG")
    response = client.get(item.image_rendition_url(320))
    assert response["Content-Type"] == "image/png"
    assert picture(response).size == (320, 213)


@pytest.mark.parametrize("width", [0, 1, 100, 500, 1280, 4000])
def test_widths_outside_the_allowlist_are_404(client, width):
    item = news_with_image()
    assert client.get(f"/actualites/{item.slug}/image/{width}/").status_code == 404


def test_rendition_is_made_once_then_reused(client):
    item = news_with_image()
    storage = item.image.storage
    folder, original = ("renditions/" + item.image.name).rsplit("/", 1)
    stem = original.rsplit(".", 1)[0]

    def renditions():
        return sorted(name for name in storage.listdir(folder)[1] if name.startswith(stem))

    client.get(item.image_rendition_url(640))
    assert renditions() == [f"{stem}-640w.jpg"]
    made_at = storage.get_modified_time(f"{folder}/{stem}-640w.jpg")
    response = client.get(item.image_rendition_url(640))
    assert picture(response).width == 640
    assert renditions() == [f"{stem}-640w.jpg"]
    assert storage.get_modified_time(f"{folder}/{stem}-640w.jpg") == made_at


def test_small_image_is_never_enlarged(client):
    item = news_with_image(size=(200, 100))
    assert picture(client.get(item.image_rendition_url(960))).size == (200, 100)


@pytest.mark.parametrize(("status", "days"), [(Status.DRAFT, -1), (Status.PUBLISHED, 1)])
def test_rendition_of_unpublished_news_is_404_for_anonymous(client, status, days):
    item = news_with_image(status=status, published_at=days_from_now(days))
    assert client.get(item.image_rendition_url(320)).status_code == 404


def test_rendition_of_draft_news_is_served_to_staff(staff_client):
    item = news_with_image(status=Status.DRAFT)
    response = staff_client.get(item.image_rendition_url(320))
    assert response.status_code == 200
    assert picture(response).width == 320


def test_news_without_image_has_no_rendition(client):
    item = NewsItemFactory()
    assert client.get(f"/actualites/{item.slug}/image/320/").status_code == 404


def test_news_page_offers_renditions_in_srcset_with_size_and_alt(client):
    item = news_with_image()
    text = main_text(client.get(item.get_absolute_url()))
    assert f'src="{item.image_rendition_url(640)}"' in text
    assert f"{item.image_rendition_url(320)} 320w" in text
    assert f"{item.image_rendition_url(960)} 960w" in text
    assert f"{item.image_url} 1200w" in text
    assert 'width="640" height="427"' in text
    assert 'alt="Une salle de réunion"' in text
    assert "sizes=" in text
    assert 'loading="lazy"' not in text  # the page's main image is above the fold


def test_news_list_images_are_lazy_below_the_first(client):
    for n in range(3):
        news_with_image(title=f"Nouvelle {n}", published_at=days_from_now(-n - 1))
    text = main_text(client.get("/actualites/"))
    assert text.count('loading="lazy"') == 2


def test_news_images_say_what_they_show_on_the_list_and_the_home_page_alike(client):
    news_with_image(title="Nouvelle illustrée")
    for address in ("/actualites/", "/"):
        text = client.get(address).text
        assert text.count('alt="Une salle de réunion"') == 1, address


def test_image_sources_never_offer_a_rendition_wider_than_the_original():
    sources = ImageSources(lambda w: f"/r/{w}", "/original", width=700, height=350)
    image = sources.at(640)
    assert image.srcset == "/r/320 320w, /r/640 640w, /original 700w"
    assert (image.src, image.width, image.height) == ("/r/640", 640, 320)
    assert sources.at(960).src == "/original"


# Photo resources


def photo(**fields):
    return resource_with_file(
        kind=Resource.Kind.PHOTO, upload=image_upload(size=(1000, 750)), **fields
    )


def test_photo_resource_rendition_and_page(client):
    resource = photo(title="Forage", image_alt="Un forage & sa pompe.")
    response = client.get(resource.image_rendition_url(320))
    assert response.status_code == 200
    assert picture(response).size == (320, 240)
    text = main_text(client.get(resource.get_absolute_url()))
    assert f"{resource.image_rendition_url(960)} 960w" in text
    assert 'width="640" height="480"' in text
    assert 'alt="Un forage &amp; sa pompe."' in text


def test_photo_gallery_shows_thumbnails_from_renditions(client):
    resource = photo(title="Délégation")
    ResourceFactory(kind=Resource.Kind.PHOTO, title="Photo sans fichier")
    text = main_text(client.get("/ressources/photo/"))
    assert 'class="gallery"' in text
    assert f'src="{resource.image_rendition_url(320)}"' in text
    assert f"{resource.image_rendition_url(640)} 640w" in text
    assert 'width="320" height="240"' in text
    assert "<h2" in text and "Délégation" in text


def test_rendition_of_a_draft_photo_is_404_for_anonymous(client):
    resource = photo(status=Status.DRAFT)
    assert client.get(resource.image_rendition_url(320)).status_code == 404


def test_rendition_of_a_draft_photo_is_served_to_staff(staff_client):
    resource = photo(status=Status.DRAFT)
    assert staff_client.get(resource.image_rendition_url(320)).status_code == 200


def test_only_photos_have_renditions(client):
    text = resource_with_file(kind=Resource.Kind.TEXT, upload=pdf_upload(), title="Guide")
    assert client.get(f"/ressources/{text.slug}/image/320/").status_code == 404


def _damage(field_file, content: bytes) -> None:
    """The stored file replaced on disk by ``content`` (a disk error, a bad restore)."""
    with open(field_file.path, "wb") as handle:
        handle.write(content)


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n" + b"garbage" * 10,  # a PNG signature, then nothing readable
        b"not an image at all",
        image_upload(fmt="JPEG", size=(1200, 800)).read()[:300],  # cut short
    ],
)
def test_rendition_of_a_damaged_stored_image_is_404_not_a_server_error(client, content):
    item = news_with_image()
    resource = resource_with_file(kind=Resource.Kind.PHOTO, upload=image_upload())
    _damage(item.image, content)
    _damage(resource.file, content)
    assert client.get(item.image_rendition_url(320)).status_code == 404
    assert client.get(resource.image_rendition_url(320)).status_code == 404
    # The pages that show them still open.
    assert client.get(item.get_absolute_url()).status_code == 200
    assert client.get(resource.get_absolute_url()).status_code == 200


# First requests at once


def _rendition_files(field_file) -> list[str]:
    """Every file in the rendition folder of ``field_file``'s image."""
    folder, original = f"{FOLDER}/{field_file.name}".rsplit("/", 1)
    stem = original.rsplit(".", 1)[0]
    return sorted(name for name in field_file.storage.listdir(folder)[1] if name.startswith(stem))


@pytest.mark.django_db(transaction=True)  # the threads' own connections see the item
def test_first_requests_at_once_make_one_rendition_file_and_serve_it_to_all():
    item = news_with_image(size=(1600, 1200))
    url = item.image_rendition_url(640)
    count = 16
    start = threading.Barrier(count)

    def visit(_):
        browser = Client()
        start.wait()
        try:
            response = browser.get(url)
            return response.status_code, file_content(response)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        answers = list(pool.map(visit, range(count)))

    assert {status for status, _ in answers} == {200}
    assert len({content for _, content in answers}) == 1
    stem = item.image.name.rsplit("/", 1)[1].rsplit(".", 1)[0]
    assert _rendition_files(item.image) == [f"{stem}-640w.jpg"]
    stored = item.image.storage.open(rendition_name(item.image.name, 640, "jpg")).read()
    assert answers[0][1] == stored
    assert Image.open(io.BytesIO(stored)).width == 640


def test_a_copy_saved_under_another_name_by_a_concurrent_request_is_deleted(monkeypatch):
    # Another process (or server) made the rendition between this request's check and its
    # save: the storage keeps this request's copy under another name, which must not stay.
    item = news_with_image()
    storage = item.image.storage
    name = rendition_name(item.image.name, 320, "jpg")
    checked = storage.exists
    made_meanwhile = []

    def made_by_another_request_meanwhile(path):
        if path == name and not made_meanwhile:
            made_meanwhile.append(name)
            storage.save(name, ContentFile(image_bytes("JPEG", (320, 213))))
            return False
        return checked(path)

    monkeypatch.setattr(storage, "exists", made_by_another_request_meanwhile)
    assert get_or_create_rendition(item.image, 320) == (name, "image/jpeg")
    monkeypatch.undo()
    assert made_meanwhile == [name]
    assert _rendition_files(item.image) == [name.rsplit("/", 1)[1]]
