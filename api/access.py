"""Who may read what of an item through the API: the members area's access rule
(cuf.members.access), applied here once.

Every item the API reaches has passed the one publication rule (``.published()``). An
item reserved to members is read whole only by a signed-in member (the site's session,
same site only: cross-origin requests carry no credentials) or staff; anyone else gets
its teaser: the serialiser (api.serialise) leaves out the body, files, images and the
type's own fields, and gives only the item's own summary (never the body's first words).
"""

import enum

from cuf.members.access import can_read_body


class Access(enum.StrEnum):
    FULL = "full"
    TEASER = "teaser"


def access_for(item, request) -> Access:
    return Access.FULL if can_read_body(item, request) else Access.TEASER
