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
