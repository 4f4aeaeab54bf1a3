import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Crée (ou réinitialise) le compte d’administration local « admin » avec un nouveau "
        "mot de passe, et l’affiche. Réservé au développement (DEBUG activé)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=int, default=8000, help="Le port où le portail est servi (8000)."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Commande réservée au développement local (DEBUG=true).")
        password = secrets.token_urlsafe(12)
        user, _created = get_user_model().objects.get_or_create(
            username="admin", defaults={"email": "admin@localhost"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                "Compte d’administration local : identifiant « admin », "
                f"mot de passe « {password} » (http://127.0.0.1:{options['port']}/admin/)"
            )
        )
