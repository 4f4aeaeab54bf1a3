import re

import pytest

from actualites.models import NewsItem
from tests.factories import NewsItemFactory
from tests.files import image_upload
from tests.helpers import admin_item_data

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/actualites/newsitem/"
ADD = "/admin/actualites/newsitem/add/"


def add_form_data(**fields) -> dict:
    return admin_item_data(
        "Retour sur l’atelier Sahel",
        "retour-sur-l-atelier-sahel",
        {
            "source": "CUF",
            "summary": "Trente collectivités ont partagé leurs projets.",
            "body": "<p>Les échanges ont porté sur les forages.</p>",
            "image_alt": "",
            "image_credit": "",
        },
        **fields,
    )


def test_changelist_search_finds_by_source(superuser_client):
    NewsItemFactory(title="Volontaires au Japon", source="CUF")
    NewsItemFactory(title="Campagne APD", source="MAEA/DCTCIV")
    found = superuser_client.get(CHANGELIST, {"q": "DCTCIV"})
    assert "Campagne APD" in found.text and "Volontaires au Japon" not in found.text


def test_adding_news_with_an_image_records_it_and_the_author(superuser_client):
    response = superuser_client.post(
        ADD, add_form_data(image=image_upload(size=(64, 48)), image_alt="Une table ronde")
    )
    assert response.status_code == 302
    item = NewsItem.objects.get(slug="retour-sur-l-atelier-sahel")
    assert item.author.username == "chef"
    assert (item.image_width, item.image_height) == (64, 48)


def test_an_image_without_alt_text_is_refused(superuser_client):
    response = superuser_client.post(ADD, add_form_data(image=image_upload()))
    assert response.status_code == 200
    assert "le texte alternatif est obligatoire" in response.text
    assert not NewsItem.objects.exists()


def test_replacing_an_image_removes_the_old_one_and_its_resized_copies_after_commit(
    superuser_client, client, django_capture_on_commit_callbacks
):
    from cuf.files.renditions import rendition_names
    from cuf.files.storage import protected_storage

    item = NewsItemFactory(image=image_upload(size=(800, 600)), image_alt="Une salle")
    assert client.get(item.image_rendition_url(320)).status_code == 200
    storage, old_name = protected_storage(), item.image.name
    old_copies = [name for name in rendition_names(old_name) if storage.exists(name)]
    assert old_copies
    data = add_form_data(
        title=item.title, slug=item.slug, image=image_upload(size=(900, 600)), image_alt="Salle"
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = superuser_client.post(f"{CHANGELIST}{item.pk}/change/", data)
    assert response.status_code == 302
    assert storage.exists(old_name) and all(storage.exists(name) for name in old_copies)
    for callback in callbacks:
        callback()
    assert not storage.exists(old_name)
    assert not any(storage.exists(name) for name in old_copies)
    item.refresh_from_db()
    assert client.get(item.image_rendition_url(320)).status_code == 200


def test_the_current_image_shows_a_thumbnail_and_links_to_the_protected_image(
    superuser_client,
):
    item = NewsItemFactory(image=image_upload(size=(800, 600)), image_alt="Une salle")
    page = superuser_client.get(f"{CHANGELIST}{item.pk}/change/").text
    assert f'<img class="cuf-thumb" src="{item.image_rendition_url(320)}"' in page
    assert f'<a href="{item.image_url}"' in page
    assert "/media/" not in page


def test_a_form_error_says_which_chosen_image_must_be_picked_again(superuser_client):
    import html

    # Saved without the image's text alternative: refused, and the image is not kept.
    response = superuser_client.post(ADD, add_form_data(image=image_upload(name="atelier.png")))
    assert response.status_code == 200
    page = html.unescape(response.text)
    assert "Les fichiers choisis ne sont pas gardés quand le formulaire a une erreur" in page
    assert "choisissez à nouveau « atelier.png »" in page
    assert "Fichier à choisir à nouveau : « atelier.png » n’a pas été enregistré" in re.sub(
        r"<[^>]+>", "", page
    )
    # Without a file chosen, nothing of the kind is said.
    response = superuser_client.post(ADD, add_form_data(title=""))
    assert response.status_code == 200
    assert "choisir à nouveau" not in html.unescape(response.text)


def test_required_fields_are_marked_and_the_mark_explained(superuser_client):
    page = superuser_client.get(ADD).text
    assert "Les champs marqués d’un astérisque (*) sont obligatoires." in page
    assert re.search(r'<label class="required" for="id_title">', page)
    assert re.search(r'<input type="text" name="title"[^>]* required', page)
    assert not re.search(r'<label class="required" for="id_surtitre">', page)
