from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from actualites.models import NewsItem
from agenda.models import Event
from communiques.models import Communique
from cuf.files.models import Attachment
from cuf.publishing.rule import Status
from cuf.themes.models import Theme, ThemedItem
from resources.models import Resource
from tests.helpers import file_content

pytestmark = pytest.mark.django_db

CONTENT_MODELS = (Communique, Event, NewsItem, Resource)


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def all_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (*CONTENT_MODELS, Attachment, Theme, ThemedItem)
    }


def test_demo_fills_an_empty_portal_with_every_kind_of_content():
    output = load_demo()
    assert "Contenu de démonstration ajouté" in output
    assert Communique.objects.count() >= 6
    assert Event.objects.count() >= 8
    assert NewsItem.objects.count() >= 6
    assert Resource.objects.count() >= 8
    assert Theme.objects.count() >= 6
    assert set(Theme.objects.values_list("kind", flat=True)) == set(Theme.Kind.values)


def test_demo_communiques_include_two_with_two_downloadable_pdfs(client):
    load_demo()
    with_two = [c for c in Communique.objects.published() if c.attachments.count() == 2]
    assert len(with_two) >= 2
    for communique in with_two:
        page = client.get(communique.get_absolute_url())
        assert page.status_code == 200
        for document in communique.attachments.all():
            assert document.get_absolute_url() in page.text
            response = client.get(document.get_absolute_url())
            assert response.status_code == 200
            assert response["Content-Type"] == "application/pdf"
            assert file_content(response).startswith(b"%PDF")


def test_demo_agenda_has_past_upcoming_multi_day_all_day_and_online_events(client):
    load_demo()
    published = Event.objects.published()
    assert published.past().exists()
    assert published.upcoming().exists()
    events = list(published)
    assert any(event.is_multi_day for event in events)
    assert any(event.all_day for event in events)
    assert any(event.is_online for event in events)
    assert client.get("/agenda/").status_code == 200
    assert client.get("/agenda/", {"periode": "passes"}).status_code == 200


def test_demo_news_come_with_and_without_image(client):
    load_demo()
    items = list(NewsItem.objects.published())
    with_image = [item for item in items if item.image]
    assert with_image and len(with_image) < len(items)
    response = client.get(with_image[0].image_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert file_content(response)


def test_demo_resources_cover_the_four_kinds(client):
    load_demo()
    kinds = set(Resource.objects.published().values_list("kind", flat=True))
    assert kinds == set(Resource.Kind.values)
    for kind in Resource.Kind.values:
        assert client.get(f"/ressources/{kind}/").status_code == 200


def test_demo_has_a_draft_and_a_scheduled_item_hidden_from_visitors(client):
    load_demo()
    now = timezone.now()
    drafts = [
        item for model in CONTENT_MODELS for item in model.objects.filter(status=Status.DRAFT)
    ]
    scheduled = [
        item
        for model in CONTENT_MODELS
        for item in model.objects.filter(status=Status.PUBLISHED, published_at__gt=now)
    ]
    assert drafts and scheduled
    for item in (drafts[0], scheduled[0]):
        assert client.get(item.get_absolute_url()).status_code == 404


def test_demo_pages_answer(client):
    load_demo()
    urls = ["/", "/communiques/", "/actualites/", "/ressources/", "/themes/"]
    urls += [theme.get_absolute_url() for theme in Theme.objects.all()]
    urls += [
        item.get_absolute_url() for model in CONTENT_MODELS for item in model.objects.published()
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_loading_the_demo_twice_adds_nothing():
    load_demo()
    first = all_counts()
    output = load_demo()
    assert all_counts() == first
    assert "0 communiqués, 0 événements, 0 actualités, 0 ressources" in output
