"""THE publication rule: when an item is public, as a filter and as a state."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cuf.publishing.dates import EARLIEST, is_plausible


class Status(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")


class PublicationState(models.TextChoices):
    """Where an item stands for visitors, from its status and dates (the admin's badge and
    the page's banner show these labels)."""

    DRAFT = "draft", _("Brouillon")
    SCHEDULED = "scheduled", _("Programmé")
    PUBLISHED = "published", _("Publié")
    EXPIRED = "expired", _("Expiré")


# THE publication rule, in its two forms: a filter for queries (published_q) and a state
# for one item in hand (publication_state). Both read the same three fields with the same
# boundaries (published at or before now; ending strictly after now), and a test checks
# that they agree at every boundary; a new condition goes into both, and nowhere else.


def publication_state(*, status: str, published_at, expires_at, now) -> PublicationState:
    if status != Status.PUBLISHED or not is_plausible(published_at):
        # A publication date off the calendar (before 1900: cuf.publishing.dates) is no
        # date: the item waits, as a draft does, for an editor to fix it.
        return PublicationState.DRAFT
    if published_at > now:
        return PublicationState.SCHEDULED
    if expires_at is not None and expires_at <= now:
        return PublicationState.EXPIRED
    return PublicationState.PUBLISHED


def published_q(*, prefix: str = "") -> models.Q:
    """The publication rule as a filter: published, not scheduled for later, not expired.

    Every public query goes through it: ``PublishableQuerySet.published()`` and the search
    index (whose rows copy the fields named here; ``prefix`` reaches them through a
    relation, e.g. ``"communique__"``). Evaluated at query time, so scheduled items appear
    by themselves.
    """
    now = timezone.now()
    return models.Q(
        **{
            f"{prefix}status": Status.PUBLISHED,
            f"{prefix}published_at__lte": now,
            f"{prefix}published_at__gte": EARLIEST,
        }
    ) & (
        models.Q(**{f"{prefix}expires_at__isnull": True})
        | models.Q(**{f"{prefix}expires_at__gt": now})
    )
