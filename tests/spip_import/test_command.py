"""manage.py import_spip: its options, its report, its errors in French."""

import io

import pytest
from django.core.management import CommandError, call_command

from communiques.models import Communique
from spip_import.management.commands.import_spip import ProgressBar

pytestmark = pytest.mark.django_db(transaction=True)


def test_command_imports_and_prints_its_report(spip, img):
    spip.rubrique(1, "Communiqués")
    spip.article(1, 1, "Premier", texte="<doc77>")
    spip.article(2, 1, "Refusé", statut="refuse")
    out = io.StringIO()
    call_command(
        "import_spip",
        "--db",
        spip.url,
        "--img",
        str(img.root),
        "--map",
        "communiques=1",
        stdout=out,
    )
    report = out.getvalue()
    assert "Communiqués : 1 créé" in report
    assert "- article 2 : refusé" in report
    assert "- article 1 : <doc77>" in report
    assert Communique.objects.count() == 1

    out = io.StringIO()
    call_command(
        "import_spip",
        "--db",
        spip.url,
        "--img",
        str(img.root),
        "--map",
        "communiques=1",
        stdout=out,
    )
    assert "Communiqués : 1 inchangé" in out.getvalue()
    assert Communique.objects.count() == 1


def test_dry_run_option(spip, img):
    spip.rubrique(1, "Communiqués")
    spip.article(1, 1, "Premier")
    out = io.StringIO()
    call_command(
        "import_spip",
        "--db",
        spip.url,
        "--img",
        str(img.root),
        "--map",
        "communiques=1",
        "--dry-run",
        stdout=out,
    )
    assert "essai à blanc" in out.getvalue()
    assert "Communiqués : 1 créé" in out.getvalue()
    assert not Communique.objects.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--map", "inconnus=1"], "Type inconnu dans --map : « inconnus »"),
        (["--map", "communiques=abc"], "Identifiants invalides"),
        (["--map", "communiques"], "--map attend TYPE=ID"),
        (["--map", "communiques=42"], "La rubrique 42 (--map communiques) n’existe pas"),
        ([], "Indiquez au moins une rubrique avec --map"),
    ],
)
def test_bad_options_are_explained_in_french(spip, img, arguments, message):
    spip.rubrique(1, "Communiqués")
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("import_spip", "--db", spip.url, "--img", str(img.root), *arguments)
    assert not Communique.objects.exists()


def test_unreachable_database_is_explained_in_french(img):
    with pytest.raises(CommandError, match="Connexion à la base SPIP impossible"):
        call_command(
            "import_spip",
            "--db",
            "mysql://root:@127.0.0.1:1/absente",
            "--img",
            str(img.root),
            "--map",
            "communiques=1",
        )
    with pytest.raises(CommandError, match="Adresse de base invalide"):
        call_command(
            "import_spip",
            "--db",
            "postgres://x@y/z",
            "--img",
            str(img.root),
            "--map",
            "communiques=1",
        )


def test_missing_img_folder_is_explained(tmp_path):
    with pytest.raises(CommandError, match="Le dossier IMG/ est introuvable"):
        call_command(
            "import_spip",
            "--db",
            "mysql://root:@127.0.0.1/x",
            "--img",
            str(tmp_path / "absent"),
            "--map",
            "communiques=1",
        )


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_on_a_terminal_only():
    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        bar = ProgressBar(stream, width=10)
        bar(5, 10)
        bar(10, 10)
    assert terminal.getvalue() == "\r[#####-----] 5/10\r[##########] 10/10\n"
    assert pipe.getvalue() == ""


def test_the_report_agrees_with_each_count_and_noun():
    from spip_import.report import Report

    report = Report()
    report.count("Actualités", "created", 8, feminine=True)
    report.count("Actualités", "updated", 2, feminine=True)
    report.count("Actualités", "unchanged", feminine=True)
    report.count("Communiqués", "created")
    report.count("Communiqués", "unchanged", 5)
    lines = report.lines()
    assert "  Actualités : 8 créées, 2 mises à jour, 1 inchangée" in lines
    assert "  Communiqués : 1 créé, 5 inchangés" in lines
