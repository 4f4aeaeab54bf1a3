"""Which rows go into an archive: a rule declared for every model, so that a table added
later is never copied (or left out) by accident.

An archive is read by whoever can read the backup folder or the off-site copy. Rows that
would let such a reader act as someone (a session, a waiting mail holding a reset link,
a second factor) stay out: their table is in the archive's structure, empty. Everything
else is kept: the portal's content, accounts (with their password hashes: a restored
portal must let its staff log in), roles, history.

A model declares its rule with a ``backup_rows`` attribute (``KEPT`` or ``LEFT_OUT``), or
here, by its label, for models of Django and of libraries. A model with no rule stops
every backup with a French message naming it, and ``tests/cuf/test_backup_rules.py``
fails first: whoever adds a model decides.
"""

from enum import Enum

from django.apps import apps
from django.db import models


class Rows(Enum):
    KEPT = "gardées"
    LEFT_OUT = "écartées"


KEPT, LEFT_OUT = Rows.KEPT, Rows.LEFT_OUT

RULES: dict[str, Rows] = {
    # Django: accounts, roles, the admin's log. Password hashes are kept (staff must log
    # in after a restore); sessions are not: a session key read in an archive is a logged
    # in staff member's browser for whoever holds it.
    "admin.logentry": KEPT,
    "auth.permission": KEPT,
    "auth.group": KEPT,
    "auth.group_permissions": KEPT,
    "auth.user": KEPT,
    "auth.user_groups": KEPT,
    "auth.user_user_permissions": KEPT,
    "contenttypes.contenttype": KEPT,
    "sessions.session": LEFT_OUT,
    # Themes and history.
    "taggit.tag": KEPT,
    "taggit.taggeditem": KEPT,
    "reversion.revision": KEPT,
    "reversion.version": KEPT,
    # Login throttling: short-lived records of failed logins and client addresses.
    "axes.accessfailurelog": LEFT_OUT,
    "axes.accessattempt": LEFT_OUT,
    "axes.accessattemptexpiration": LEFT_OUT,
    "axes.accesslog": LEFT_OUT,
    # The job queue: waiting mails hold password reset links (valid one hour) and, later,
    # invitations. A restore queues again the text of files still waiting for it.
    "django_tasks_database.dbtaskresult": LEFT_OUT,
    # Two-factor sign-in: the TOTP secrets and recovery codes. With them, an archive
    # would be both factors of every staff account (the password hash is there already);
    # without them, a stolen archive leaves the live portal's second factor whole. After
    # a restore, each staff account enrols a device again at its next sign-in.
    "otp_totp.totpdevice": LEFT_OUT,
    "otp_static.staticdevice": LEFT_OUT,
    "otp_static.statictoken": LEFT_OUT,
    # The portal's own models.
    "cuf.editorimage": KEPT,
    "cuf.attachment": KEPT,
    "cuf.theme": KEPT,
    "cuf.themeredirect": KEPT,
    "cuf.themeditem": KEPT,
    "cuf.previewrevocation": KEPT,
    "cuf.contentversion": KEPT,
    "communiques.communique": KEPT,
    "agenda.event": KEPT,
    "actualites.newsitem": KEPT,
    "resources.resource": KEPT,
    # The search index: rebuilt by `rebuild_search_index` too, but kept so that a restored
    # portal finds everything at once.
    "search.searchentry": KEPT,
    "search.searchentry_themes": KEPT,
    "search.searchword": KEPT,
    "search.searchwordkey": KEPT,
    "spip_import.spipobject": KEPT,
    "spip_import.legacyaddress": KEPT,
    # The API's record of changes and removals: partners syncing after a restore must
    # still learn what left the site.
    "api.itemchange": KEPT,
}


def rule_for(model: type[models.Model]) -> Rows | None:
    declared = getattr(model, "backup_rows", None)
    if isinstance(declared, Rows):
        return declared
    return RULES.get(model._meta.label_lower)


def backed_up_models() -> list[type[models.Model]]:
    """Every installed model with a table of its own (through tables included)."""
    return [model for model in apps.get_models(include_auto_created=True) if not model._meta.proxy]


def undeclared_models() -> list[str]:
    return sorted(
        model._meta.label_lower for model in backed_up_models() if rule_for(model) is None
    )


def left_out_tables() -> set[str]:
    return {model._meta.db_table for model in backed_up_models() if rule_for(model) is LEFT_OUT}
