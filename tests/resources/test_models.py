import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from cuf.publishing.rule import Status
from resources.models import Resource
from tests.factories import ResourceFactory
from tests.files import image_bytes, image_upload, pdf_upload, wav_upload
from tests.helpers import days_from_now

ONE_OF_FILE_OR_LINK = "Indiquez soit un fichier, soit un lien externe (un seul des deux)."
LINK = "https://www.youtube.com/watch?v=exemple"


def resource(kind, **kwargs):
    kwargs.setdefault("slug", "ressource")
    kwargs.setdefault("image_alt", "Une place de village" if kind == "photo" else "")
    return Resource(title="Une ressource", kind=kind, **kwargs)


def validation_errors(item):
    with pytest.raises(ValidationError) as caught:
        item.full_clean()
    return caught.value.message_dict


def saved(item):
    item.full_clean()
    item.save()
    return Resource.objects.get(pk=item.pk)


# Exactly one of a file or an external link


@pytest.mark.django_db
def test_a_resource_is_published_only_with_its_file_or_link_a_draft_may_wait_for_it():
    published = resource("video", status=Status.PUBLISHED, published_at=timezone.now())
    assert validation_errors(published) == {
        "file": [
            "Indiquez un fichier ou un lien externe : une ressource n’est publiée qu’avec "
            "l’un des deux (un brouillon peut l’attendre)."
        ]
    }
    resource("video", status=Status.DRAFT).full_clean()


@pytest.mark.django_db
def test_resource_with_both_file_and_link_is_refused_in_french():
    item = resource("son", file=wav_upload(), external_url=LINK)
    assert validation_errors(item) == {"file": [ONE_OF_FILE_OR_LINK]}


@pytest.mark.django_db
def test_database_refuses_a_published_resource_with_neither_file_nor_link():
    with pytest.raises(IntegrityError), transaction.atomic():
        ResourceFactory(external_url="")
    assert ResourceFactory(external_url="", status=Status.DRAFT).status == Status.DRAFT


@pytest.mark.django_db
def test_database_refuses_a_resource_with_both_file_and_link():
    with pytest.raises(IntegrityError), transaction.atomic():
        ResourceFactory(kind=Resource.Kind.SOUND, file=wav_upload(), external_url=LINK)


@pytest.mark.django_db
def test_video_published_elsewhere_is_accepted_as_a_link():
    item = saved(resource("video", external_url=LINK))
    assert item.external_url == LINK
    assert item.file_url == ""


# The file must fit the kind, by its content


@pytest.mark.django_db
def test_pdf_is_accepted_as_a_text_and_its_format_recorded():
    upload = pdf_upload()
    item = saved(resource("texte", file=upload))
    assert (item.content_type, item.format_label, item.size) == (
        "application/pdf",
        "PDF",
        upload.size,
    )
    assert item.file.name.startswith("ressources/")
    assert item.file_url == "/ressources/ressource/fichier"


@pytest.mark.django_db
def test_wav_is_accepted_as_a_sound_and_its_format_recorded():
    item = saved(resource("son", file=wav_upload()))
    assert (item.content_type, item.format_label) == ("audio/wav", "WAV")
    assert item.file.name.endswith(".wav")


@pytest.mark.django_db
def test_png_is_accepted_as_a_photo():
    item = saved(resource("photo", file=image_upload()))
    assert (item.content_type, item.format_label) == ("image/png", "PNG")


@pytest.mark.django_db
def test_pdf_is_refused_as_a_photo():
    assert validation_errors(resource("photo", file=pdf_upload())) == {
        "file": [
            "Ce type de fichier n’est pas accepté ici. "
            "Formats acceptés pour une image : JPEG, PNG, GIF, WebP."
        ]
    }


@pytest.mark.django_db
def test_png_is_refused_as_a_sound():
    assert validation_errors(resource("son", file=image_upload())) == {
        "file": [
            "Ce type de fichier n’est pas accepté ici. "
            "Formats acceptés pour un son : MP3, OGG, WAV, M4A, FLAC."
        ]
    }


@pytest.mark.django_db
def test_png_renamed_wav_is_refused_as_a_sound():
    disguised = SimpleUploadedFile("extrait.wav", image_bytes("PNG"))
    assert validation_errors(resource("son", file=disguised)) == {
        "file": [
            "Le contenu du fichier ne correspond pas à son extension (.wav) : "
            "ce n’est pas un fichier WAV valide."
        ]
    }


@pytest.mark.django_db
def test_wav_is_refused_as_a_video():
    errors = validation_errors(resource("video", file=wav_upload()))
    assert errors["file"][0].startswith("Ce type de fichier n’est pas accepté ici.")
    assert "pour une vidéo" in errors["file"][0]


@pytest.mark.django_db
def test_unknown_kind_is_reported_not_crashing():
    errors = validation_errors(resource("affiche", file=pdf_upload()))
    assert list(errors) == ["kind"]


# Changing the kind of a resource whose file is stored


@pytest.mark.django_db
def test_changing_the_kind_of_a_stored_file_to_one_it_does_not_fit_is_refused():
    item = saved(resource("texte", file=pdf_upload()))
    item.kind, item.image_alt = Resource.Kind.PHOTO, "Une place de village"
    assert validation_errors(item) == {
        "file": ["Le fichier enregistré ne correspond pas à ce type de ressource."]
    }


@pytest.mark.django_db
def test_changing_a_sound_file_into_a_video_is_refused():
    item = saved(resource("son", file=wav_upload()))
    item.kind = Resource.Kind.VIDEO
    assert list(validation_errors(item)) == ["file"]


@pytest.mark.django_db
def test_editing_a_stored_file_resource_without_changing_its_kind_is_accepted():
    item = saved(resource("son", file=wav_upload()))
    item.title = "Entretien avec la maire"
    item.transcript = "Bonjour à toutes et à tous."
    assert saved(item).format_label == "WAV"


@pytest.mark.django_db
def test_changing_the_kind_of_a_linked_resource_is_accepted():
    item = saved(resource("video", external_url=LINK))
    item.kind = Resource.Kind.SOUND
    assert saved(item).kind == "son"


# Slugs and transcripts


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["texte", "photo", "son", "video", "rss", "atom", "abonnement"])
def test_slug_of_a_kind_list_or_a_feed_is_reserved(slug):
    assert validation_errors(resource("video", slug=slug, external_url=LINK)) == {
        "slug": ["Cette adresse est réservée par le portail : choisissez-en une autre."]
    }


@pytest.mark.django_db
def test_slug_starting_like_a_kind_is_free():
    assert saved(resource("video", slug="video-de-presentation", external_url=LINK)).pk


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["son", "video"])
def test_sound_and_video_accept_a_transcript(kind):
    item = saved(resource(kind, external_url=LINK, transcript="Bonjour à toutes et à tous."))
    assert item.transcript == "Bonjour à toutes et à tous."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "upload"), [("texte", pdf_upload), ("photo", image_upload)], ids=["texte", "photo"]
)
def test_text_and_photo_refuse_a_transcript(kind, upload):
    assert validation_errors(resource(kind, file=upload(), transcript="Texte entendu")) == {
        "transcript": ["La transcription ne concerne que le son et la vidéo."]
    }


@pytest.mark.django_db
def test_database_refuses_an_unknown_kind():
    with pytest.raises(IntegrityError), transaction.atomic():
        ResourceFactory(kind="affiche")


# The four doors of the resource centre


@pytest.mark.django_db
def test_kind_counts_lists_the_four_kinds_with_zero_counts_and_only_published_items():
    ResourceFactory(kind=Resource.Kind.VIDEO)
    ResourceFactory(kind=Resource.Kind.VIDEO)
    ResourceFactory(kind=Resource.Kind.SOUND)
    ResourceFactory(kind=Resource.Kind.SOUND, status=Status.DRAFT)
    ResourceFactory(kind=Resource.Kind.TEXT, published_at=days_from_now(1))

    doors = Resource.objects.published().kind_counts()

    assert [(door["kind"], door["label"], door["count"], door["url"]) for door in doors] == [
        ("texte", "Texte", 0, "/ressources/texte/"),
        ("photo", "Photo", 0, "/ressources/photo/"),
        ("son", "Son", 1, "/ressources/son/"),
        ("video", "Vidéo", 2, "/ressources/video/"),
    ]


@pytest.mark.django_db
def test_kind_counts_with_no_resources_shows_four_empty_doors():
    assert [door["count"] for door in Resource.objects.published().kind_counts()] == [0, 0, 0, 0]


@pytest.mark.django_db
def test_of_kind_keeps_only_that_kind():
    video = ResourceFactory(kind=Resource.Kind.VIDEO)
    ResourceFactory(kind=Resource.Kind.SOUND)
    assert list(Resource.objects.published().of_kind("video")) == [video]


# A photo's text alternative


@pytest.mark.django_db
@pytest.mark.parametrize("alt", ["", "   "])
def test_a_photo_without_its_text_alternative_is_refused_in_french(alt):
    assert validation_errors(resource("photo", file=image_upload(), image_alt=alt)) == {
        "image_alt": ["Décrivez la photo : le texte alternatif est obligatoire (RGAA 1.2)."]
    }


@pytest.mark.django_db
def test_the_database_refuses_a_photo_without_text_alternative():
    photo = saved(resource("photo", file=image_upload(), image_alt="Une place"))
    with pytest.raises(IntegrityError):
        Resource.objects.filter(pk=photo.pk).update(image_alt="")


@pytest.mark.django_db
def test_other_kinds_need_no_text_alternative():
    saved(resource("texte", file=pdf_upload(), image_alt=""))
    assert Resource.objects.get().image_alt == ""


@pytest.mark.django_db
def test_a_photo_shows_its_own_text_alternative():
    photo = saved(resource("photo", file=image_upload(), image_alt="Un puits neuf au soleil"))
    assert photo.image_alt == "Un puits neuf au soleil"
