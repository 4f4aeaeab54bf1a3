"""Writes on stored files: an editor image's upload, and discarding files once a
transaction has committed."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.storage import Storage
from django.db import transaction

from cuf.files.checks import check_upload
from cuf.files.models import EditorImage
from cuf.files.renditions import rendition_names


@transaction.atomic
def editor_image_create(*, upload, user: AbstractBaseUser) -> EditorImage:
    """Store an image sent from the rich-text editor, checked like every other image."""
    file_format = check_upload(upload, kind="image")
    image = EditorImage(file=upload, content_type=file_format.content_type, uploaded_by=user)
    image.full_clean()
    image.save()
    return image


def stored_files_discard(*, storage: Storage, names: Iterable[str]) -> None:
    """Delete stored files, and the resized copies made of them, once the current
    transaction commits (never if it rolls back)."""
    names = [name for name in names if name]

    def delete():
        for name in names:
            storage.delete(name)
            for rendition in rendition_names(name):
                if storage.exists(rendition):
                    storage.delete(rendition)

    if names:
        transaction.on_commit(delete)
