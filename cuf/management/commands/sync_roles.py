from django.core.management.base import BaseCommand

from cuf.accounts.roles import sync_roles


class Command(BaseCommand):
    help = (
        "Crée les groupes « Rédacteurs » et « Modérateurs » ou remet leurs permissions à "
        "jour. Sans effet si tout est déjà à jour : à lancer après chaque migrate."
    )

    def handle(self, *args, **options):
        for name, group in sync_roles().items():
            self.stdout.write(f"{name} : {group.permissions.count()} permissions")
