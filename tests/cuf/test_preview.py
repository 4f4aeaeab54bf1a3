"""Shareable preview links: a draft read without an account, until expiry or revocation."""

import datetime
import re

import pytest
from django.core import signing

from cuf.publishing.previews import SALT, preview_path
from cuf.publishing.rule import Status
from cuf.publishing.services import preview_links_revoke
from tests.factories import CommuniqueFactory, EventFactory, NewsItemFactory, ResourceFactory
from tests.helpers import days_from_now, main_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory", [CommuniqueFactory, EventFactory, NewsItemFactory, ResourceFactory]
)
def test_a_preview_link_shows_the_real_draft_page_to_a_visitor(client, factory):
    draft = factory(title="Brouillon confidentiel", status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    response = client.get(preview_path(draft))
    assert response.status_code == 200
    page = main_text(response)
    assert "Brouillon confidentiel" in page
    assert "Aperçu – brouillon" in page
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]


def test_a_preview_link_shows_a_scheduled_item(client):
    item = CommuniqueFactory(published_at=days_from_now(3))
    response = client.get(preview_path(item))
    assert "Aperçu – programmé" in response.text


def test_an_expired_link_gives_a_clear_french_page(client, settings):
    draft = CommuniqueFactory(status=Status.DRAFT)
    path = preview_path(draft)
    settings.PREVIEW_LINK_MAX_AGE = datetime.timedelta(seconds=-1)
    response = client.get(path)
    assert response.status_code == 410
    assert "Ce lien d’aperçu a expiré" in response.text
    assert draft.title not in response.text


def test_a_revoked_link_stops_working_and_a_new_one_works(client, superuser_client):
    draft = CommuniqueFactory(status=Status.DRAFT)
    old_path = preview_path(draft)
    response = superuser_client.post(
        "/admin/communiques/communique/",
        {"action": "revoke_preview_links", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "Liens d’aperçu révoqués pour 1 communiqué :" in response.text
    refused = client.get(old_path)
    assert refused.status_code == 410
    assert "Ce lien d’aperçu a été révoqué" in refused.text
    draft.refresh_from_db()
    assert client.get(preview_path(draft)).status_code == 200


@pytest.mark.parametrize(
    "token",
    [
        "pas-un-jeton",
        signing.dumps(["communiques.communique", 1, 0], salt="autre-usage"),
        signing.dumps(["auth.user", 1, 0], salt=SALT),
    ],
)
def test_forged_links_are_refused_without_an_error(client, token):
    response = client.get(f"/apercu/{token}/")
    assert response.status_code == 410
    assert "Lien d’aperçu inutilisable" in response.text


def test_the_link_of_a_deleted_item_says_so(client):
    draft = CommuniqueFactory(status=Status.DRAFT)
    path = preview_path(draft)
    draft.delete()
    assert "n’existe plus" in client.get(path).text


def test_the_admin_change_page_offers_the_preview_link(superuser_client, client):
    draft = CommuniqueFactory(status=Status.DRAFT, title="Projet de communiqué")
    page = superuser_client.get(f"/admin/communiques/communique/{draft.pk}/change/")
    match = re.search(r'class="cuf-preview-link" id="cuf-preview-link" href="([^"]+)"', page.text)
    assert match, "no preview link on the change page"
    assert "Projet de communiqué" in client.get(match.group(1)).text


# The draft's own files, for whoever opened its link: the preview shows the page as it
# will be, images and documents included.


def _draft_files():
    """A draft of each kind that has files, and the addresses of those files."""
    from cuf.files.models import Attachment
    from resources.models import Resource
    from tests.factories import resource_with_file
    from tests.files import image_upload, pdf_upload, wav_upload

    news = NewsItemFactory(
        status=Status.DRAFT, image=image_upload(size=(800, 600)), image_alt="Une salle"
    )
    photo = resource_with_file(
        kind=Resource.Kind.PHOTO, upload=image_upload(size=(800, 600)), status=Status.DRAFT
    )
    sound = resource_with_file(kind=Resource.Kind.SOUND, upload=wav_upload(), status=Status.DRAFT)
    communique = CommuniqueFactory(status=Status.DRAFT)
    document = Attachment(item=communique, title="Programme", file=pdf_upload())
    document.full_clean()
    document.save()
    return [
        (news, [news.image_url, news.image_rendition_url(320)]),
        (photo, [photo.file_url, photo.image_rendition_url(640)]),
        (sound, [sound.file_url]),
        (communique, [document.get_absolute_url()]),
    ]


def test_opening_a_preview_link_opens_the_drafts_own_files(client):
    for draft, urls in _draft_files():
        for url in urls:
            assert client.get(url).status_code == 404, url
        assert client.get(preview_path(draft)).status_code == 200
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            # Not kept by the browser either: gone from it once the link is.
            assert "no-store" in response["Cache-Control"]


def test_a_preview_opens_no_other_drafts_files(client):
    drafts = _draft_files()
    (news, news_urls), others = drafts[0], drafts[1:]
    client.get(preview_path(news))
    assert client.get(news_urls[0]).status_code == 200
    for _draft, urls in others:
        for url in urls:
            assert client.get(url).status_code == 404, url
    # Another browser, without the link, sees nothing either.
    from django.test import Client

    assert Client().get(news_urls[0]).status_code == 404


def test_files_close_again_when_the_link_is_revoked_or_expires(client, settings):
    (news, urls), (photo, photo_urls) = _draft_files()[:2]
    client.get(preview_path(news))
    client.get(preview_path(photo))
    assert client.get(urls[0]).status_code == 200
    preview_links_revoke(items=type(news).objects.filter(pk=news.pk))
    assert client.get(urls[0]).status_code == 404
    assert client.get(photo_urls[0]).status_code == 200
    settings.PREVIEW_LINK_MAX_AGE = datetime.timedelta(seconds=-1)
    assert client.get(photo_urls[0]).status_code == 404
