from django.core.management.base import BaseCommand, CommandError

from cuf.operations.backups.contents import BackupError
from cuf.operations.backups.restore import archive_manifest
from cuf.operations.backups.write import backup_write
from cuf.templatetags.cuf_tags import file_size
from cuf.text.plain import count_of


def number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


class Command(BaseCommand):
    help = (
        "Sauvegarde la base de données et tous les fichiers déposés dans une seule archive "
        "(.tar), sans arrêter le portail. DESTINATION est le chemin de l’archive, ou un "
        "dossier où l’écrire sous un nom daté (cuf-sauvegarde-AAAA-MM-JJTHHMM.tar)."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="fichier de l’archive, ou dossier existant")

    def handle(self, *args, destination, **options):
        try:
            path = backup_write(destination=destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = archive_manifest(archive=path)
        tables = manifest["database"]["tables"]
        files = manifest["files"]
        rows = sum(tables.values())
        size = sum(entry["size"] for entry in files)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sauvegarde écrite : {path} ({file_size(path.stat().st_size)}) : "
                f"{count_of(len(tables), 'table', 'tables')}, "
                f"{number(rows)} {'lignes' if rows > 1 else 'ligne'}, "
                f"{count_of(len(files), 'fichier', 'fichiers')} ({file_size(size)})."
            )
        )
        if missing := manifest["missing_files"]:
            self.stderr.write(
                self.style.WARNING(
                    f"Attention : {count_of(len(missing), 'fichier nommé', 'fichiers nommés')} "
                    f"par la base {'manque' if len(missing) == 1 else 'manquent'} au stockage, "
                    f"dont {missing[0]['name']} : déjà absent du portail avant la sauvegarde."
                )
            )
