"""Backups hold every table, those Django creates by itself included.

Group memberships and permissions live in many-to-many tables no model of ours declares
(``auth_user_groups``, ``auth_user_user_permissions``, ``auth_group_permissions``): a
restore must give every account back its roles, and the manifest must count those rows.
The list of tables is Django's own (``django_table_names``), not the backup module's.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection

from cuf.accounts.roles import sync_roles
from cuf.operations.backups.restore import archive_manifest, backup_restore
from cuf.operations.backups.write import backup_write
from tests.cuf.test_backups import empty_portal

committed = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backups(tmp_path):
    folder = tmp_path / "sauvegardes"
    folder.mkdir()
    return folder


def accounts_and_roles(user_model) -> dict:
    """Who belongs to which group and may do what, as the admin shows it."""
    return {
        "users": {
            user.username: (
                sorted(user.groups.values_list("name", flat=True)),
                sorted(user.user_permissions.values_list("codename", flat=True)),
                sorted(user.get_all_permissions()),
            )
            for user in user_model.objects.all()
        },
        "groups": {
            group.name: sorted(group.permissions.values_list("codename", flat=True))
            for group in Group.objects.all()
        },
    }


@committed
def test_restore_gives_every_account_back_its_groups_and_its_own_permissions(
    django_user_model, backups
):
    sync_roles()
    editor = django_user_model.objects.create_user(username="redaction", is_staff=True)
    editor.groups.add(Group.objects.get(name="Rédacteurs"))
    moderator = django_user_model.objects.create_user(username="moderation", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Modérateurs"))
    moderator.user_permissions.add(Permission.objects.get(codename="view_user"))
    archivists = Group.objects.create(name="Archivistes")
    archivists.permissions.add(*Permission.objects.filter(codename__startswith="view_")[:3])
    moderator.groups.add(archivists)
    before = accounts_and_roles(django_user_model)
    assert before["users"]["moderation"][0] == ["Archivistes", "Modérateurs"]
    assert before["users"]["moderation"][1] == ["view_user"]
    assert "communiques.publish" in before["users"]["redaction"][2]

    archive = backup_write(destination=backups)
    empty_portal()
    assert accounts_and_roles(django_user_model)["users"] == {}
    backup_restore(archive=archive)

    assert accounts_and_roles(django_user_model) == before


def django_tables() -> set[str]:
    """Every table of every installed model, as Django's migrations know them."""
    return set(connection.introspection.django_table_names(only_existing=True))


@committed
def test_manifest_counts_the_rows_of_every_table_django_created(django_user_model, backups):
    sync_roles()
    user = django_user_model.objects.create_user(username="redaction", is_staff=True)
    user.groups.add(*Group.objects.all())
    user.user_permissions.add(Permission.objects.get(codename="view_user"))

    tables = archive_manifest(archive=backup_write(destination=backups))["database"]["tables"]

    assert django_tables() - set(tables) == set()
    assert tables["auth_user_groups"] == Group.objects.count() == 2
    assert tables["auth_user_user_permissions"] == 1
    assert tables["auth_group_permissions"] == Group.permissions.through.objects.count() > 0
