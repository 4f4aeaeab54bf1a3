import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cuf.demo import DEMO_MEMBER, demo_member_organisation
from cuf.members.models import Member


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
        member_password = self.member_account()
        self.stdout.write(
            self.style.SUCCESS(
                f"Compte d’adhérent de démonstration : identifiant « {DEMO_MEMBER} », "
                f"mot de passe « {member_password} » "
                f"(http://127.0.0.1:{options['port']}/espace-adherents/connexion/)"
            )
        )

    def member_account(self) -> str:
        """The demo's member account, in the demo's member organisation, with a new
        password (never staff)."""
        password = secrets.token_urlsafe(12)
        user, _created = get_user_model().objects.get_or_create(
            username=DEMO_MEMBER,
            defaults={"email": DEMO_MEMBER, "first_name": "Camille", "last_name": "Adhérente"},
        )
        user.is_staff = user.is_superuser = False
        user.is_active = True
        user.set_password(password)
        user.save()
        organisation = demo_member_organisation()
        Member.objects.update_or_create(
            user=user, defaults={"organisation": organisation, "active": True}
        )
        organisation.active = True
        organisation.save(update_fields=["active", "updated"])
        return password
