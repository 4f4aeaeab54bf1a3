"""Who may read what of an item through the API: the one place a members area will add
its access rule.

Every item the API reaches has passed the one publication rule (``.published()``).
Today every such item is read whole: the portal has no members area yet, and pages show
events marked "réservé aux adhérents" to everyone (with that mention, which the API
gives as ``members_only``). When reserved items exist, ``access_for`` returns
``TEASER`` for them unless the request is a signed-in member's (the site's session, same
site only: cross-origin requests carry no credentials); the serialiser
(api.serialise) then leaves out the body, files, images and the type's own fields,
and the schema already allows that (those are nullable, ``access`` says which).
"""

import enum


class Access(enum.StrEnum):
    FULL = "full"
    TEASER = "teaser"


def access_for(item, request) -> Access:
    return Access.FULL
