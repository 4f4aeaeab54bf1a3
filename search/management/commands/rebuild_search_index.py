import time

from django.core.management.base import BaseCommand

from cuf.themes.links import refresh_links
from search.indexing import rebuild_index


class Command(BaseCommand):
    help = (
        "Reconstruit tout l’index de recherche (contenus de tous types et thèmes) et les "
        "copies que les liens de thèmes gardent de leurs contenus."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        # What was written without signals (bulk import, QuerySet.update()) reaches theme
        # pages too; the index's new generation then empties the page cache.
        refresh_links()
        count = rebuild_index()
        elapsed = time.perf_counter() - started
        message = f"Index de recherche reconstruit : {count} entrées en {elapsed:.1f} s."
        self.stdout.write(self.style.SUCCESS(message))
