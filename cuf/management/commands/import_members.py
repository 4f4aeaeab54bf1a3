"""Import member organisations and people from a CSV file (cuf.members.csv_import)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cuf.members.csv_import import decode, import_members


class Command(BaseCommand):
    help = "Importe des adhérents depuis un fichier CSV (--essai : rien n’est enregistré)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="le fichier CSV")
        parser.add_argument(
            "--essai",
            "--dry-run",
            action="store_true",
            dest="dry_run",
            help="lire et vérifier le fichier sans rien enregistrer",
        )
        parser.add_argument(
            "--sans-invitation",
            action="store_false",
            dest="invite",
            help="créer les comptes sans envoyer d’invitation",
        )

    def handle(self, *args, path, dry_run, invite, **options):
        try:
            text = decode(Path(path).read_bytes())
            report = import_members(text=text, dry_run=dry_run, invite=invite)
        except OSError as error:
            raise CommandError(f"Fichier illisible : {error}") from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for line in report.refused:
            self.stdout.write(line)
        self.stdout.write(report.summary)
