"""Sharing and rich results: every page gives link previews an image (the item's own, or
the network's in the size the platforms expect), events and communiqués carry an image in
their JSON-LD, resources are described by their schema.org media type, and search has an
Open Graph title."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from cuf.public import sharing
from resources.models import Resource
from tests.cuf.test_discovery import json_ld
from tests.factories import (
    CommuniqueFactory,
    EventFactory,
    NewsItemFactory,
    ResourceFactory,
    ThemeFactory,
    resource_with_file,
)
from tests.files import image_upload, pdf_upload, wav_upload

pytestmark = pytest.mark.django_db
SITE = "https://portail.example.org"
STATIC = Path(settings.BASE_DIR) / "cuf" / "static"


def meta(response, name: str) -> list[str]:
    return re.findall(
        rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', response.text
    )


def test_the_network_s_images_have_the_sizes_the_platforms_expect():
    with Image.open(STATIC / sharing.DEFAULT_SHARE) as image:
        assert image.size == (1200, 630)
    ratios = set()
    for path in sharing.DEFAULT_IMAGES:
        with Image.open(STATIC / path) as image:
            assert image.width >= 1200
            ratios.add(round(image.width / image.height, 2))
    assert ratios == {1.0, 1.33, 1.78}  # 1:1, 4:3 and 16:9, as Google asks


def test_every_public_page_kind_gives_link_previews_an_image(client):
    theme = ThemeFactory(name="Haïti")
    items = [
        CommuniqueFactory(themes=[theme]),
        EventFactory(themes=[theme]),
        NewsItemFactory(themes=[theme]),
        ResourceFactory(themes=[theme]),
    ]
    pages = ["/", "/communiques/", "/agenda/", "/agenda/?periode=passes", "/actualites/"]
    pages += ["/ressources/", "/ressources/video/", "/themes/", theme.get_absolute_url()]
    pages += ["/recherche/?q=haiti", "/abonnement/", "/plan-du-site/", "/accessibilite/"]
    pages += ["/mentions-legales/", "/contact/", *(item.get_absolute_url() for item in items)]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert meta(response, "og:image") == [f"{SITE}/static/{sharing.DEFAULT_SHARE}"], page
        assert meta(response, "og:image:width") == ["1200"], page
        assert meta(response, "og:image:height") == ["630"], page
        assert meta(response, "og:image:alt"), page
        assert meta(response, "twitter:card") == ["summary_large_image"], page


def test_a_photo_resource_is_shared_with_its_photo(client):
    photo = resource_with_file(
        kind=Resource.Kind.PHOTO, upload=image_upload(), image_alt="Une pompe neuve"
    )
    response = client.get(photo.get_absolute_url())
    assert meta(response, "og:image") == [f"{SITE}{photo.file_url}"]
    assert meta(response, "og:image:alt") == ["Une pompe neuve"]
    assert meta(response, "og:image:width") == ["40"]


def test_a_news_item_without_an_image_is_shared_with_the_network_s(client):
    item = NewsItemFactory()
    assert meta(client.get(item.get_absolute_url()), "og:image") == [
        f"{SITE}/static/{sharing.DEFAULT_SHARE}"
    ]


@pytest.mark.parametrize("factory", [CommuniqueFactory, EventFactory])
def test_events_and_communiques_carry_the_network_s_image_in_three_ratios(client, factory):
    item = factory()
    (data,) = json_ld(client.get(item.get_absolute_url()))
    assert data["image"] == [f"{SITE}/static/{path}" for path in sharing.DEFAULT_IMAGES]


def test_a_news_item_s_structured_data_carries_its_own_image(client):
    item = NewsItemFactory(image=image_upload(), image_alt="Une école")
    (data,) = json_ld(client.get(item.get_absolute_url()))
    assert data["image"] == [f"{SITE}{item.image_url}"]


def test_each_kind_of_resource_is_described_by_its_media_type(client):
    video = ResourceFactory(
        kind=Resource.Kind.VIDEO,
        title="Entretien",
        external_url="https://www.youtube.com/watch?v=aqz-KE-bpKQ",
    )
    sound = resource_with_file(
        kind=Resource.Kind.SOUND, upload=wav_upload(), transcript="Bonjour à tous."
    )
    photo = resource_with_file(kind=Resource.Kind.PHOTO, upload=image_upload(), credit="CUF")
    text = resource_with_file(kind=Resource.Kind.TEXT, upload=pdf_upload())
    described = {
        item.kind: json_ld(client.get(item.get_absolute_url()))[0]
        for item in (video, sound, photo, text)
    }
    assert {kind: data["@type"] for kind, data in described.items()} == {
        "video": "VideoObject",
        "son": "AudioObject",
        "photo": "ImageObject",
        "texte": "CreativeWork",
    }
    assert described["video"]["name"] == "Entretien"
    assert described["video"]["embedUrl"].startswith("https://www.youtube")
    assert described["video"]["thumbnailUrl"] and described["video"]["uploadDate"]
    assert described["son"]["contentUrl"] == f"{SITE}{sound.file_url}"
    assert described["son"]["encodingFormat"] == "audio/wav"
    assert described["son"]["transcript"] == "Bonjour à tous."
    assert described["photo"]["contentUrl"] == f"{SITE}{photo.file_url}"
    assert described["photo"]["image"] == [f"{SITE}{photo.file_url}"]
    assert described["photo"]["creditText"] == "CUF"
    assert described["texte"]["associatedMedia"]["contentUrl"] == f"{SITE}{text.file_url}"
    assert described["texte"]["associatedMedia"]["encodingFormat"] == "application/pdf"


def test_the_search_page_has_an_open_graph_title(client):
    response = client.get("/recherche/", {"q": "climat"})
    assert meta(response, "og:title") == [
        "« climat » – Recherche – Le portail de la coopération décentralisée"
    ]
    assert meta(response, "og:type") == ["website"]


def test_a_draft_s_photo_is_not_what_its_preview_shares_to_others(client):
    # The image shown to link previews follows the page: a draft is a 404 for visitors.
    draft = resource_with_file(kind=Resource.Kind.PHOTO, upload=image_upload(), status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
