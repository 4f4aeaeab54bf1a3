import datetime

from django.core.management.base import BaseCommand, CommandError

from cuf.management.commands.backup import number
from cuf.operations.backups.contents import VENDOR_NAMES, BackupError, portal_version
from cuf.operations.backups.restore import backup_restore
from cuf.templatetags.cuf_tags import file_size, long_date, time_of_day


class Command(BaseCommand):
    help = (
        "Restaure une archive faite par « backup » dans un portail vide (base migrée sans "
        "contenu, stockages sans fichiers). Vérifie l’empreinte de chaque fichier avant "
        "d’écrire quoi que ce soit. --force remplace un portail qui a déjà du contenu."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="l’archive .tar écrite par « backup »")
        parser.add_argument(
            "--force",
            action="store_true",
            help="remplacer la base et les fichiers existants par ceux de la sauvegarde",
        )

    def handle(self, *args, archive, force, **options):
        try:
            report = backup_restore(archive=archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        made = datetime.datetime.fromisoformat(report.created_at)
        lines = [
            f"Restauration terminée : sauvegarde du {long_date(made)} à {time_of_day(made)} "
            f"(portail {report.portal_version}, {VENDOR_NAMES[report.vendor]}).",
            f"  Tables : {number(len(report.tables))}, lignes : {number(report.rows)} "
            "(comptes identiques au manifeste).",
            f"  Fichiers : {number(report.files)} ({file_size(report.bytes)}, empreintes "
            "vérifiées).",
        ]
        if report.left_out:
            lines.append(
                "  Écartées de la sauvegarde (secrets, éphémères) : "
                + ", ".join(report.left_out)
                + ". Chacun se reconnecte ; les comptes à double authentification "
                "enregistrent à nouveau leur appareil."
            )
        if report.texts_queued:
            lines.append(f"  Textes de fichiers remis en file : {number(report.texts_queued)}.")
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
        if report.missing_files:
            self.stderr.write(
                self.style.WARNING(
                    f"Attention : {len(report.missing_files)} fichier(s) nommé(s) par la base "
                    "manquaient déjà au portail sauvegardé, dont "
                    f"{report.missing_files[0]['name']}."
                )
            )
        if report.portal_version != portal_version():
            self.stdout.write(
                f"Cette sauvegarde vient de la version {report.portal_version} du portail "
                f"(celle-ci : {portal_version()}) : lancez « python manage.py migrate »."
            )
        self.stdout.write(
            "Redémarrez maintenant le portail (ses processus gardent en mémoire des "
            "identifiants de la base remplacée)."
        )
