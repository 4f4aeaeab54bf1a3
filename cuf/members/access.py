"""The one access rule of reserved items, applied by every route (pages, files, feeds,
calendars, search, API, page cache) and tested by one contract over the registry.

- ``is_member(request)``: the request is a signed-in, active member of an active member
  organisation. Read from the database at every request (once per request): deactivating
  a person or their organisation takes effect at their next request.
- ``can_read_body(item, request)``: a public item, or a reserved one read by a member or
  by staff (who write and preview everything) past their second factor if they need one.

Anonymous visitors, and people whose access ended, get the teaser: title, surtitre and an
explicit summary (never the body's first words).
"""

from django.db.models import Q

from cuf.members.levels import AccessLevel

_CACHED = "_cuf_is_member"


def is_member(request) -> bool:
    if request is None:
        return False
    cached = getattr(request, _CACHED, None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    found = False
    if user is not None and user.is_authenticated and user.is_active and not user.is_staff:
        from cuf.members.models import Member

        found = Member.objects.active().filter(user_id=user.pk).exists()
    setattr(request, _CACHED, found)
    return found


def is_reserved(item) -> bool:
    return getattr(item, "access", AccessLevel.PUBLIC) == AccessLevel.MEMBERS


def reads_reserved(request) -> bool:
    """Whether this request may read every reserved body: members and staff."""
    if request is None:
        return False
    from cuf.accounts.two_factor import acts_as_staff

    if acts_as_staff(getattr(request, "user", None)):
        return True
    return is_member(request)


def can_read_body(item, request) -> bool:
    """Whether ``request`` may read ``item``'s body, files and details (beyond its
    teaser). The publication rule is applied before, by whoever found the item."""
    return not is_reserved(item) or reads_reserved(request)


def not_reserved_q() -> Q:
    return Q(access=AccessLevel.PUBLIC)


def teaser_summary(item) -> str:
    """What a teaser says beside the title: the item's own summary, if its type has one
    (never the body's first words)."""
    return str(getattr(item, "summary", "") or "")
