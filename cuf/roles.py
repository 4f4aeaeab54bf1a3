"""The two editorial roles, as Django groups with exactly the permissions each needs.

``sync_roles()`` (the ``sync_roles`` command) creates the groups or brings them back to
this definition: run it after every deployment's ``migrate``; running it twice changes
nothing. Accounts are then given a role in the admin (Utilisateurs → Groupes); nobody
needs to be a superuser for daily work.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

EDITORS = "Rédacteurs"
MODERATORS = "Modérateurs"

CONTENT_MODELS = (
    "communiques.communique",
    "agenda.event",
    "actualites.newsitem",
    "resources.resource",
)
EDITOR_ACTIONS = ("view", "add", "change", "delete", "publish", "tag")

# (app_label.model, codenames without the model suffix for the built-in ones)
ROLES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    # Write, publish and unpublish everything; see themes to pick them; no user management.
    EDITORS: [
        *[(model, EDITOR_ACTIONS) for model in CONTENT_MODELS],
        ("communiques.document", ("view", "add", "change", "delete")),
        ("cuf.editorimage", ("add", "view")),
        ("cuf.theme", ("view",)),
        # Read-only, for the author field's autocomplete; no add, change or delete.
        ("auth.user", ("view",)),
    ],
    # Tag any item and keep the vocabulary clean; never publish nor edit what items say.
    MODERATORS: [
        *[(model, ("view", "tag")) for model in CONTENT_MODELS],
        ("cuf.theme", ("view", "add", "change", "delete")),
        ("cuf.themeredirect", ("view", "add", "change", "delete")),
    ],
}


def _codename(action: str, model: str) -> str:
    # Built-in permissions end with the model's name; the portal's own ("publish", "tag")
    # are named once in Publishable.Meta and shared by the four content types.
    return action if action in ("publish", "tag") else f"{action}_{model}"


def role_permissions(role: str) -> list[Permission]:
    query = Q(pk__in=[])
    for label, actions in ROLES[role]:
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
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(role_permissions(role))
        groups[role] = group
    return groups
