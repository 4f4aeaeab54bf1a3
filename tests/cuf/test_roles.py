"""Each role can do exactly its part: editors write and publish, moderators tag and tidy."""

import pytest
from django.contrib.auth.models import Group

from communiques.models import Communique
from cuf import content_types
from cuf.accounts.roles import EDITORS, MODERATORS, sync_roles
from cuf.publishing.rule import Status
from cuf.themes.models import Theme
from tests.admin_forms import admin_form_data
from tests.communiques.test_admin import add_form_data
from tests.factories import CommuniqueFactory, EventFactory, ThemeFactory

pytestmark = pytest.mark.django_db

COMMUNIQUES = "/admin/communiques/communique/"


def test_sync_roles_creates_both_groups_and_running_it_again_changes_nothing():
    first = {name: set(group.permissions.all()) for name, group in sync_roles().items()}
    again = {name: set(group.permissions.all()) for name, group in sync_roles().items()}
    assert first == again
    assert set(Group.objects.values_list("name", flat=True)) == {EDITORS, MODERATORS}
    codenames = {p.codename for p in first[EDITORS]}
    assert {"publish", "change_communique", "delete_event", "add_attachment"} <= codenames
    assert not {"add_user", "change_user", "delete_user", "change_group"} & codenames
    moderator_codenames = {p.codename for p in first[MODERATORS]}
    assert {"tag", "change_theme", "delete_theme"} <= moderator_codenames
    assert not {"publish", "change_communique", "add_communique"} & moderator_codenames


def test_sync_roles_restores_a_permission_removed_by_hand():
    editors = sync_roles()[EDITORS]
    editors.permissions.remove(*editors.permissions.filter(codename="publish"))
    sync_roles()
    # One "publish" permission per registered content type.
    assert editors.permissions.filter(codename="publish").count() == len(content_types.all_types())


# Editors


def test_editor_writes_a_communique_and_publishes_it_from_the_list(editor_client):
    response = editor_client.post(f"{COMMUNIQUES}add/", add_form_data(status="draft"))
    assert response.status_code == 302
    communique = Communique.objects.get(slug="webinaire-du-19-mai")
    assert communique.author.username == "redactrice"
    response = editor_client.post(
        COMMUNIQUES, {"action": "publish", "_selected_action": [communique.pk]}, follow=True
    )
    assert "1 communiqué publié." in response.text
    communique.refresh_from_db()
    assert communique.is_public


def test_editor_unpublishes_from_the_list(editor_client):
    communique = CommuniqueFactory()
    editor_client.post(COMMUNIQUES, {"action": "unpublish", "_selected_action": [communique.pk]})
    communique.refresh_from_db()
    assert communique.status == Status.DRAFT


@pytest.mark.parametrize(
    "url",
    ["/admin/auth/user/", "/admin/auth/user/add/", "/admin/auth/group/", "/admin/cuf/theme/add/"],
)
def test_editor_cannot_manage_users_groups_or_the_theme_vocabulary(editor_client, url):
    assert editor_client.get(url).status_code == 403


def test_editor_cannot_open_a_user_record_nor_see_users_on_the_admin_home(
    editor_client, superuser_client, django_user_model
):
    chef = django_user_model.objects.get(username="chef")
    for url in (
        f"/admin/auth/user/{chef.pk}/change/",
        f"/admin/auth/user/{chef.pk}/history/",
        f"/admin/auth/user/{chef.pk}/password/",
    ):
        assert editor_client.get(url).status_code == 403, url
    home = editor_client.get("/admin/").text
    assert "/admin/auth/user/" not in home
    # Those who manage accounts still do.
    assert superuser_client.get(f"/admin/auth/user/{chef.pk}/change/").status_code == 200
    assert "/admin/auth/user/" in superuser_client.get("/admin/").text


def test_the_author_autocomplete_names_people_without_their_addresses(
    editor_client, django_user_model
):
    django_user_model.objects.create_user(
        username="jdupont", email="jeanne.dupont@example.org", password="x" * 12
    )
    params = {"app_label": "communiques", "model_name": "communique", "field_name": "author"}
    by_address = editor_client.get("/admin/autocomplete/", {**params, "term": "example.org"})
    assert by_address.json()["results"] == []
    found = editor_client.get("/admin/autocomplete/", {**params, "term": "jdup"})
    assert found.json()["results"][0]["text"] == "jdupont"
    assert "example.org" not in found.text


def test_login_with_a_refused_next_lands_on_the_admin(client, editor):
    response = client.post(
        "/admin/login/?next=https://ailleurs.example/",
        {"username": "redactrice", "password": "motdepasse-long-123"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_editor_cannot_change_another_account(editor_client, editor, django_user_model):
    other = django_user_model.objects.create_user(username="autre", password="x" * 12)
    response = editor_client.post(
        f"/admin/auth/user/{other.pk}/change/",
        {"username": "autre", "is_staff": "on", "is_superuser": "on"},
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert not other.is_superuser


def test_editor_finds_authors_with_the_autocomplete(editor_client, editor):
    response = editor_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "communiques",
            "model_name": "communique",
            "field_name": "author",
            "term": "redac",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["redactrice"]


# Moderators


def test_moderator_sees_the_lists_but_cannot_add_or_delete(moderator_client):
    communique = CommuniqueFactory()
    assert moderator_client.get(COMMUNIQUES).status_code == 200
    assert moderator_client.get(f"{COMMUNIQUES}add/").status_code == 403
    assert moderator_client.get(f"{COMMUNIQUES}{communique.pk}/delete/").status_code == 403


def test_moderator_tags_an_item_but_its_body_and_status_do_not_change(moderator_client):
    covid = ThemeFactory(name="COVID-19")
    communique = CommuniqueFactory(status=Status.DRAFT, body="<p>Texte d’origine.</p>")
    url = f"{COMMUNIQUES}{communique.pk}/change/"
    page = moderator_client.get(url)
    assert page.status_code == 200
    # The body is shown read-only; only the themes field is a form field.
    assert 'name="body"' not in page.text
    assert 'name="themes"' in page.text
    response = moderator_client.post(
        url,
        {
            **add_form_data(themes=[covid], body="<p>Texte modifié.</p>", status="published"),
            "title": "Titre modifié",
        },
    )
    assert response.status_code == 302
    communique.refresh_from_db()
    assert list(communique.themes.all()) == [covid]
    assert communique.body == "<p>Texte d’origine.</p>"
    assert communique.status == Status.DRAFT
    assert communique.title != "Titre modifié"


def test_moderator_reads_the_body_as_the_page_shows_it_not_as_html_source(moderator_client):
    communique = CommuniqueFactory(body="<p>Un texte <strong>important</strong>.</p>")
    page = moderator_client.get(f"{COMMUNIQUES}{communique.pk}/change/")
    assert "<p>Un texte <strong>important</strong>.</p>" in page.text
    assert "&lt;strong&gt;" not in page.text


def test_moderator_cannot_publish_from_the_list(moderator_client):
    communique = CommuniqueFactory(status=Status.DRAFT)
    page = moderator_client.get(COMMUNIQUES)
    assert 'value="publish"' not in page.text
    assert 'value="add_theme"' in page.text
    moderator_client.post(COMMUNIQUES, {"action": "publish", "_selected_action": [communique.pk]})
    communique.refresh_from_db()
    assert communique.status == Status.DRAFT


def test_moderator_adds_and_removes_a_theme_on_many_items_at_once(moderator_client):
    haiti = ThemeFactory(name="Haïti")
    events = [EventFactory(), EventFactory()]
    response = moderator_client.post(
        "/admin/agenda/event/",
        {"action": "add_theme", "theme": haiti.pk, "_selected_action": [e.pk for e in events]},
        follow=True,
    )
    assert "Thème « Haïti » ajouté à 2 événements." in response.text
    assert all(list(event.themes.all()) == [haiti] for event in events)
    moderator_client.post(
        "/admin/agenda/event/",
        {"action": "remove_theme", "theme": haiti.pk, "_selected_action": [events[0].pk]},
    )
    assert not events[0].themes.exists()
    assert events[1].themes.exists()


def test_adding_a_theme_without_choosing_one_says_what_to_do(editor_client):
    event = EventFactory()
    response = editor_client.post(
        "/admin/agenda/event/",
        {"action": "add_theme", "theme": "", "_selected_action": [event.pk]},
        follow=True,
    )
    assert "Choisissez le thème" in response.text


def test_moderator_cannot_revert_an_item_through_its_history(moderator_client, editor):
    from django.test import Client

    editor_browser = Client()
    editor_browser.force_login(editor)
    editor_browser.post(f"{COMMUNIQUES}add/", add_form_data(body="<p>Première version.</p>"))
    communique = Communique.objects.get()
    data = admin_form_data(editor_browser.get(f"{COMMUNIQUES}{communique.pk}/change/"))
    editor_browser.post(
        f"{COMMUNIQUES}{communique.pk}/change/", {**data, "body": "<p>Seconde version.</p>"}
    )
    from reversion.models import Version

    oldest = Version.objects.get_for_object(communique).last()
    response = moderator_client.get(f"{COMMUNIQUES}{communique.pk}/history/{oldest.pk}/")
    assert response.status_code == 403


def test_moderator_manages_the_theme_vocabulary(moderator_client):
    response = moderator_client.post(
        "/admin/cuf/theme/add/", {"name": "Sahel", "slug": "sahel", "kind": "pays-region"}
    )
    assert response.status_code == 302
    assert Theme.objects.filter(slug="sahel").exists()


def test_moderators_get_no_preview_link_to_hand_out(moderator_client, editor_client):
    item = CommuniqueFactory(draft=True)
    change = f"{COMMUNIQUES}{item.pk}/change/"
    assert "/apercu/" not in moderator_client.get(change).text
    assert "/apercu/" in editor_client.get(change).text
