"""Smaller copies of uploaded images ("renditions"), made once with Pillow and kept.

Only the widths of ``WIDTHS`` exist, so a visitor cannot make the server produce (and
store) an image of any size. A rendition lives next to the other protected files, under a
path derived from the original's generated name: a new upload gets new renditions. It is
served through the same views, hence the same publication check, as the original.
"""

import io
import os
import threading
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.http import Http404
from PIL import Image, ImageOps

from cuf.files.serving import stored_file_response

WIDTHS = (320, 640, 960)

# What each stored format is re-encoded as: (Pillow format, extension, content type).
# A GIF's first frame becomes a PNG: its renditions are still pictures.
OUTPUT = {
    "JPEG": ("JPEG", "jpg", "image/jpeg"),
    "PNG": ("PNG", "png", "image/png"),
    "WEBP": ("WEBP", "webp", "image/webp"),
    "GIF": ("PNG", "png", "image/png"),
}
FOLDER = "renditions"
# How long a made rendition is remembered by name (see get_or_create_rendition).
KNOWN_FOR = 24 * 3600


def _open(handle) -> Image.Image:
    # Every image was checked on upload; the decompression-bomb guard stays on regardless.
    Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return Image.open(handle)


def image_size(field_file) -> tuple[int, int] | None:
    """(width, height) of a stored image, read from its header once and then cached."""
    key = f"cuf:image-size:{field_file.name}"
    size = cache.get(key)
    if size is None:
        try:
            with field_file.open("rb") as handle, _open(handle) as image:
                size = image.size[::-1] if _rotated(image) else image.size
        except (OSError, ValueError, Image.DecompressionBombError):
            return None
        cache.set(key, size, None)
    return tuple(size)


def _rotated(image: Image.Image) -> bool:
    # EXIF orientations 5 to 8 swap width and height once the browser applies them.
    return image.getexif().get(0x0112, 1) in (5, 6, 7, 8)


def rendition_name(original_name: str, width: int, extension: str) -> str:
    stem = os.path.splitext(original_name)[0]
    return f"{FOLDER}/{stem}-{width}w.{extension}"


def rendition_names(original_name: str) -> list[str]:
    """Every name a rendition of ``original_name`` may have been stored under."""
    extensions = sorted({extension for _format, extension, _type in OUTPUT.values()})
    return [rendition_name(original_name, w, ext) for w in WIDTHS for ext in extensions]


# Requests of one process making the same rendition wait for each other (a rendition name
# always maps to the same lock; a few unrelated names share one, which only makes them
# wait a little).
_LOCKS = tuple(threading.Lock() for _ in range(64))


def _lock_for(name: str) -> threading.Lock:
    return _LOCKS[zlib.crc32(name.encode()) % len(_LOCKS)]


def get_or_create_rendition(field_file, width: int) -> tuple[str, str]:
    """The storage name and content type of ``field_file`` at ``width`` pixels wide.

    Made on first request and kept: later requests only check that the file exists.
    An image narrower than ``width`` is not enlarged (the rendition keeps its size).
    There is one file per image and width, however many first requests come at once.
    """
    if width not in WIDTHS:
        raise Http404("Largeur d’image non proposée.")
    # Originals are never replaced in place (a new upload gets a new name), so what was
    # made once is known by name; reading the original again would mean fetching all of
    # it from the bucket on every request.
    known_key = f"rendition:{field_file.name}:{width}"
    if known := cache.get(known_key):
        return tuple(known)
    storage = field_file.storage
    with field_file.open("rb") as handle, _open(handle) as image:
        pillow_format, extension, content_type = OUTPUT.get(image.format, OUTPUT["PNG"])
        name = rendition_name(field_file.name, width, extension)
        # Checked under the lock, so that no request of this process opens the file while
        # another one is still writing it.
        with _lock_for(name):
            if not storage.exists(name):
                _save_once(storage, name, _resized(image, width, pillow_format))
    cache.set(known_key, (name, content_type), KNOWN_FOR)
    return name, content_type


def _resized(image: Image.Image, width: int, pillow_format: str) -> bytes:
    image.seek(0)
    picture = ImageOps.exif_transpose(image)
    if picture.width > width:
        height = max(1, round(picture.height * width / picture.width))
        picture = picture.resize((width, height), Image.Resampling.LANCZOS)
    if pillow_format == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    elif pillow_format == "PNG" and picture.mode == "P" and image.format == "GIF":
        picture = picture.convert("RGBA")
    buffer = io.BytesIO()
    options = {"quality": 82, "optimize": True} if pillow_format in ("JPEG", "WEBP") else {}
    picture.save(buffer, pillow_format, **options)
    return buffer.getvalue()


def _save_once(storage, name: str, content: bytes) -> None:
    """``content`` stored under ``name``, unless another process has stored it meanwhile.

    When ``name`` is taken, a storage that does not overwrite (Django's default) keeps
    this copy under another name, which it returns: another process or server made the
    same picture between our check and our save, so this copy goes. A storage that
    overwrites replaces the file with the same picture. One file either way.
    """
    saved = storage.save(name, ContentFile(content))
    if saved != name:
        storage.delete(saved)


def rendition_response(request, field_file, *, width: int, filename: str, public: bool):
    """The rendition as an inline image response (the caller checked publication)."""
    if not field_file:
        raise Http404("Pas d’image.")
    try:
        name, content_type = get_or_create_rendition(field_file, width)
    except FileNotFoundError as error:
        raise Http404("Fichier introuvable.") from error
    except (
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,  # raised as an error by _open()
    ) as error:
        # A stored file Pillow cannot read (damaged on disk): no rendition, as for no file.
        raise Http404("Image illisible.") from error
    return stored_file_response(
        request,
        field_file.storage,
        name,
        content_type=content_type,
        filename=filename,
        attachment=False,
        public=public,
    )


@dataclass(frozen=True)
class ResponsiveImage:
    """What an ``<img>`` needs: its default source, its ``srcset`` and its size."""

    src: str
    srcset: str
    width: int
    height: int


@dataclass(frozen=True)
class ImageSources:
    """An image of ``width`` × ``height`` pixels and the URLs of its renditions."""

    url_for_width: Callable[[int], str]
    original_url: str
    width: int
    height: int

    def at(self, display: int) -> ResponsiveImage:
        """Sources for the image shown about ``display`` CSS pixels wide.

        Only renditions narrower than the original are offered; the original itself is
        the largest candidate, so no image is ever enlarged.
        """
        candidates = [(w, self.url_for_width(w)) for w in WIDTHS if w < self.width]
        candidates.append((self.width, self.original_url))
        src_width, src = next(((w, u) for w, u in candidates if w >= display), candidates[-1])
        return ResponsiveImage(
            src=src,
            srcset=", ".join(f"{url} {w}w" for w, url in candidates),
            width=src_width,
            height=max(1, round(self.height * src_width / self.width)),
        )
