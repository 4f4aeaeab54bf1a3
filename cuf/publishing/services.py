"""Publishing writes: publish, unpublish (one item or many), revoke preview links.

Each function takes keyword-only arguments and runs in one transaction; changes are
recorded in the item's history (django-reversion) with the user and a French comment.
"""

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from cuf.publishing.history import history_record
from cuf.publishing.models import PreviewRevocation, Publishable
from cuf.publishing.rule import Status


@transaction.atomic
def item_publish(
    *, item: Publishable, user: AbstractBaseUser | None = None, at=None
) -> Publishable:
    """Publish ``item`` now, or schedule it for ``at`` (a future time).

    Publishing now moves the publication date to now (a draft written weeks ago appears at
    the top of the lists, not buried at its creation date) and lifts an end of publication
    already past. An item already public keeps its date.
    """
    now = timezone.now()
    if at is not None:
        item.published_at = at
    elif not item.is_public:
        item.published_at = now
    if item.expires_at is not None and item.expires_at <= max(now, item.published_at):
        item.expires_at = None
    item.status = Status.PUBLISHED
    item.full_clean()
    with reversion.create_revision():
        item.save()
        history_record(user=user, comment="Programmé." if item.published_at > now else "Publié.")
    return item


@transaction.atomic
def item_unpublish(*, item: Publishable, user: AbstractBaseUser | None = None) -> Publishable:
    """Back to draft: the item leaves the public site at once; its dates are kept."""
    item.status = Status.DRAFT
    item.full_clean()
    with reversion.create_revision():
        item.save()
        history_record(user=user, comment="Dépublié (remis en brouillon).")
    return item


@transaction.atomic
def items_publish(
    *, items: QuerySet, user: AbstractBaseUser | None = None
) -> tuple[int, list[tuple[Publishable, list[str]]]]:
    """Publish each of ``items`` that may be; returns how many were, and each refused one
    with the reasons (a resource still without its file), which stays as it was."""
    published, refused = 0, []
    for item in items:
        try:
            item_publish(item=item, user=user)
        except ValidationError as error:
            refused.append((item, error.messages))
        else:
            published += 1
    return published, refused


@transaction.atomic
def items_unpublish(*, items: QuerySet, user: AbstractBaseUser | None = None) -> int:
    count = 0
    for item in items.exclude(status=Status.DRAFT):
        item_unpublish(item=item, user=user)
        count += 1
    return count


@transaction.atomic
def preview_links_revoke(*, items: QuerySet) -> int:
    """Invalidate every preview link already shared for ``items``.

    Counted outside the items (``PreviewRevocation``): revoking links is not an edit of
    the content, so neither the modification date nor the history change, and no revert
    or recovery of the content can undo it.
    """
    content_type = ContentType.objects.get_for_model(items.model)
    ids = list(items.values_list("pk", flat=True))
    revoked = PreviewRevocation.objects.filter(content_type=content_type, object_id__in=ids)
    revoked.update(count=F("count") + 1)
    known = set(revoked.values_list("object_id", flat=True))
    PreviewRevocation.objects.bulk_create(
        [
            PreviewRevocation(content_type=content_type, object_id=pk, count=1)
            for pk in ids
            if pk not in known
        ]
    )
    return len(ids)
