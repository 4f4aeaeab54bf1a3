"""Shareable preview links: let someone without an account read a draft.

A link carries the item's type, id and how many times its links were revoked (a
``PreviewRevocation`` row, outside the item and its history), signed and timestamped with
Django's signing (the SECRET_KEY). It stops working after settings.PREVIEW_LINK_MAX_AGE,
and at once for every link of an item when they are revoked ("révoquer").
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.http import Http404
from django.urls import reverse

from cuf.members.access import can_read_body
from cuf.publishing.models import PreviewRevocation, Publishable

SALT = "cuf.publishing.previews"


class PreviewLinkError(Exception):
    """The link cannot be used; the message says why, in French, for the visitor."""


def revocations(item: Publishable) -> int:
    """How many times the preview links of ``item`` were revoked."""
    return (
        PreviewRevocation.objects.filter(
            content_type=ContentType.objects.get_for_model(item), object_id=item.pk
        )
        .values_list("count", flat=True)
        .first()
        or 0
    )


def preview_token(item: Publishable) -> str:
    return signing.dumps(
        [item._meta.label_lower, item.pk, revocations(item)], salt=SALT, compress=True
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
    if revocations(item) != version:
        raise PreviewLinkError(
            "Ce lien d’aperçu a été révoqué. Demandez un nouveau lien à l’équipe du portail."
        )
    return item


# Preview links this browser has opened, by item: the draft's own files (images, photos,
# sounds, documents) are then served to it too, so the preview looks as the page will.
SESSION_KEY = "cuf.publishing.previews"
MAX_REMEMBERED = 20


def _session_key(item: Publishable) -> str:
    return f"{item._meta.label_lower}:{item.pk}"


def remember_preview(request, item: Publishable, token: str) -> None:
    previews = dict(request.session.get(SESSION_KEY, {}))
    previews.pop(_session_key(item), None)
    previews[_session_key(item)] = token
    request.session[SESSION_KEY] = dict(list(previews.items())[-MAX_REMEMBERED:])


def previewed(request, item: Publishable) -> bool:
    """Whether this browser opened a link to ``item`` that still works (not expired, not
    revoked)."""
    token = request.session.get(SESSION_KEY, {}).get(_session_key(item))
    if token is None:
        return False
    try:
        shown = item_for_token(token)
    except PreviewLinkError:
        return False
    return shown._meta.label_lower == item._meta.label_lower and shown.pk == item.pk


def visible_or_previewed(request, queryset, **lookup) -> Publishable:
    """The item ``lookup`` finds among what the user may see (``visible_to``), or a draft
    whose preview link this browser opened; 404 otherwise."""
    item = queryset.visible_to(request.user).filter(**lookup).first()
    if item is None and request.session.get(SESSION_KEY):
        candidate = queryset.filter(**lookup).first()
        if candidate is not None and previewed(request, candidate):
            item = candidate
    if item is None:
        raise Http404("Contenu introuvable.")
    if not can_read_body(item, request) and not previewed(request, item):
        # A reserved item's files, for whoever may only read its teaser.
        raise Http404("Réservé aux adhérents.")
    return item
