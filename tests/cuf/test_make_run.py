"""`make run PORT=…` serves on that port and prints the admin address with it."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="make n’est pas installé")
@pytest.mark.parametrize(("args", "port"), [([], "8000"), (["PORT=8123"], "8123")])
def test_make_run_serves_and_prints_the_admin_address_on_port(args, port):
    # -n: the commands make would run, without running them (.venv is up to date).
    planned = subprocess.run(
        ["make", "-n", "run", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"manage.py local_admin --port {port}" in planned
    assert f"manage.py runserver 127.0.0.1:{port}" in planned


@pytest.mark.django_db
def test_local_admin_prints_the_address_with_the_port_given(settings, capsys):
    settings.DEBUG = True
    call_command("local_admin", port=8123)
    assert "(http://127.0.0.1:8123/admin/)" in capsys.readouterr().out


@pytest.mark.django_db
def test_local_admin_prints_a_demo_member_account_that_signs_in_to_the_members_area(
    settings, capsys, client
):
    import re

    from cuf.demo import load_demo

    settings.DEBUG = True
    load_demo()
    call_command("local_admin", port=8123)
    out = capsys.readouterr().out
    found = re.search(
        r"Compte d’adhérent de démonstration : identifiant « (\S+) », mot de passe « (\S+) »", out
    )
    assert found, out
    assert "(http://127.0.0.1:8123/espace-adherents/connexion/)" in out
    response = client.post(
        "/espace-adherents/connexion/", {"username": found[1], "password": found[2]}
    )
    assert response.status_code == 302
    home = client.get("/espace-adherents/").text
    assert "Région Exemple (démonstration)" in home
    assert "Compte rendu de la réunion du bureau des adhérents" in home
    assert "Note interne : la feuille de route des groupes-pays" in home
    assert "Journée du groupe-pays Haïti" in home
