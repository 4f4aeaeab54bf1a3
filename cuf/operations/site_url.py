"""The portal's one public address (``SITE_URL``), for every absolute link written
outside a request: mails now, feeds, calendars and the API later. A request's Host header
is whatever the visitor sent; this is what the operator configured."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register


def absolute_url(path: str) -> str:
    """``path`` (from ``reverse``) under the configured site address."""
    return settings.SITE_URL + path


@register(Tags.security, deploy=True)
def site_url_check(app_configs=None, **kwargs):
    address = urlsplit(settings.SITE_URL)
    if address.scheme == "https" and address.netloc:
        return []
    return [
        Error(
            "SITE_URL doit donner l’adresse publique du portail, en https "
            "(par exemple https://portail.example.org) : les liens des messages la suivent.",
            id="cuf.E010",
        )
    ]


def site_address(request=None) -> str:
    """``SITE_URL``; unset (development without it), the request's own scheme and host."""
    if settings.SITE_URL:
        return settings.SITE_URL
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return ""


def site_host() -> str:
    """The host name of ``SITE_URL`` (calendar UIDs, the accessibility statement)."""
    return urlsplit(settings.SITE_URL).hostname or ""


def absolute_url_for(request, location: str) -> str:
    """``location`` (a path, or already absolute) on the configured address: the same
    page has one address whatever Host header the visitor sent."""
    if urlsplit(location).scheme:
        return location
    return site_address(request) + location


class AtSiteAddress:
    """A request seen as if it had been made on ``SITE_URL``, for library code that builds
    absolute addresses from the request (Django's feeds): the rest is the request's."""

    def __init__(self, request):
        self._request = request
        self._address = urlsplit(site_address(request))

    def __getattr__(self, name):
        return getattr(self._request, name)

    def get_host(self) -> str:
        return self._address.netloc

    def is_secure(self) -> bool:
        return self._address.scheme == "https"

    @property
    def scheme(self) -> str:
        return self._address.scheme

    def build_absolute_uri(self, location=None) -> str:
        return absolute_url_for(self._request, location or self._request.get_full_path())
