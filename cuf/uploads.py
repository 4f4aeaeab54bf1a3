"""Checks on uploaded files, and where they are stored.

A file is accepted when its extension is in the allowlist of its kind, its size is within
the configured limit and its content (magic bytes, and Pillow for images) is the format the
extension claims. Files are stored under generated names, never the uploader's.
"""

import os
import uuid
import warnings
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from PIL import Image


@dataclass(frozen=True)
class FileFormat:
    label: str
    extensions: tuple[str, ...]
    content_type: str
    # What the magic-byte sniffer reports for this format (several for container formats).
    detected_as: tuple[str, ...]
    pillow_format: str = ""


PDF = FileFormat("PDF", ("pdf",), "application/pdf", ("application/pdf",))
ODT = FileFormat(
    "ODT",
    ("odt",),
    "application/vnd.oasis.opendocument.text",
    ("application/vnd.oasis.opendocument.text",),
)
ODS = FileFormat(
    "ODS",
    ("ods",),
    "application/vnd.oasis.opendocument.spreadsheet",
    ("application/vnd.oasis.opendocument.spreadsheet",),
)
ODP = FileFormat(
    "ODP",
    ("odp",),
    "application/vnd.oasis.opendocument.presentation",
    ("application/vnd.oasis.opendocument.presentation",),
)
DOCX = FileFormat(
    "DOCX",
    ("docx",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
)
XLSX = FileFormat(
    "XLSX",
    ("xlsx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
)
PPTX = FileFormat(
    "PPTX",
    ("pptx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ("application/vnd.openxmlformats-officedocument.presentationml.presentation",),
)
JPEG = FileFormat("JPEG", ("jpg", "jpeg"), "image/jpeg", ("image/jpeg",), "JPEG")
PNG = FileFormat("PNG", ("png",), "image/png", ("image/png", "image/apng"), "PNG")
GIF = FileFormat("GIF", ("gif",), "image/gif", ("image/gif",), "GIF")
WEBP = FileFormat("WebP", ("webp",), "image/webp", ("image/webp",), "WEBP")
MP3 = FileFormat("MP3", ("mp3",), "audio/mpeg", ("audio/mpeg",))
OGG_AUDIO = FileFormat("OGG", ("ogg", "oga", "opus"), "audio/ogg", ("audio/ogg",))
WAV = FileFormat("WAV", ("wav",), "audio/wav", ("audio/x-wav",))
M4A = FileFormat("M4A", ("m4a",), "audio/mp4", ("audio/mp4", "video/mp4"))
FLAC = FileFormat("FLAC", ("flac",), "audio/flac", ("audio/x-flac",))
MP4 = FileFormat("MP4", ("mp4", "m4v"), "video/mp4", ("video/mp4", "video/x-m4v"))
WEBM = FileFormat("WebM", ("webm",), "video/webm", ("video/webm", "video/x-matroska"))
OGG_VIDEO = FileFormat("OGV", ("ogv",), "video/ogg", ("audio/ogg",))
MOV = FileFormat("MOV", ("mov",), "video/quicktime", ("video/quicktime", "video/mp4"))

# Which formats each kind of upload accepts; the limits in settings.UPLOAD_MAX_MB use the
# same keys.
FORMATS_BY_KIND: dict[str, tuple[FileFormat, ...]] = {
    "document": (PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX),
    "image": (JPEG, PNG, GIF, WEBP),
    "audio": (MP3, OGG_AUDIO, WAV, M4A, FLAC),
    "video": (MP4, WEBM, OGG_VIDEO, MOV),
}
KIND_LABELS = {
    "document": "un document",
    "image": "une image",
    "audio": "un son",
    "video": "une vidéo",
}

SNIFF_BYTES = 8192


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")


def format_for_extension(name: str) -> FileFormat | None:
    extension = _extension(name)
    for formats in FORMATS_BY_KIND.values():
        for file_format in formats:
            if extension in file_format.extensions:
                return file_format
    return None


def _accepted_labels(kind: str) -> str:
    return ", ".join(file_format.label for file_format in FORMATS_BY_KIND[kind])


def _read_head(uploaded) -> bytes:
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(0)
    return head


def _check_image(uploaded, file_format: FileFormat) -> None:
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow warns below its hard limit; a warning is a refusal here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            uploaded.seek(0)
            with Image.open(uploaded, formats=[file_format.pillow_format]) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            "Cette image est trop grande : %(pixels)s pixels au plus (largeur × hauteur).",
            code="image_too_large",
            params={"pixels": f"{settings.IMAGE_MAX_PIXELS:,}".replace(",", "\u202f")},
        ) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            "Cette image est illisible ou incomplète.", code="image_unreadable"
        ) from error
    finally:
        Image.MAX_IMAGE_PIXELS = previous
        uploaded.seek(0)


def check_upload(uploaded, *, kind: str) -> FileFormat:
    """Validate an uploaded file for ``kind`` and return its format.

    Raises ``ValidationError`` with a French message naming what is wrong.
    """
    formats = FORMATS_BY_KIND[kind]
    size = uploaded.size or 0
    if size == 0:
        raise ValidationError("Le fichier est vide.", code="empty")
    limit_mb = settings.UPLOAD_MAX_MB[kind]
    if size > limit_mb * 1024 * 1024:
        raise ValidationError(
            "Le fichier dépasse la taille maximale autorisée (%(limit)s Mo).",
            code="too_large",
            params={"limit": limit_mb},
        )
    file_format = next(
        (f for f in formats if _extension(uploaded.name) in f.extensions),
        None,
    )
    if file_format is None:
        raise ValidationError(
            "Ce type de fichier n’est pas accepté ici. Formats acceptés pour %(kind)s : "
            "%(formats)s.",
            code="extension",
            params={"kind": KIND_LABELS[kind], "formats": _accepted_labels(kind)},
        )
    detected = filetype.guess_mime(_read_head(uploaded))
    if detected not in file_format.detected_as:
        raise ValidationError(
            "Le contenu du fichier ne correspond pas à son extension (.%(extension)s) : "
            "ce n’est pas un fichier %(label)s valide.",
            code="content_mismatch",
            params={"extension": _extension(uploaded.name), "label": file_format.label},
        )
    if file_format.pillow_format:
        _check_image(uploaded, file_format)
    return file_format


def download_name(title: str, stored_name: str) -> str:
    """The name a visitor's browser saves a file under: the item's title and the extension."""
    extension = _extension(stored_name)
    stem = slugify(title)[:80] or "fichier"
    return f"{stem}.{extension}" if extension else stem


def protected_storage():
    return storages["protected"]


@deconstructible
class GeneratedName:
    """An ``upload_to`` that keeps only the (lower-cased) extension of the uploaded name."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        extension = _extension(filename)
        suffix = f".{extension}" if extension else ""
        return f"{self.folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.folder == self.folder
