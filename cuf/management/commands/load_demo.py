from django.core.management.base import BaseCommand

from cuf.demo import load_demo


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (sans rien dupliquer si on le relance)."

    def handle(self, *args, **options):
        created = load_demo()
        summary = ", ".join(f"{count} {label}" for label, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Contenu de démonstration ajouté : {summary}."))
