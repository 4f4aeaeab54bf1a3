"""Where uploaded files are kept: the protected storage, under generated names."""

import os
import uuid

from django.core.files.storage import storages
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify


def file_extension(name: str) -> str:
    """The lower-cased extension of ``name``, without its dot ("" when none)."""
    return os.path.splitext(name)[1].lower().lstrip(".")


def download_name(title: str, stored_name: str) -> str:
    """The name a visitor's browser saves a file under: the item's title and the extension."""
    extension = file_extension(stored_name)
    stem = slugify(title)[:80] or "fichier"
    # A title that names its format ("Convention (PDF)") says it once.
    if extension and stem.endswith(f"-{extension}"):
        stem = stem.removesuffix(f"-{extension}")
    return f"{stem}.{extension}" if extension else stem


def protected_storage():
    return storages["protected"]


@deconstructible
class GeneratedName:
    """An ``upload_to`` that keeps only the (lower-cased) extension of the uploaded name."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        extension = file_extension(filename)
        suffix = f".{extension}" if extension else ""
        return f"{self.folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.folder == self.folder
