"""What archives leave out, by a rule every model declares (cuf.operations.backups.rules).

Whoever reads an archive must not become a logged-in staff member (sessions), receive a
password reset link (waiting mails in the job queue) or hold a second factor.
"""

import tarfile

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from cuf.operations.backups.contents import BackupError
from cuf.operations.backups.restore import archive_manifest, backup_restore
from cuf.operations.backups.rules import RULES, backed_up_models, left_out_tables, undeclared_models
from cuf.operations.backups.write import backup_write
from tests.cuf.test_backups import empty_portal

committed = pytest.mark.django_db(transaction=True)


def test_every_model_declares_whether_archives_keep_its_rows():
    assert undeclared_models() == []
    labels = {model._meta.label_lower for model in backed_up_models()}
    # No rule names a model that does not exist (a renamed one would lose its rule).
    assert {
        label for label in RULES if label.split(".")[0] in {"auth", "sessions", "cuf"}
    } <= labels


def test_a_model_without_a_rule_stops_the_backup_with_its_name(monkeypatch, tmp_path):
    monkeypatch.delitem(RULES, "cuf.attachment")
    with pytest.raises(BackupError, match="Aucune règle de sauvegarde pour cuf.attachment"):
        backup_write(destination=tmp_path)


def test_secrets_are_left_out():
    assert {"django_session", "django_tasks_database_dbtaskresult"} <= left_out_tables()
    assert {"auth_user", "communiques_communique"}.isdisjoint(left_out_tables())


@committed
def test_an_archive_holds_no_session_and_staff_log_in_again_after_a_restore(
    django_user_model, tmp_path
):
    django_user_model.objects.create_user(
        username="redaction", password="motdepasse-long-123", is_staff=True
    )
    browser = Client()
    browser.post("/admin/login/", {"username": "redaction", "password": "motdepasse-long-123"})
    assert browser.get("/admin/").status_code == 200
    session_key = browser.cookies["sessionid"].value
    archive = backup_write(destination=tmp_path)

    manifest = archive_manifest(archive=archive)
    assert manifest["database"]["tables"]["django_session"] == 0
    assert "django_session" in manifest["left_out"]
    with tarfile.open(archive) as tar:
        everything = b"".join(tar.extractfile(member).read() for member in tar)
    assert session_key.encode() not in everything

    empty_portal()
    backup_restore(archive=archive)
    assert not Session.objects.exists()
    assert browser.get("/admin/").status_code == 302  # back to the login page
    assert django_user_model.objects.get(username="redaction").check_password("motdepasse-long-123")
