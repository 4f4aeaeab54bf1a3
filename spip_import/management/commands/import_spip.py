import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from spip_import.importer import MappingError, SpipImporter
from spip_import.reader import SpipReader, SpipReadError, parse_address


def _ids(value: str) -> list[int]:
    try:
        ids = [int(part) for part in value.split(",") if part.strip()]
    except ValueError as error:
        raise CommandError(f"Identifiants invalides : « {value} » (ex. 3,12,40).") from error
    if not ids:
        raise CommandError(f"Aucun identifiant dans « {value} ».")
    return ids


class ProgressBar:
    """A progress bar on a terminal; nothing when the output is a file or a pipe."""

    def __init__(self, stream, width: int = 30):
        self.stream, self.width = stream, width
        self.active = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.active or total == 0:
            return
        filled = self.width * done // total
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Importe les articles, mots-clés, documents et événements d’un site SPIP 3 ou 4 "
        "(base MySQL/MariaDB et dossier IMG/) ; relancé, il met à jour sans rien dupliquer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--db", required=True, help="mysql://UTILISATEUR:MOT_DE_PASSE@HÔTE:PORT/BASE"
        )
        parser.add_argument("--img", required=True, help="Le dossier IMG/ du site SPIP")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="TYPE=ID[,ID…]",
            help="Rubriques (et leurs sous-rubriques) à importer comme communiques, actualites "
            "ou ressources",
        )
        parser.add_argument(
            "--pays-groups",
            default="",
            metavar="ID[,ID…]",
            help="Groupes de mots dont les mots deviennent des thèmes « pays / région »",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Ne rien enregistrer : dire ce qui serait fait"
        )

    def handle(self, *args, **options):
        mapping: dict[str, list[int]] = {}
        for entry in options["map"]:
            key, sep, ids = entry.partition("=")
            if not sep:
                raise CommandError(f"--map attend TYPE=ID[,ID…], pas « {entry} ».")
            mapping.setdefault(key.strip(), []).extend(_ids(ids))
        if not mapping:
            raise CommandError(
                "Indiquez au moins une rubrique avec --map (ex. --map communiques=3)."
            )
        img = Path(options["img"])
        if not img.is_dir():
            raise CommandError(f"Le dossier IMG/ est introuvable : {img}")
        pays = _ids(options["pays_groups"]) if options["pays_groups"] else []
        try:
            reader = SpipReader(parse_address(options["db"]))
        except SpipReadError as error:
            raise CommandError(str(error)) from error
        try:
            importer = SpipImporter(
                reader,
                img_root=img,
                mapping=mapping,
                pays_groups=pays,
                dry_run=options["dry_run"],
                progress=ProgressBar(sys.stderr),
            )
            report = importer.run()
        except MappingError as error:
            raise CommandError(str(error)) from error
        finally:
            reader.close()
        self.stdout.write("\n".join(report.lines()))
