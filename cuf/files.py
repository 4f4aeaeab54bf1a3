"""Serving uploaded files: only through views that have checked the item is public."""

from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control


def protected_file_response(field_file, *, content_type: str, filename: str, attachment: bool):
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404("Fichier introuvable.") from error
    return file_response(
        handle, content_type=content_type, filename=filename, attachment=attachment
    )


def file_response(handle, *, content_type: str, filename: str, attachment: bool):
    """An open protected file as a response, never stored by shared caches."""
    response = FileResponse(
        handle, as_attachment=attachment, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Private: a draft previewed by staff must not be kept by a shared cache.
    patch_cache_control(response, private=True, max_age=3600)
    return response
