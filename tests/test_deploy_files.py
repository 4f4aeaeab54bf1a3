"""The systemd units under deploy/ are valid units (systemd's own checker reads them)."""

import shutil
import subprocess

import pytest

from tests.helpers import PROJECT

UNITS = ["cuf.service", "cuf-worker@.service", "cuf-sauvegarde.service", "cuf-sauvegarde.timer"]
ANALYZE = shutil.which("systemd-analyze")


@pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze introuvable : unités non vérifiées")
def test_systemd_units_are_valid(tmp_path):
    checked = []
    for unit in UNITS:
        # A template is checked as one of its instances (cuf-worker@1.service).
        name = unit.replace("@.", "@1.")
        shutil.copy(PROJECT / "deploy" / unit, tmp_path / name)
        checked.append(str(tmp_path / name))
    result = subprocess.run(
        [ANALYZE, "verify", "--man=no", *checked],
        capture_output=True,
        text=True,
        env={"SYSTEMD_LOG_LEVEL": "err", "PATH": "/usr/bin:/bin"},
    )
    # The programs live on the server (/srv/cuf/.venv), not here: anything else is an error.
    problems = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and "is not executable: No such file or directory" not in line
    ]
    assert problems == []


def test_the_timer_starts_the_backup_service():
    timer = (PROJECT / "deploy" / "cuf-sauvegarde.timer").read_text()
    service = (PROJECT / "deploy" / "cuf-sauvegarde.service").read_text()
    assert "OnCalendar=" in timer and "Persistent=true" in timer
    assert "manage.py backup" in service


def test_the_worker_unit_runs_the_database_worker_with_the_app_servers_settings():
    worker = (PROJECT / "deploy" / "cuf-worker@.service").read_text()
    app = (PROJECT / "deploy" / "cuf.service").read_text()
    assert "manage.py db_worker --no-reload" in worker
    assert "EnvironmentFile=/etc/cuf/env" in worker and "EnvironmentFile=/etc/cuf/env" in app
    assert "Restart=always" in worker
