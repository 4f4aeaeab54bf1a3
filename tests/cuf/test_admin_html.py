"""The Nu HTML Checker (vnu.jar) finds no error in any admin screen an editor, a
moderator or whoever manages accounts reads, as the server sends it.

vnu.jar comes from npm (the vnu-jar package): it is looked for in VNU_JAR, then in
tools/validators/node_modules/vnu-jar; without it (or without Java) the test is skipped,
and fails under CI."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client

from cuf.accounts.roles import EDITORS, MODERATORS
from tests.admin_screens import editor_screens, moderator_screens, screens_content, team_screens
from tests.e2e.conftest import in_ci

pytestmark = pytest.mark.django_db

JAR = Path(
    os.environ.get(
        "VNU_JAR",
        Path(settings.BASE_DIR) / "tools/validators/node_modules/vnu-jar/build/dist/vnu.jar",
    )
)


def _checker() -> list[str]:
    java = shutil.which("java")
    if not JAR.exists() or java is None:
        reason = f"Nu HTML Checker introuvable ({JAR}) ou Java absent"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    return [java, "-jar", str(JAR), "--errors-only", "--format", "gnu"]


def _member(django_user_model, username, role, *permissions):
    from tests.e2e.helpers import staff_account

    user = staff_account(django_user_model, username, role)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="auth", codename__in=permissions)
    )
    return user


def test_admin_screens_are_valid_html(superuser_client, django_user_model, tmp_path):
    command = _checker()
    items, theme, other = screens_content(superuser_client)
    editor = _member(django_user_model, "redactrice", EDITORS)
    moderator = _member(django_user_model, "moderateur", MODERATORS)
    manager = _member(
        django_user_model, "gestionnaire", EDITORS, "add_user", "change_user", "view_user"
    )
    for user, screens in (
        (editor, editor_screens(items)),
        (moderator, moderator_screens(items, theme)),
        (manager, team_screens(moderator)),
    ):
        client = Client()
        client.force_login(user)
        for path in screens:
            response = client.get(path)
            assert response.status_code == 200, path
            name = f"{user.username}{re.sub(r'[^a-z0-9]+', '_', path)}.html"
            (tmp_path / name).write_text(response.text)
        merge = client.post(
            "/admin/cuf/theme/",
            {"action": "merge_themes", "_selected_action": [theme.pk, other.pk]},
        )
        if merge.status_code == 200:
            (tmp_path / f"{user.username}_merge.html").write_text(merge.text)
    pages = sorted(str(path) for path in tmp_path.glob("*.html"))
    assert len(pages) > 80
    checked = subprocess.run(
        [*command, *pages], capture_output=True, text=True, timeout=300, check=False
    )
    errors = [line for line in checked.stderr.splitlines() if ": error:" in line]
    assert checked.returncode == 0 and errors == [], "\n".join(errors[:40]) or checked.stderr
