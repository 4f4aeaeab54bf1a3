"""Shareable preview links: let someone without an account read a draft.

A link carries the item's type, id and ``preview_version``, signed and timestamped with
Django's signing (the SECRET_KEY). It stops working after settings.PREVIEW_LINK_MAX_AGE,
and at once for every link of an item when its ``preview_version`` is raised ("révoquer").
"""

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.urls import reverse

from cuf.models import Publishable

SALT = "cuf.previews"


class PreviewLinkError(Exception):
    """The link cannot be used; the message says why, in French, for the visitor."""


def preview_token(item: Publishable) -> str:
    return signing.dumps(
        [item._meta.label_lower, item.pk, item.preview_version], salt=SALT, compress=True
    )


def preview_path(item: Publishable) -> str:
    return reverse("cuf:preview", kwargs={"token": preview_token(item)})


def item_for_token(token: str) -> Publishable:
    """The item a valid link shows; raises ``PreviewLinkError`` otherwise."""
    try:
        label, pk, version = signing.loads(token, salt=SALT, max_age=settings.PREVIEW_LINK_MAX_AGE)
    except signing.SignatureExpired as error:
        raise PreviewLinkError(
            "Ce lien d’aperçu a expiré. Demandez un nouveau lien à l’équipe du portail."
        ) from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise PreviewLinkError("Ce lien d’aperçu n’est pas valide.") from error
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as error:
        raise PreviewLinkError("Ce lien d’aperçu n’est pas valide.") from error
    item = model.objects.filter(pk=pk).first()
    if item is None:
        raise PreviewLinkError("Le contenu de ce lien d’aperçu n’existe plus.")
    if item.preview_version != version:
        raise PreviewLinkError(
            "Ce lien d’aperçu a été révoqué. Demandez un nouveau lien à l’équipe du portail."
        )
    return item
