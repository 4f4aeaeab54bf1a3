"""Checks on uploaded files, and what a checked file is.

A file is accepted when its extension is in the allowlist of its kind, its size is within
the configured limit and its content (magic bytes, and Pillow for images) is the format the
extension claims.
"""

import warnings
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image

from cuf.files.extract import pdf_opens
from cuf.files.storage import file_extension


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


def format_for_extension(name: str) -> FileFormat | None:
    extension = file_extension(name)
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


def _too_large() -> ValidationError:
    return ValidationError(
        "Cette image est trop grande : %(pixels)s pixels au plus (largeur × hauteur).",
        code="image_too_large",
        params={"pixels": f"{settings.IMAGE_MAX_PIXELS:,}".replace(",", "\u202f")},
    )


def _check_image(uploaded, file_format: FileFormat) -> None:
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow warns below its hard limit; a warning is a refusal here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            uploaded.seek(0)
            with Image.open(uploaded, formats=[file_format.pillow_format]) as image:
                # Pillow's limit and the warnings filter are process-wide: another
                # upload's thread (gunicorn's gthread workers) may restore both while
                # this one runs. The pixel count, read from the header, decides here.
                if image.width * image.height > settings.IMAGE_MAX_PIXELS:
                    raise _too_large()
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_large() from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            "Cette image est illisible ou incomplète.", code="image_unreadable"
        ) from error
    finally:
        Image.MAX_IMAGE_PIXELS = previous
        uploaded.seek(0)


def check_upload(uploaded, *, kind: str, open_check: bool = True) -> FileFormat:
    """Validate an uploaded file for ``kind`` and return its format.

    Raises ``ValidationError`` with a French message naming what is wrong. A PDF must
    also open in pypdf, within the limits of ``cuf.files.extract.pdf_opens`` (unless
    ``open_check`` is false: the SPIP import leaves that to the text extraction job).
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
        (f for f in formats if file_extension(uploaded.name) in f.extensions),
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
            params={"extension": file_extension(uploaded.name), "label": file_format.label},
        )
    if file_format.pillow_format:
        _check_image(uploaded, file_format)
    if file_format is PDF and open_check and not pdf_opens(uploaded):
        raise ValidationError(
            "Ce fichier PDF est illisible : il ne s’ouvre pas comme un PDF (fichier abîmé, "
            "ou d’un autre format sous l’extension .pdf). Enregistrez-le de nouveau en PDF "
            "depuis le logiciel qui l’a produit.",
            code="pdf_unreadable",
        )
    return file_format


@dataclass(frozen=True)
class UploadInfo:
    """What a checked upload is: what documents and resources store about their file."""

    size: int
    content_type: str
    label: str

    @property
    def has_text(self) -> bool:
        """Whether the portal reads this format's text for search (a job does it)."""
        return self.content_type == PDF.content_type


def describe_upload(uploaded, *, kind: str, open_check: bool = True) -> UploadInfo:
    """Check ``uploaded`` for ``kind`` (``ValidationError`` in French if it does not
    fit) and describe it: size, content type, format label. Its text, if any, is read
    later, by a job (``cuf.files.text_jobs``)."""
    file_format = check_upload(uploaded, kind=kind, open_check=open_check)
    return UploadInfo(
        size=uploaded.size,
        content_type=file_format.content_type,
        label=file_format.label,
    )


# An item's attachment (cuf.files.models.Attachment): a document, or an image its page
# shows in a gallery; each checked, and limited in size, as its own kind.
ATTACHMENT_KINDS = ("document", "image")


def attachment_kind(name: str) -> str | None:
    extension = file_extension(name)
    for kind in ATTACHMENT_KINDS:
        if any(extension in file_format.extensions for file_format in FORMATS_BY_KIND[kind]):
            return kind
    return None


def describe_attachment(uploaded, *, open_check: bool = True) -> UploadInfo:
    """``describe_upload`` for an attachment: a document or an image."""
    kind = attachment_kind(uploaded.name)
    if kind is None:
        raise ValidationError(
            "Ce type de fichier n’est pas accepté ici. Formats acceptés pour un document ou "
            "une image : %(formats)s.",
            code="extension",
            params={"formats": ", ".join(_accepted_labels(kind) for kind in ATTACHMENT_KINDS)},
        )
    return describe_upload(uploaded, kind=kind, open_check=open_check)


def content_type_for(name: str) -> str:
    """The content type of a stored file, from its (generated, checked) extension."""
    file_format = format_for_extension(name)
    return file_format.content_type if file_format else "application/octet-stream"
