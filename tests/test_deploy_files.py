"""The systemd units under deploy/ are valid units (systemd's own checker reads them)."""

import shutil
import subprocess

import pytest

from tests.helpers import PROJECT

UNITS = ["cuf.service", "cuf-sauvegarde.service", "cuf-sauvegarde.timer"]
ANALYZE = shutil.which("systemd-analyze")


@pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze introuvable : unités non vérifiées")
def test_systemd_units_are_valid(tmp_path):
    for unit in UNITS:
        shutil.copy(PROJECT / "deploy" / unit, tmp_path / unit)
    result = subprocess.run(
        [ANALYZE, "verify", "--man=no", *(str(tmp_path / unit) for unit in UNITS)],
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
