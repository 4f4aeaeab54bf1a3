import re

import pytest

from cuf.publishing.rule import Status
from resources.models import Resource
from tests.factories import ResourceFactory, ThemeFactory, resource_with_file
from tests.files import image_upload, pdf_upload, wav_upload
from tests.helpers import (
    days_from_now,
    file_content,
    main_text,
    published_days_ago,
    titles_on,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/ressources/"
# Queries of the resource centre (whole or one kind), whatever the number of resources:
# the page's rows, their count for the paginator, the themes of the page in one prefetch,
# and the four doors' counts in one grouped query.
LIST_MAX_QUERIES = 4


def door_counts(text: str) -> dict[str, int]:
    """The resource centre's doors as a visitor reads them: {"Texte": 2, "Photo": 0, ...}."""
    found = re.findall(r">(Texte|Photo|Son|Vidéo) <span class=\"count\">\((\d+)\)", text)
    return {label: int(count) for label, count in found}


def one_of_each_kind():
    return [
        resource_with_file(kind=Resource.Kind.TEXT, upload=pdf_upload(), title="Guide climat"),
        resource_with_file(kind=Resource.Kind.PHOTO, upload=image_upload(), title="Photo forage"),
        resource_with_file(kind=Resource.Kind.SOUND, upload=wav_upload(), title="Podcast jeunes"),
        ResourceFactory(kind=Resource.Kind.VIDEO, title="Vidéo rencontres"),
    ]


# Lists


def test_resource_centre_shows_the_four_doors_with_published_counts(client):
    one_of_each_kind()
    ResourceFactory(kind=Resource.Kind.VIDEO, title="Deuxième vidéo")
    ResourceFactory(kind=Resource.Kind.VIDEO, status=Status.DRAFT)
    ResourceFactory(kind=Resource.Kind.VIDEO, published_at=days_from_now(1))
    text = client.get(LIST_URL).text
    assert door_counts(text) == {"Texte": 1, "Photo": 1, "Son": 1, "Vidéo": 2}
    for kind in ("texte", "photo", "son", "video"):
        assert f'href="/ressources/{kind}/"' in text


def test_doors_count_zero_for_a_kind_without_resources(client):
    ResourceFactory(kind=Resource.Kind.VIDEO)
    assert door_counts(client.get(LIST_URL).text) == {"Texte": 0, "Photo": 0, "Son": 0, "Vidéo": 1}


@pytest.mark.parametrize(
    "kind,title",
    [
        ("texte", "Guide climat"),
        ("photo", "Photo forage"),
        ("son", "Podcast jeunes"),
        ("video", "Vidéo rencontres"),
    ],
)
def test_kind_page_lists_only_resources_of_that_kind(client, kind, title):
    resources = one_of_each_kind()
    response = client.get(f"/ressources/{kind}/")
    assert response.status_code == 200
    assert titles_on(main_text(response), [r.title for r in resources]) == [title]


def test_kind_page_never_shows_drafts_or_scheduled_resources(client, staff_client):
    ResourceFactory(title="Vidéo publiée")
    ResourceFactory(title="Vidéo en brouillon", status=Status.DRAFT)
    ResourceFactory(title="Vidéo programmée", published_at=days_from_now(1))
    for visitor in (client, staff_client):
        for url in (LIST_URL, "/ressources/video/"):
            text = visitor.get(url).text
            assert "Vidéo publiée" in text
            assert "Vidéo en brouillon" not in text
            assert "Vidéo programmée" not in text


def test_resource_lists_narrowed_to_one_theme(client):
    haiti = ThemeFactory(name="Haïti", slug="haiti")
    ResourceFactory(title="Vidéo sur Haïti", themes=[haiti])
    ResourceFactory(title="Vidéo hors thème")
    for url in (LIST_URL, "/ressources/video/"):
        response = client.get(url, {"theme": "haiti"})
        assert "Vidéo sur Haïti" in response.text
        assert "Vidéo hors thème" not in response.text


@pytest.mark.parametrize("url", [LIST_URL, "/ressources/video/"])
@pytest.mark.parametrize("count", [3, 25])
def test_resource_lists_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count, url
):
    themes = ThemeFactory.create_batch(2)
    for when in published_days_ago(count):
        ResourceFactory(published_at=when, themes=themes)
    with django_assert_max_num_queries(LIST_MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


# Detail


def test_resource_page_shows_its_description_and_transcript(client):
    resource = ResourceFactory(
        title="Entretien radio",
        kind=Resource.Kind.SOUND,
        external_url="https://radio.example.org/entretien",
        description="<p>Une élue revient sur dix ans de partenariat.</p>",
        transcript="Nous avons appris autant que nous avons apporté.",
    )
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    text = main_text(response)
    assert "Une élue revient sur dix ans de partenariat." in text
    assert "Transcription" in text
    assert "Nous avons appris autant que nous avons apporté." in text
    assert 'href="https://radio.example.org/entretien"' in text


def test_text_resource_page_offers_its_download(client):
    resource = resource_with_file(kind=Resource.Kind.TEXT, upload=pdf_upload())
    text = main_text(client.get(resource.get_absolute_url()))
    assert f'href="{resource.file_url}"' in text
    assert "Télécharger le document" in text
    assert "PDF" in text


def test_photo_and_sound_pages_embed_their_file(client):
    photo = resource_with_file(kind=Resource.Kind.PHOTO, upload=image_upload())
    sound = resource_with_file(kind=Resource.Kind.SOUND, upload=wav_upload())
    assert f'<img src="{photo.file_url}"' in client.get(photo.get_absolute_url()).text
    assert f'src="{sound.file_url}"' in client.get(sound.get_absolute_url()).text
    assert "<audio" in client.get(sound.get_absolute_url()).text


# File


def test_text_resource_file_downloads_as_attachment(client):
    resource = resource_with_file(kind=Resource.Kind.TEXT, upload=pdf_upload(), title="Guide")
    response = client.get(resource.file_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="guide.pdf"'
    assert file_content(response).startswith(b"%PDF")


@pytest.mark.parametrize(
    "kind,upload,content_type",
    [
        (Resource.Kind.PHOTO, image_upload, "image/png"),
        (Resource.Kind.SOUND, wav_upload, "audio/wav"),
    ],
)
def test_photo_and_sound_files_are_served_inline(client, kind, upload, content_type):
    resource = resource_with_file(kind=kind, upload=upload())
    response = client.get(resource.file_url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("inline")
    assert file_content(response)


@pytest.mark.parametrize("status,days", [(Status.DRAFT, -1), (Status.PUBLISHED, 1)])
def test_file_of_unpublished_resource_is_404_for_anonymous(client, status, days):
    resource = resource_with_file(
        kind=Resource.Kind.TEXT,
        upload=pdf_upload(),
        status=status,
        published_at=days_from_now(days),
    )
    assert client.get(f"/ressources/{resource.slug}/fichier").status_code == 404


def test_file_of_draft_resource_is_served_to_staff(staff_client):
    resource = resource_with_file(kind=Resource.Kind.TEXT, upload=pdf_upload(), status=Status.DRAFT)
    response = staff_client.get(resource.file_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert file_content(response)
    assert "no-store" in response["Cache-Control"]


# Byte ranges: a phone's player asks for parts of a sound or video file to seek in it.


@pytest.fixture
def sound():
    resource = resource_with_file(kind=Resource.Kind.SOUND, upload=wav_upload())
    return resource, wav_upload().read()


def test_a_file_says_it_accepts_byte_ranges(client, sound):
    resource, whole = sound
    response = client.get(resource.file_url)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert file_content(response) == whole
    # A published file: kept an hour by the browser, never by a shared cache.
    assert "private" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]


@pytest.mark.parametrize(
    "header,first,last",
    [("bytes=0-9", 0, 9), ("bytes=10-", 10, None), ("bytes=-5", -5, None), ("bytes=4-4", 4, 4)],
)
def test_a_byte_range_is_served_as_partial_content(client, sound, header, first, last):
    resource, whole = sound
    response = client.get(resource.file_url, headers={"Range": header})
    expected = whole[first : None if last is None else last + 1]
    assert response.status_code == 206
    assert file_content(response) == expected
    assert response["Content-Length"] == str(len(expected))
    start = first if first >= 0 else len(whole) + first
    assert response["Content-Range"] == f"bytes {start}-{start + len(expected) - 1}/{len(whole)}"
    assert response["Content-Type"] == "audio/wav"


def test_a_range_past_the_end_is_cut_to_the_file(client, sound):
    resource, whole = sound
    response = client.get(resource.file_url, headers={"Range": "bytes=10-999999999"})
    assert response.status_code == 206
    assert file_content(response) == whole[10:]


@pytest.mark.parametrize("header", ["bytes={size}-", "bytes=-0"])
def test_a_range_outside_the_file_is_refused_with_its_size(client, sound, header):
    resource, whole = sound
    response = client.get(resource.file_url, headers={"Range": header.format(size=len(whole))})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(whole)}"


# Several ranges, end before start, another unit, no number, digits of other scripts, and
# a number too long to be a position (nor for int() to read).
@pytest.mark.parametrize(
    "header",
    ["bytes=0-1,5-6", "bytes=9-2", "octets=0-9", "bytes=x-", "bytes=-", "bytes=٠-٩", "bytes=²-"]
    + ["bytes=0-" + "9" * 5000],
)
def test_a_range_that_cannot_be_read_gets_the_whole_file(client, sound, header):
    resource, whole = sound
    response = client.get(resource.file_url, headers={"Range": header})
    assert response.status_code == 200
    assert file_content(response) == whole


def test_a_conditional_range_gets_the_whole_file(client, sound):
    resource, whole = sound
    headers = {"Range": "bytes=0-9", "If-Range": "Wed, 21 Oct 2015 07:28:00 GMT"}
    response = client.get(resource.file_url, headers=headers)
    assert response.status_code == 200
    assert file_content(response) == whole


def test_a_byte_range_of_a_draft_is_still_404_for_visitors(client):
    resource = resource_with_file(
        kind=Resource.Kind.SOUND, upload=wav_upload(), status=Status.DRAFT
    )
    response = client.get(resource.file_url, headers={"Range": "bytes=0-9"})
    assert response.status_code == 404


def test_resource_with_an_external_link_has_no_file(client):
    resource = ResourceFactory()
    assert client.get(f"/ressources/{resource.slug}/fichier").status_code == 404


# External videos: click to load


def test_youtube_video_page_shows_a_placeholder_and_never_an_iframe(client):
    resource = ResourceFactory(
        kind=Resource.Kind.VIDEO,
        external_url="https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        transcript="Voix off : bienvenue.",
    )
    text = main_text(client.get(resource.get_absolute_url()))
    assert "<iframe" not in text
    assert (
        'data-video-embed="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"' in text
    )
    assert "data-video-play hidden>Lire la vidéo (YouTube)</button>" in text
    assert (
        '<a href="https://www.youtube.com/watch?v=aqz-KE-bpKQ">Voir la vidéo sur YouTube</a>'
        in text
    )
    assert "Voix off : bienvenue." in text
    assert 'class="media-block media-block--with-transcript"' in text
    page = client.get(resource.get_absolute_url()).text
    assert '<script src="/static/cuf/js/video.js" defer></script>' in page


def test_vimeo_video_uses_the_vimeo_player_without_tracking(client):
    resource = ResourceFactory(kind=Resource.Kind.VIDEO, external_url="https://vimeo.com/76979871")
    text = main_text(client.get(resource.get_absolute_url()))
    assert 'data-video-embed="https://player.vimeo.com/video/76979871?dnt=1&amp;autoplay=1"' in text
    assert "Lire la vidéo (Vimeo)" in text


def test_unknown_video_host_is_a_plain_link(client):
    resource = ResourceFactory(
        kind=Resource.Kind.VIDEO, external_url="https://videos.example.org/v/12"
    )
    page = client.get(resource.get_absolute_url()).text
    assert "data-video-embed" not in page
    assert "video.js" not in page
    assert 'href="https://videos.example.org/v/12">Voir la vidéo sur le site d’origine' in page


def test_sound_file_has_the_browsers_player_and_its_transcript_beside(client):
    resource = resource_with_file(
        kind=Resource.Kind.SOUND, upload=wav_upload(), transcript="Bonjour à toutes et à tous."
    )
    text = main_text(client.get(resource.get_absolute_url()))
    assert f'<audio controls preload="metadata" src="{resource.file_url}">' in text
    assert "Télécharger le son</a> (WAV" in text
    assert (
        '<div class="transcript-text" tabindex="0"><p>Bonjour à toutes et à tous.</p></div>' in text
    )


@pytest.mark.parametrize(
    ("title", "player"),
    [
        ("Vidéo : les Rencontres en trois minutes", "Vidéo : les Rencontres en trois minutes"),
        ("VIDEO – le webinaire", "VIDEO – le webinaire"),
        ("Les Rencontres en trois minutes", "Vidéo : Les Rencontres en trois minutes"),
        ("Vidéoconférence des élus", "Vidéo : Vidéoconférence des élus"),
    ],
)
def test_the_video_player_is_named_vidéo_once(client, title, player):
    video = ResourceFactory(title=title, external_url="https://www.youtube.com/watch?v=aqz-KE-bpKQ")
    assert f'data-video-title="{player}"' in client.get(video.get_absolute_url()).text


def test_a_reserved_photos_credit_is_for_members_as_its_image_is(client, django_user_model):
    """The gallery shows visitors a reserved photo's title and a placeholder: the credit
    of an image they cannot see is part of what is withheld."""
    from cuf.members.models import Member, MemberOrganisation

    photo = resource_with_file(
        kind=Resource.Kind.PHOTO,
        upload=image_upload(),
        title="Assemblée restreinte",
        credit="Anne Réservée",
        image_alt="La salle",
        access="members",
    )
    address = "/ressources/photo/"
    text = client.get(address).text
    assert "Assemblée restreinte" in text
    assert "Anne Réservée" not in text
    assert "Anne Réservée" not in client.get(photo.get_absolute_url()).text
    user = django_user_model.objects.create_user(username="m@example.org", password="x")
    organisation = MemberOrganisation.objects.create(name="Région Exemple", kind="region")
    Member.objects.create(user=user, organisation=organisation)
    client.force_login(user)
    assert "© Anne Réservée" in client.get(address).text


@pytest.mark.parametrize("kind", ["texte", "photo", "son", "video"])
def test_a_draft_waiting_for_its_file_says_so_to_its_editors(editor_client, kind):
    draft = ResourceFactory(
        draft=True, kind=kind, external_url="", image_alt="Un puits" if kind == "photo" else ""
    )
    page = editor_client.get(draft.get_absolute_url())
    assert page.status_code == 200
    assert "Pas encore de fichier ni de lien" in page.text
    change = editor_client.get(f"/admin/resources/resource/{draft.pk}/change/")
    assert change.status_code == 200


@pytest.mark.parametrize(
    "credit,shown",
    [
        ("Jean Dupont", "Crédit : Jean Dupont"),
        # The SPIP sample's video credit names its role: no second label before it.
        ("Réalisation : Studio Mistral", "Réalisation : Studio Mistral"),
        (
            "Ville de Lyon\u00a0: service communication",
            "Ville de Lyon\u00a0: service communication",
        ),
    ],
)
def test_a_credit_that_names_its_role_is_not_labelled_twice(client, credit, shown):
    video = ResourceFactory(kind=Resource.Kind.VIDEO, credit=credit)
    page = main_text(client.get(video.get_absolute_url()))
    assert shown in page
    assert "Crédit : Réalisation" not in page


@pytest.mark.parametrize(
    "credit,shown", [("Anne Photographe", "© Anne Photographe"), ("© AFP", "© AFP")]
)
def test_a_photos_credit_carries_one_copyright_sign(client, credit, shown):
    photo = resource_with_file(kind=Resource.Kind.PHOTO, upload=image_upload(), credit=credit)
    for address in (photo.get_absolute_url(), "/ressources/photo/"):
        page = main_text(client.get(address))
        assert shown in page, address
        assert "© ©" not in page, address
