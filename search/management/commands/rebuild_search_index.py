import time

from django.core.management.base import BaseCommand

from search.indexing import rebuild_index


class Command(BaseCommand):
    help = "Reconstruit tout l’index de recherche (contenus de tous types et thèmes)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = rebuild_index()
        elapsed = time.perf_counter() - started
        message = f"Index de recherche reconstruit : {count} entrées en {elapsed:.1f} s."
        self.stdout.write(self.style.SUCCESS(message))
