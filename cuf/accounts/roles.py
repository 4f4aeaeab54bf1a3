"""The two editorial roles, as Django groups with exactly the permissions each needs.

``sync_roles()`` (the ``sync_roles`` command) creates the groups or brings them back to
this definition: run it after every deployment's ``migrate``; running it twice changes
nothing. Accounts are then given a role in the admin's team-member form (``TEAM_ROLES``,
cuf/admin/users.py); nobody needs to be a superuser for daily work.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from cuf import content_types

EDITORS = "Rédacteurs"
MODERATORS = "Modérateurs"

EDITOR_ACTIONS = ("view", "add", "change", "delete", "publish", "tag")


@dataclass(frozen=True)
class Role:
    """A role as the team-member form offers it: its group, its name for one person, and
    one sentence on what it may do."""

    group: str
    label: str
    summary: str


# The roles a staff member may be given, in the order the form lists them. A later role
# (the members area's) is one more entry here, with its group in roles().
TEAM_ROLES = [
    Role(
        EDITORS,
        "Rédacteur",
        "Écrit, modifie, publie et programme les contenus et leurs documents ; "
        "consulte et restaure l’historique.",
    ),
    Role(
        MODERATORS,
        "Modérateur",
        "Classe les contenus par thèmes et entretient la liste des thèmes (ajout, "
        "renommage, fusion) ; ne modifie pas les textes et ne publie pas.",
    ),
]


def team_role(group_name: str) -> Role | None:
    return next((role for role in TEAM_ROLES if role.group == group_name), None)


def content_models() -> list[str]:
    """Every registered content type, as "app_label.model"."""
    return [config.label_lower for config in content_types.all_types()]


def roles() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Each role's (app_label.model, actions), the built-in actions without the model's
    name: every registered content type, and what its registration adds for editors."""
    models = content_models()
    return {
        # Write, publish and unpublish everything; see themes to pick them; no user
        # management.
        EDITORS: [
            *[(model, EDITOR_ACTIONS) for model in models],
            *[extra for config in content_types.all_types() for extra in config.editor_extras],
            ("cuf.editorimage", ("add", "view")),
            ("cuf.theme", ("view",)),
            # Read-only, for the author field's autocomplete; no add, change or delete.
            ("auth.user", ("view",)),
            # The members area: member organisations and their people (invite, deactivate).
            ("cuf.memberorganisation", ("view", "add", "change", "delete")),
            ("cuf.member", ("view", "add", "change", "delete")),
        ],
        # Tag any item and keep the vocabulary clean; never publish nor edit what items
        # say.
        MODERATORS: [
            *[(model, ("view", "tag")) for model in models],
            ("cuf.theme", ("view", "add", "change", "delete")),
            ("cuf.themeredirect", ("view", "add", "change", "delete")),
        ],
    }


def _codename(action: str, model: str) -> str:
    # Built-in permissions end with the model's name; the portal's own ("publish", "tag")
    # are named once in Publishable.Meta and shared by every content type.
    return action if action in ("publish", "tag") else f"{action}_{model}"


def role_permissions(role: str) -> list[Permission]:
    query = Q(pk__in=[])
    for label, actions in roles()[role]:
        app_label, model = label.split(".")
        query |= Q(
            content_type__app_label=app_label,
            content_type__model=model,
            codename__in=[_codename(action, model) for action in actions],
        )
    return list(Permission.objects.filter(query))


@transaction.atomic
def sync_roles() -> dict[str, Group]:
    """Create each role's group, or reset its permissions to the definition above."""
    groups = {}
    for role in (EDITORS, MODERATORS):
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(role_permissions(role))
        groups[role] = group
    return groups
