import pytest

from cuf.themes.models import Theme
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/cuf/theme/"
AUTOCOMPLETE = "/admin/autocomplete/"


def test_theme_changelist_search_and_kind_filter(superuser_client):
    ThemeFactory(name="Haïti", kind=Theme.Kind.PLACE)
    ThemeFactory(name="Jeunesse", kind=Theme.Kind.TOPIC, description="Volontariat")
    response = superuser_client.get(CHANGELIST)
    assert response.status_code == 200
    assert "Haïti" in response.text and "Jeunesse" in response.text
    found = superuser_client.get(CHANGELIST, {"q": "volontariat"})
    assert "Jeunesse" in found.text and "Haïti" not in found.text
    places = superuser_client.get(CHANGELIST, {"kind__exact": "pays-region"})
    assert "Haïti" in places.text and "Jeunesse" not in places.text


def test_theme_add_and_change_pages_open(superuser_client):
    theme = ThemeFactory()
    assert superuser_client.get(f"{CHANGELIST}add/").status_code == 200
    assert superuser_client.get(f"{CHANGELIST}{theme.pk}/change/").status_code == 200


def test_adding_a_theme(superuser_client):
    response = superuser_client.post(
        f"{CHANGELIST}add/",
        {"name": "Sahel", "slug": "sahel", "kind": "pays-region", "description": "Dynamique"},
    )
    assert response.status_code == 302
    assert Theme.objects.get(slug="sahel").kind == Theme.Kind.PLACE


@pytest.mark.parametrize(
    "model_name",
    ["communiques.communique", "agenda.event", "actualites.newsitem", "resources.resource"],
)
def test_theme_autocomplete_returns_matching_themes(superuser_client, model_name):
    haiti = ThemeFactory(name="Haïti")
    ThemeFactory(name="Japon")
    app_label, model = model_name.split(".")
    response = superuser_client.get(
        AUTOCOMPLETE,
        {"app_label": app_label, "model_name": model, "field_name": "themes", "term": "Haï"},
    )
    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(haiti.pk), "text": "Haïti"}]


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/communiques/communique/",
        "/admin/agenda/event/add/",
        "/admin/actualites/newsitem/",
        "/admin/resources/resource/",
        CHANGELIST,
    ],
)
def test_anonymous_is_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_without_permissions_cannot_change_content(staff_client):
    assert staff_client.get("/admin/communiques/communique/").status_code == 403
