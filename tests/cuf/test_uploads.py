import re
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cuf.files.checks import check_upload
from cuf.files.storage import GeneratedName, download_name
from tests.files import image_bytes, image_upload, pdf_upload, wav_upload

SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def refusal(uploaded, kind):
    with pytest.raises(ValidationError) as caught:
        check_upload(uploaded, kind=kind)
    return caught.value.messages


# Accepted files


@pytest.mark.parametrize(
    ("uploaded", "kind", "label"),
    [
        (pdf_upload(), "document", "PDF"),
        (image_upload("photo.png", "PNG"), "image", "PNG"),
        (image_upload("photo.jpg", "JPEG"), "image", "JPEG"),
        (image_upload("photo.jpeg", "JPEG"), "image", "JPEG"),
        (image_upload("PHOTO.PNG", "PNG"), "image", "PNG"),
        (wav_upload(), "audio", "WAV"),
    ],
    ids=["pdf", "png", "jpg", "jpeg", "upper-case-extension", "wav"],
)
def test_valid_file_is_accepted_with_its_format(uploaded, kind, label):
    assert check_upload(uploaded, kind=kind).label == label


def test_accepted_file_can_be_read_again_from_the_start():
    uploaded = image_upload()
    check_upload(uploaded, kind="image")
    assert uploaded.read(8) == b"\x89PNG\r\n\x1a\n"


# Wrong kind, wrong extension, or content that is not what the extension says


def test_pdf_renamed_jpg_is_refused_as_an_image():
    uploaded = SimpleUploadedFile("photo.jpg", pdf_upload().read())
    assert refusal(uploaded, "image") == [
        "Le contenu du fichier ne correspond pas à son extension (.jpg) : "
        "ce n’est pas un fichier JPEG valide."
    ]


def test_html_page_renamed_pdf_is_refused_as_a_document():
    uploaded = SimpleUploadedFile("rapport.pdf", HTML_PAGE)
    assert refusal(uploaded, "document") == [
        "Le contenu du fichier ne correspond pas à son extension (.pdf) : "
        "ce n’est pas un fichier PDF valide."
    ]


def test_png_renamed_wav_is_refused_as_a_sound():
    uploaded = SimpleUploadedFile("extrait.wav", image_bytes("PNG"))
    assert refusal(uploaded, "audio") == [
        "Le contenu du fichier ne correspond pas à son extension (.wav) : "
        "ce n’est pas un fichier WAV valide."
    ]


def test_jpeg_renamed_png_is_refused():
    uploaded = SimpleUploadedFile("photo.png", image_bytes("JPEG"))
    assert "ce n’est pas un fichier PNG valide" in refusal(uploaded, "image")[0]


def test_svg_image_is_refused_and_the_accepted_formats_are_named():
    uploaded = SimpleUploadedFile("logo.svg", SVG_WITH_SCRIPT, content_type="image/svg+xml")
    assert refusal(uploaded, "image") == [
        "Ce type de fichier n’est pas accepté ici. "
        "Formats acceptés pour une image : JPEG, PNG, GIF, WebP."
    ]


def test_svg_renamed_png_is_refused():
    uploaded = SimpleUploadedFile("logo.png", SVG_WITH_SCRIPT)
    assert "ce n’est pas un fichier PNG valide" in refusal(uploaded, "image")[0]


def test_image_is_refused_as_a_document():
    assert refusal(image_upload(), "document") == [
        "Ce type de fichier n’est pas accepté ici. "
        "Formats acceptés pour un document : PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX."
    ]


@pytest.mark.parametrize("name", ["programme.pdf.html", "programme", "programme.exe"])
def test_file_with_an_unlisted_or_missing_extension_is_refused(name):
    uploaded = SimpleUploadedFile(name, pdf_upload().read())
    assert refusal(uploaded, "document")[0].startswith("Ce type de fichier n’est pas accepté")


# Empty, too large, too many pixels, truncated


def test_empty_file_is_refused():
    assert refusal(SimpleUploadedFile("vide.pdf", b""), "document") == ["Le fichier est vide."]


def test_file_over_the_size_limit_is_refused_and_the_limit_is_named(settings):
    settings.UPLOAD_MAX_MB = {**settings.UPLOAD_MAX_MB, "document": 1}
    content = pdf_upload().read()
    uploaded = SimpleUploadedFile("gros.pdf", content + b"\n" * (1024 * 1024 - len(content) + 1))
    assert refusal(uploaded, "document") == [
        "Le fichier dépasse la taille maximale autorisée (1 Mo)."
    ]


def test_file_of_exactly_the_size_limit_is_accepted(settings):
    settings.UPLOAD_MAX_MB = {**settings.UPLOAD_MAX_MB, "document": 1}
    content = pdf_upload().read()
    uploaded = SimpleUploadedFile("juste.pdf", content + b"\n" * (1024 * 1024 - len(content)))
    assert uploaded.size == 1024 * 1024
    assert check_upload(uploaded, kind="document").label == "PDF"


def test_image_over_the_image_size_limit_is_refused(settings):
    settings.UPLOAD_MAX_MB = {**settings.UPLOAD_MAX_MB, "image": 1}
    big = image_bytes("PNG") + b"\0" * (1024 * 1024)
    assert refusal(SimpleUploadedFile("photo.png", big), "image") == [
        "Le fichier dépasse la taille maximale autorisée (1 Mo)."
    ]


@pytest.mark.parametrize("size", [(2001, 1000), (3000, 2000)], ids=["just-above", "far-above"])
def test_image_with_too_many_pixels_is_refused(settings, size):
    settings.IMAGE_MAX_PIXELS = 2_000_000
    uploaded = SimpleUploadedFile("immense.png", image_bytes("PNG", size))
    # Compressed, the file is tiny: only its pixel count gives it away.
    assert uploaded.size < 100_000
    assert refusal(uploaded, "image") == [
        "Cette image est trop grande : 2\u202f000\u202f000 pixels au plus (largeur × hauteur)."
    ]


def test_image_with_too_many_pixels_is_refused_while_another_upload_is_checked(
    settings, monkeypatch
):
    # gunicorn's gthread workers check two uploads at once in one process. Pillow's limit
    # and the warnings filter are process-wide: a small image's check, ending while the
    # large one's runs, puts back what it found when it began (Pillow's default limit,
    # no "error" filter), and the large one was then accepted.
    from PIL import Image

    settings.IMAGE_MAX_PIXELS = 2_000_000
    opened = Image.open
    small_opening, large_opening, small_done = (threading.Event() for _ in range(3))

    def open_in_turn(handle, *args, **kwargs):
        if handle.name == "petite.png":
            small_opening.set()
            large_opening.wait(5)  # the small check began first, and ends now
        else:
            large_opening.set()
            small_done.wait(5)
        return opened(handle, *args, **kwargs)

    monkeypatch.setattr(Image, "open", open_in_turn)
    small = SimpleUploadedFile("petite.png", image_bytes("PNG", (20, 10)))
    large = SimpleUploadedFile("immense.png", image_bytes("PNG", (3000, 2000)))
    outcomes = {}

    def check_small():
        outcomes["small"] = check_upload(small, kind="image").label
        small_done.set()

    def check_large():
        try:
            outcomes["large"] = check_upload(large, kind="image").label
        except ValidationError as refused:
            outcomes["large"] = refused.messages

    first = threading.Thread(target=check_small)
    first.start()
    small_opening.wait(5)
    second = threading.Thread(target=check_large)
    second.start()
    first.join(10)
    second.join(10)
    assert outcomes == {
        "small": "PNG",
        "large": [
            "Cette image est trop grande : 2\u202f000\u202f000 pixels au plus (largeur × hauteur)."
        ],
    }


def test_image_at_the_pixel_limit_is_accepted(settings):
    settings.IMAGE_MAX_PIXELS = 2_000_000
    uploaded = SimpleUploadedFile("grande.png", image_bytes("PNG", (2000, 1000)))
    assert check_upload(uploaded, kind="image").label == "PNG"


@pytest.mark.parametrize(("name", "fmt"), [("photo.png", "PNG"), ("photo.jpg", "JPEG")])
def test_truncated_image_is_refused(name, fmt):
    content = image_bytes(fmt, (200, 150))
    uploaded = SimpleUploadedFile(name, content[: len(content) // 2])
    assert refusal(uploaded, "image") == ["Cette image est illisible ou incomplète."]


# Stored and downloaded names


def test_stored_name_never_keeps_the_uploaders_file_name():
    upload_to = GeneratedName("documents")
    name = upload_to(None, "../../Rapport confidentiel de M. Dupont.PDF")
    assert re.fullmatch(r"documents/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", name)
    assert "rapport" not in name.lower()
    assert "dupont" not in name.lower()


def test_stored_names_differ_for_the_same_uploaded_name():
    upload_to = GeneratedName("documents")
    assert upload_to(None, "programme.pdf") != upload_to(None, "programme.pdf")


def test_stored_name_of_a_file_without_extension_has_none():
    assert re.fullmatch(
        r"ressources/\d{4}/\d{2}/[0-9a-f]{32}", GeneratedName("ressources")(None, "x")
    )


def test_download_name_is_the_title_with_the_stored_extension():
    stored = "documents/2024/05/0123456789abcdef0123456789abcdef.pdf"
    assert download_name("Programme du séminaire : Haïti", stored) == (
        "programme-du-seminaire-haiti.pdf"
    )


def test_download_name_says_the_format_once_when_the_title_names_it():
    stored = "documents/2024/05/abc.pdf"
    assert download_name("Convention Drôme – Koudougou (PDF)", stored) == (
        "convention-drome-koudougou.pdf"
    )
    assert download_name("PDF", stored) == "pdf.pdf"
    assert download_name("Guide (PDF)", "documents/2024/05/abc.odt") == "guide-pdf.odt"


def test_download_name_without_a_usable_title_is_fichier():
    assert download_name("!!!", "documents/2024/05/abc.odt") == "fichier.odt"


def test_download_name_is_kept_short():
    name = download_name("Très long titre " * 20, "documents/2024/05/abc.pdf")
    assert len(name) <= 84
    assert name.endswith(".pdf")
