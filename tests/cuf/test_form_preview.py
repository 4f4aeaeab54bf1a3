""" "Prévisualiser": the public page of an item as its form is filled, for every type,
without saving anything; refused to who may not edit; a form that would not save says why."""

import html

import pytest

from cuf import content_types
from tests.admin_forms import admin_form_data
from tests.factories import factory_for

pytestmark = pytest.mark.django_db

TYPES = content_types.all_types()


def _base(config) -> str:
    opts = config.model._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/"


@pytest.mark.parametrize("config", TYPES, ids=[config.key for config in TYPES])
def test_preview_shows_the_unsaved_form_on_the_public_page_and_saves_nothing(config, editor_client):
    item = factory_for(config)(title="Titre enregistré", draft=True)
    change = f"{_base(config)}{item.pk}/change/"
    page = editor_client.get(change).text
    assert f'formaction="{_base(config)}{item.pk}/apercu/"' in page
    assert "Prévisualiser" in page
    data = admin_form_data(editor_client.get(change))
    data["title"] = "Titre pas encore enregistré"
    response = editor_client.post(f"{_base(config)}{item.pk}/apercu/", data)
    assert response.status_code == 200
    shown = html.unescape(response.content.decode())
    assert "Titre pas encore enregistré" in shown
    assert "Aperçu des modifications non enregistrées" in shown
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    item.refresh_from_db()
    assert item.title == "Titre enregistré"
    assert config.model.objects.count() == 1


@pytest.mark.parametrize("config", TYPES, ids=[config.key for config in TYPES])
def test_a_new_item_is_previewed_without_being_created(config, editor_client):
    item = factory_for(config)(title="Modèle", draft=True)
    data = admin_form_data(editor_client.get(f"{_base(config)}{item.pk}/change/"))
    item.delete()
    data.update(title="Un nouvel élément", slug="un-nouvel-element")
    response = editor_client.post(f"{_base(config)}apercu/", data)
    assert response.status_code == 200, response.content.decode()[:2000]
    assert "Un nouvel élément" in html.unescape(response.content.decode())
    assert not config.model.objects.exists()


def test_a_form_that_would_not_save_says_why(editor_client):
    config = TYPES[0]
    item = factory_for(config)(title="Titre enregistré")
    data = admin_form_data(editor_client.get(f"{_base(config)}{item.pk}/change/"))
    data["title"] = ""
    response = editor_client.post(f"{_base(config)}{item.pk}/apercu/", data)
    assert response.status_code == 400
    assert "L’aperçu n’est pas possible" in response.content.decode()
    assert "Titre" in response.content.decode()


def test_moderators_and_get_requests_get_no_preview(moderator_client, editor_client):
    config = TYPES[0]
    item = factory_for(config)()
    url = f"{_base(config)}{item.pk}/apercu/"
    assert moderator_client.post(url, {}).status_code == 403
    assert "Prévisualiser" not in moderator_client.get(f"{_base(config)}{item.pk}/change/").text
    assert editor_client.get(url).status_code == 405
