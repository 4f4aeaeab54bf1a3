"""Request bodies are refused before they are read when they are larger than what the
request may carry.

Django reads an upload to its end before any form sees it, and a login form would read a
huge anonymous POST just the same. The size a request announces (Content-Length, which the
WSGI server then enforces) is checked first: anonymous requests carry forms only, staff
carry the largest upload allowed (settings.UPLOAD_MAX_MB), the editor's image upload an
image. nginx refuses larger bodies before they reach the portal (client_max_body_size,
see the README).
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse

MEGABYTE = 1024 * 1024
# Room for the form's other fields and the multipart boundaries around the files.
FORM_OVERHEAD = MEGABYTE


def _editor_upload_path() -> str | None:
    try:
        return reverse("editor_upload")
    except NoReverseMatch:  # a URL configuration without the editor (tests, tools)
        return None


def body_limit(request) -> int:
    """The largest body, in bytes, this request may send."""
    user = getattr(request, "user", None)
    if user is None or not (user.is_authenticated and user.is_staff):
        return settings.ANONYMOUS_MAX_BODY_KB * 1024
    if request.path == _editor_upload_path():
        return settings.UPLOAD_MAX_MB["image"] * MEGABYTE + FORM_OVERHEAD
    return max(settings.UPLOAD_MAX_MB.values()) * MEGABYTE + FORM_OVERHEAD


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:.1f}".replace(".", ",").removesuffix(",0")


class BodyLimitMiddleware:
    """Answers 413 to a request whose announced body is larger than ``body_limit``.

    Placed after the authentication middleware (the limit depends on who asks).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = body_limit(request)
        if length > limit:
            return HttpResponse(
                '<!DOCTYPE html><html lang="fr"><meta charset="utf-8">'
                "<title>Envoi trop volumineux</title>"
                f"<p>Cet envoi est trop volumineux : {_megabytes(limit)} Mo au plus.</p>",
                status=413,
                content_type="text/html; charset=utf-8",
            )
        return self.get_response(request)
