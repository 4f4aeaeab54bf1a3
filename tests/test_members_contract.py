"""The members area's contract, for every registered content type (the test-only
"publications" type included): an anonymous visitor never receives a reserved item's
body, its documents' bytes or its files, by any route the portal has; a member does; a
deactivated member (or a member of a deactivated organisation) does not.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from cuf import content_types
from cuf.members.models import Member, MemberOrganisation
from cuf.publishing.previews import preview_path
from spip_import.models import LegacyAddress, SpipObject
from tests.factories import (
    AttachmentFactory,
    NewsItemFactory,
    ThemeFactory,
    factory_for,
    resource_with_file,
)
from tests.files import image_upload, pdf_upload

pytestmark = pytest.mark.django_db

TYPES = content_types.all_types()
SECRET = "Zanzibarquoise"
FILE_SECRET = "Vermillonade"


@pytest.fixture(params=TYPES, ids=[config.key for config in TYPES])
def config(request) -> content_types.ContentTypeConfig:
    return request.param


def _reserved(config, theme):
    """A published item reserved to members, its body holding SECRET, with files when its
    type has any (a communiqué's document whose text holds FILE_SECRET, a news image, a
    text resource's PDF)."""
    body = f"<p>Compte rendu : {SECRET} pour les adhérents.</p>"
    body_field = config.api.body or "body"
    if config.key == "ressources":
        item = resource_with_file(
            kind="texte",
            upload=pdf_upload(text=f"{FILE_SECRET} en annexe."),
            access="members",
            **{body_field: body},
        )
    elif config.key == "actualites":
        item = NewsItemFactory(
            access="members", image=image_upload(), image_alt="Photo", **{body_field: body}
        )
    else:
        item = factory_for(config)(access="members", **{body_field: body})
    if config.key == "communiques":
        AttachmentFactory(item=item, file=pdf_upload(text=f"{FILE_SECRET} en annexe."))
    item.themes.add(theme)
    return item


def _file_paths(config, item) -> list[str]:
    """Every file and resized image address of the item, as the API's declaration lists
    them (a new type's files follow from its registration)."""
    declared = config.api
    paths = [found.path for found in declared.files(item)] if declared.files else []
    for image in declared.images(item) if declared.images else []:
        paths.append(image.path)
        paths.extend(path for _width, path in image.renditions)
    return paths


def _routes(config, item, theme) -> list[str]:
    """Every public address that shows or lists the item."""
    routes = [
        item.get_absolute_url(),
        config.list_url,
        reverse("cuf:home"),
        theme.get_absolute_url(),
        reverse("cuf:rss"),
        reverse("cuf:atom"),
        reverse("cuf:theme_rss", args=[theme.slug]),
        reverse(f"{config.namespace}:rss"),
        "/sitemap.xml",
        f"/api/v1/{config.key}/",
        f"/api/v1/{config.key}/{item.pk}/",
        "/api/v1/contenus/",
    ]
    if config.key == "agenda":
        routes += [
            reverse("agenda:ics"),
            reverse("agenda:theme_ics", args=[theme.slug]),
            reverse("agenda:event_ics", args=[item.slug]),
        ]
    return routes


def _searches() -> list[str]:
    """Searches for words only the reserved body or file holds (the pages repeat the
    words typed: what must never appear is the item)."""
    return [
        f"/recherche/?q={SECRET}",
        f"/recherche/?q={FILE_SECRET}",
        f"/api/v1/recherche/?q={SECRET}",
        f"/api/v1/contenus/?q={SECRET}",
    ]


def _found_by(client, item) -> list[str]:
    return [path for path in _searches() if item.slug in client.get(path).text]


def _member(*, active=True, organisation_active=True) -> Client:
    organisation = MemberOrganisation.objects.create(
        name="Région Exemple", kind="region", active=organisation_active
    )
    user = get_user_model().objects.create_user(
        username="adherente@example.org", email="adherente@example.org", password="x-long-pass-1"
    )
    Member.objects.create(user=user, organisation=organisation, active=active)
    client = Client()
    client.force_login(user)
    return client


def _leaks(client, paths) -> list[str]:
    found = []
    for path in paths:
        response = client.get(path, follow=True)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if SECRET.encode() in content or FILE_SECRET.encode() in content:
            found.append(path)
    return found


def _files_served(client, paths) -> list[str]:
    served = []
    for path in paths:
        response = client.get(path)
        if response.status_code == 200:
            served.append(path)
    return served


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


@pytest.fixture
def reserved(config, committed):
    theme = ThemeFactory(name="Groupes-pays")
    with committed():
        # Search indexes after the commit.
        item = _reserved(config, theme)
    return item, theme


def test_anonymous_never_receives_a_reserved_body_or_file_by_any_route(config, reserved, client):
    item, theme = reserved
    assert _leaks(client, _routes(config, item, theme)) == []
    assert _found_by(client, item) == []
    assert _files_served(client, _file_paths(config, item)) == []
    page = client.get(item.get_absolute_url())
    assert page.status_code == 200
    assert item.title in page.text
    assert "Réservé aux adhérents" in page.text
    assert reverse("members:login") in page.text


def test_lists_and_theme_pages_show_the_teaser_with_its_lock(config, reserved, client):
    item, theme = reserved
    for path in (config.list_url, theme.get_absolute_url()):
        text = client.get(path).text
        assert item.title in text
        assert "Réservé aux adhérents" in text


def test_search_finds_a_reserved_item_by_its_title_only_for_visitors(config, reserved, client):
    item, _theme = reserved
    assert item.title in client.get("/recherche/", {"q": item.title}).text
    assert item.get_absolute_url() not in client.get("/recherche/", {"q": SECRET}).text


def test_a_member_reads_the_body_files_and_finds_them(config, reserved):
    item, _theme = reserved
    member = _member()
    assert SECRET in member.get(item.get_absolute_url()).text
    paths = _file_paths(config, item)
    assert _files_served(member, paths) == paths
    # The site's search and the API's (its search and the lists' ``q``) alike.
    assert {
        f"/recherche/?q={SECRET}",
        f"/api/v1/recherche/?q={SECRET}",
        f"/api/v1/contenus/?q={SECRET}",
    } <= set(_found_by(member, item))
    data = member.get(f"/api/v1/{config.key}/{item.pk}/").json()
    assert data["access"] == "full"
    assert SECRET in data["body_text"]


@pytest.mark.parametrize("what", ["member", "organisation"])
def test_a_deactivated_member_gets_the_teaser_at_the_next_request(config, reserved, what):
    item, theme = reserved
    member = _member()
    assert SECRET in member.get(item.get_absolute_url()).text
    if what == "member":
        Member.objects.update(active=False)
    else:
        MemberOrganisation.objects.update(active=False)
    assert _leaks(member, _routes(config, item, theme)) == []
    assert _found_by(member, item) == []
    assert _files_served(member, _file_paths(config, item)) == []


def test_a_cached_page_never_gives_a_members_page_to_visitors(config, reserved, client, settings):
    settings.PAGE_CACHE = True
    item, _theme = reserved
    member = _member()
    for path in (item.get_absolute_url(), config.list_url):
        assert member.get(path).status_code == 200
    assert SECRET in member.get(item.get_absolute_url()).text
    for _ in range(2):  # the first visit fills the cache, the second reads it
        assert SECRET not in client.get(item.get_absolute_url()).text
    assert SECRET in member.get(item.get_absolute_url()).text


def test_an_old_spip_address_leads_to_the_teaser(config, reserved, client):
    item, _theme = reserved
    SpipObject.objects.create(
        spip_type="article",
        spip_id=4242,
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
    )
    response = client.get("/spip.php?article4242", follow=True)
    assert response.redirect_chain, "the old address redirects"
    assert SECRET not in response.text
    assert item.title in response.text


def test_a_preview_link_of_another_item_opens_none_of_the_reserved_files(config, reserved, client):
    item, _theme = reserved
    other = factory_for(config)(draft=True)
    assert client.get(preview_path(other)).status_code == 200
    assert _files_served(client, _file_paths(config, item)) == []
    assert _leaks(client, [item.get_absolute_url()]) == []


def test_staff_read_reserved_items(config, reserved, staff_client):
    item, _theme = reserved
    assert SECRET in staff_client.get(item.get_absolute_url()).text


def test_staff_who_gave_only_their_password_read_neither_reserved_items_nor_drafts(
    config, reserved, settings, django_user_model
):
    """A second factor is required: until it is given, a staff session is a visitor's on
    the public site too (a stolen password alone opens no draft, no reserved body)."""
    settings.ADMIN_2FA_REQUIRED = True
    item, theme = reserved
    draft = factory_for(config)(draft=True)
    password = "motdepasse-long-123"
    django_user_model.objects.create_user("redaction", password=password, is_staff=True)
    browser = Client()
    signed = browser.post("/admin/login/", {"username": "redaction", "password": password})
    assert signed.status_code == 302
    assert browser.get("/admin/").status_code == 302, "the admin asks the second factor"
    assert _leaks(browser, _routes(config, item, theme)) == []
    assert _files_served(browser, _file_paths(config, item)) == []
    assert _found_by(browser, item) == []
    assert browser.get(draft.get_absolute_url()).status_code == 404
    assert "Réservé aux adhérents" in browser.get(item.get_absolute_url()).text


def test_a_reserved_file_is_never_kept_by_the_members_browser(config, reserved):
    """Once signed out (a shared computer), the member's browser must ask again: a
    reserved item's files and resized images are sent ``no-store``, as its page is."""
    item, _theme = reserved
    member = _member()
    paths = _file_paths(config, item)
    assert "no-store" in member.get(item.get_absolute_url())["Cache-Control"]
    kept = []
    for path in paths:
        response = member.get(path)
        assert response.status_code == 200, path
        if "no-store" not in response["Cache-Control"]:
            kept.append(path)
    assert kept == []


def test_an_old_address_of_an_image_in_a_reserved_text_never_hands_out_the_image(
    config, reserved, client
):
    # An image shown in an imported text is served to whoever holds its (unguessable)
    # address: the old site's file address, which search engines know, must not give it.
    from cuf.files.models import EditorImage

    item, _theme = reserved
    image = EditorImage.objects.create(file=image_upload(), content_type="image/png")
    SpipObject.objects.create(
        spip_type="article",
        spip_id=4242,
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
    )
    SpipObject.objects.create(
        spip_type="document",
        spip_id=77,
        parent="article4242",
        content_type=ContentType.objects.get_for_model(image),
        object_id=image.pk,
    )
    LegacyAddress.objects.create(old="IMG/png/carte.png", spip_type="document", spip_id=77)
    response = client.get("/IMG/png/carte.png")
    assert image.get_absolute_url() not in response.get("Location", "")
    assert response.status_code in (301, 302, 404)


def test_an_old_address_of_a_reserved_items_file_leads_to_its_teaser(config, reserved, client):
    # A visitor following the old site's link to a document lands on the teaser, with its
    # sign-in link; never on the file's address (a 404 for them, naming the document).
    from cuf.files.models import Attachment

    item, _theme = reserved
    files = _file_paths(config, item)
    if not files:
        pytest.skip("no file for this type")
    kind = ContentType.objects.get_for_model(item)
    owner = Attachment.objects.filter(item_type=kind, item_id=item.pk).first() or item
    SpipObject.objects.create(
        spip_type="document",
        spip_id=78,
        parent="article4243",
        content_type=ContentType.objects.get_for_model(owner),
        object_id=owner.pk,
    )
    LegacyAddress.objects.create(old="IMG/pdf/annexe.pdf", spip_type="document", spip_id=78)
    response = client.get("/IMG/pdf/annexe.pdf", follow=True)
    assert response.status_code == 200
    assert "Réservé aux adhérents" in response.text
    assert item.title in response.text
    assert [url for url, _status in response.redirect_chain] == [item.get_absolute_url()]
    assert SECRET in _member().get("/IMG/pdf/annexe.pdf", follow=True).text
