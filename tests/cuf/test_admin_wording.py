"""The admin speaks French that agrees with what it names: no "objet", no "(s)"."""

import html
import json
import re

import pytest
from django.contrib.messages import get_messages

from actualites.models import NewsItem
from cuf import content_types
from cuf.text.plain import Noun
from tests.admin_forms import admin_form_data
from tests.communiques.test_admin import add_form_data
from tests.factories import CommuniqueFactory, EventFactory, NewsItemFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _title(response) -> str:
    return html.unescape(re.search(r"<h1[^>]*>(.*?)</h1>", response.text, re.S).group(1)).strip()


@pytest.mark.parametrize(
    ("noun", "the", "new", "published"),
    [
        (
            Noun("communiqué", "communiqués"),
            "le communiqué",
            "Nouveau communiqué",
            "communiqués publiés",
        ),
        (Noun("événement", "événements"), "l’événement", "Nouvel événement", "événements publiés"),
        (
            Noun("actualité", "actualités", True),
            "l’actualité",
            "Nouvelle actualité",
            "actualités publiées",
        ),
        (
            Noun("ressource", "ressources", True),
            "la ressource",
            "Nouvelle ressource",
            "ressources publiées",
        ),
    ],
)
def test_nouns_agree_in_gender_and_number(noun, the, new, published):
    assert noun.the == the
    assert noun.new == new
    assert noun.count(2, "publié") == f"2 {published}"
    # French counts 0 and 1 in the singular.
    assert noun.count(0, "publié") == f"0 {noun.agree('publié')}".replace(
        "0 ", f"0 {noun.singular} "
    )
    assert noun.count(1) == f"1 {noun.singular}"


def test_every_content_type_lists_under_its_plural_and_adds_under_new_with_its_gender(
    superuser_client,
):
    for config in content_types.all_types():
        opts = config.model._meta
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        changelist = superuser_client.get(base)
        assert _title(changelist) == config.label_plural
        assert "objet" not in changelist.text.lower().replace("objets", "")
        add = superuser_client.get(f"{base}add/")
        assert _title(add) == config.noun.new
        recover = "supprimées" if config.feminine else "supprimés"
        assert f"Récupérer les {config.label_plural.lower()} {recover}" in changelist.text


def test_adding_a_communique_says_so_in_plain_french(superuser_client):
    response = superuser_client.post(
        "/admin/communiques/communique/add/", {**add_form_data(), "_continue": "1"}
    )
    (message,) = _messages(response)
    assert re.fullmatch(
        r"Le communiqué « <a href=\"[^\"]+\">Webinaire du 19 mai</a> » a été ajouté\. "
        r"Vous pouvez le modifier ci-dessous\.",
        message,
    )


def test_changing_and_deleting_an_actualite_agrees_in_the_feminine(superuser_client):
    item = NewsItemFactory(title="Atelier Sahel")
    change = f"/admin/actualites/newsitem/{item.pk}/change/"
    page = superuser_client.get(change)
    assert _title(page) == "Modifier l’actualité"
    response = superuser_client.post(change, admin_form_data(page))
    assert response.status_code == 302
    assert "L’actualité « <a" in _messages(response)[0]
    assert _messages(response)[0].endswith("» a été modifiée.")
    response = superuser_client.post(
        f"/admin/actualites/newsitem/{item.pk}/delete/", {"post": "yes"}
    )
    assert _messages(response)[-1] == "L’actualité « Atelier Sahel » a été supprimée."
    assert not NewsItem.objects.exists()


def test_bulk_actions_count_in_french(superuser_client):
    events = [EventFactory(draft=True), EventFactory(draft=True)]
    response = superuser_client.post(
        "/admin/agenda/event/",
        {"action": "publish", "_selected_action": [e.pk for e in events]},
    )
    assert _messages(response) == ["2 événements publiés."]
    one = superuser_client.post(
        "/admin/agenda/event/", {"action": "unpublish", "_selected_action": [events[0].pk]}
    )
    assert _messages(one)[-1] == "1 événement dépublié."
    deleted = superuser_client.post(
        "/admin/agenda/event/",
        {"action": "delete_selected", "_selected_action": [e.pk for e in events], "post": "yes"},
    )
    assert _messages(deleted)[-1] == "2 événements supprimés."


def test_merging_themes_counts_themes_and_items_without_parentheses(superuser_client):
    covid, corona = ThemeFactory(name="COVID-19"), ThemeFactory(name="Coronavirus")
    for _ in range(8):
        CommuniqueFactory(themes=[corona])
    response = superuser_client.post(
        "/admin/cuf/theme/",
        {
            "action": "merge_themes",
            "_selected_action": [covid.pk, corona.pk],
            "target": covid.pk,
            "confirmer": "1",
        },
    )
    assert _messages(response) == ["1 thème fusionné dans « COVID-19 » : 8 contenus déplacés."]


def test_documents_inline_offers_to_add_another_document(superuser_client):
    page = superuser_client.get("/admin/communiques/communique/add/")
    data = re.search(r'data-inline-formset="([^"]+)"', page.text).group(1)
    options = json.loads(html.unescape(data))["options"]
    assert options["addText"] == "Ajouter un autre document"


def test_a_taken_address_names_the_item_that_has_it_and_offers_a_free_one(superuser_client):
    CommuniqueFactory(title="Webinaire de mai", slug="webinaire-du-19-mai")
    CommuniqueFactory(title="Webinaire de mai (bis)", slug="webinaire-du-19-mai-2")
    response = superuser_client.post("/admin/communiques/communique/add/", add_form_data())
    assert response.status_code == 200
    text = html.unescape(response.text)
    assert "Un objet" not in text
    assert (
        "Cette adresse est déjà celle de « Webinaire de mai » : choisissez-en une autre, "
        "par exemple « webinaire-du-19-mai-3 »."
    ) in text


def test_the_history_asks_to_choose_two_versions_with_the_buttons_it_shows(superuser_client):
    item = CommuniqueFactory(title="Rencontre")
    change = f"/admin/communiques/communique/{item.pk}/change/"
    for title in ("Rencontre 2026", "Rencontre 2027"):
        data = admin_form_data(superuser_client.get(change))
        data["title"] = title
        assert superuser_client.post(change, data).status_code == 302
    page = superuser_client.get(f"/admin/communiques/communique/{item.pk}/history/").text
    assert 'type="radio"' in page
    assert "Choisissez deux versions pour les comparer" in page
    assert "Cochez" not in page
