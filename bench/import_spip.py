#!/usr/bin/env python3
"""SPIP import benchmark: 10 000 articles with 20 000 documents, imported then re-imported.

    make bench-import           # or: .venv/bin/python bench/import_spip.py [--articles N]

Builds a SPIP-shaped database (``spip_bench_…`` on the MariaDB of ``BENCH_MYSQL_URL``,
default mysql://root:@127.0.0.1:3306) and an IMG/ folder of real files: 60 % communiqués
with two PDF documents each, 25 % actualités with a logo and an image in their text, 15 %
ressources with their main document and one more; 5 % of the articles have an event;
texts written in SPIP shortcuts (bold, italics, links to other articles, lists, notes),
two keywords each, a readable address each. Then imports it into a fresh database
(SQLite in a temporary folder, or ``BENCH_DATABASE_URL`` for PostgreSQL), twice: the
first run creates everything, the second finds nothing to change. The MariaDB database
and the temporary folder are removed at the end.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEXT = (
    "{{{Contexte}}}\n\nLa {{coopération décentralisée}} réunit les {collectivités} "
    "partenaires[[Selon le rapport annuel.]].\n\n-* Jeunesse\n-* Eau et assainissement\n"
    "-** Sénégal\n\nVoir [l’article voisin->art{other}] et [le site->https://exemple.org]."
)


def build_site(site, img: Path, articles: int, pdf, jpg: bytes) -> int:
    """Fill the SPIP database and IMG/; return the number of documents."""
    site.rubrique(1, "Communiqués")
    site.rubrique(2, "Actualités")
    site.rubrique(3, "Ressources")
    site.groupe(1, "Thèmes")
    site.groupe(2, "Pays")
    for number in range(1, 41):
        site.mot(number, f"Thème {number}", 1 if number <= 30 else 2)
    (img / "pdf").mkdir(parents=True)
    (img / "jpg").mkdir()
    rows = {"articles": [], "documents": [], "liens": [], "mots": [], "urls": [], "events": []}
    document = 0
    communiques, actualites = int(articles * 0.6), int(articles * 0.25)
    for number in range(1, articles + 1):
        rubrique = 1 if number <= communiques else 2 if number <= communiques + actualites else 3
        other = number % articles + 1
        rows["articles"].append(
            (
                number,
                rubrique,
                f"Article {number} sur la coopération",
                TEXT.replace("{other}", str(other)),
                f"20{10 + number % 14}-0{1 + number % 9}-1{number % 10} 10:00:00",
                "publie",
            )
        )
        rows["mots"] += [
            (1 + number % 40, number, "article"),
            (1 + (number * 7) % 40, number, "article"),
        ]
        rows["urls"].append((f"article-{number}-cooperation", "article", number))
        if number % 20 == 0:
            rows["events"].append(
                (
                    number // 20,
                    number,
                    f"20{10 + number % 14}-06-03 09:00:00",
                    "Rencontre",
                    "publie",
                )
            )
        for rank in (1, 2):
            document += 1
            if rubrique == 2:
                name = f"jpg/image{document}.jpg"
                (img / name).write_bytes(jpg)
                mode = "logoon" if rank == 1 else "image"
                rows["documents"].append((document, name, "jpg", "image", mode, "Image"))
                if rank == 2:
                    rows["articles"][-1] = (
                        *rows["articles"][-1][:3],
                        rows["articles"][-1][3] + f"\n\n<img{document}|center>",
                        *rows["articles"][-1][4:],
                    )
            else:
                name = f"pdf/document{document}.pdf"
                (img / name).write_bytes(pdf(document))
                rows["documents"].append((document, name, "pdf", "file", "document", "Document"))
            rows["liens"].append((document, number, "article", rank))
    cursor = site.connection.cursor()
    cursor.executemany(
        "INSERT INTO spip_articles (id_article, id_rubrique, titre, texte, date, statut) "
        "VALUES (%s, %s, %s, %s, %s, %s)",
        rows["articles"],
    )
    cursor.executemany(
        "INSERT INTO spip_documents (id_document, fichier, extension, media, mode, titre) "
        "VALUES (%s, %s, %s, %s, %s, %s)",
        rows["documents"],
    )
    cursor.executemany(
        "INSERT INTO spip_documents_liens (id_document, id_objet, objet, rang_lien) "
        "VALUES (%s, %s, %s, %s)",
        rows["liens"],
    )
    cursor.executemany(
        "INSERT IGNORE INTO spip_mots_liens (id_mot, id_objet, objet) VALUES (%s, %s, %s)",
        rows["mots"],
    )
    cursor.executemany(
        "INSERT INTO spip_urls (url, type, id_objet) VALUES (%s, %s, %s)", rows["urls"]
    )
    cursor.executemany(
        "INSERT INTO spip_evenements (id_evenement, id_article, date_debut, titre, statut) "
        "VALUES (%s, %s, %s, %s, %s)",
        rows["events"],
    )
    return document


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-spip-"))
    database_url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}")
    os.environ["DATABASE_URL"] = database_url
    os.environ["PROTECTED_MEDIA_ROOT"] = str(work / "protected")
    os.environ["DJANGO_SETTINGS_MODULE"] = "portail.settings.test"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from cuf.demo import pdf_bytes
    from spip_import.importer import SpipImporter
    from spip_import.reader import SpipReader, parse_address
    from tests.files import image_bytes
    from tests.spip_import import spip_site

    if connection.vendor == "postgresql":
        name = connection.settings_dict["NAME"]
        print(f"PostgreSQL database {name}: flushed before the run")
    call_command("migrate", verbosity=0)
    call_command("flush", "--no-input", verbosity=0)
    # As in production: PDF text is queued in the database for the worker, not read
    # during the import (the test settings run jobs at once).
    from django.test.utils import override_settings

    override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}).enable()
    from django_tasks_db.models import DBTaskResult

    site = spip_site.SpipSite(prefix="spip_bench_")
    img = work / "IMG"
    try:
        started = time.perf_counter()
        documents = build_site(
            site,
            img,
            args.articles,
            lambda number: pdf_bytes(f"Document {number}", [f"Programme {number} : ouverture."]),
            image_bytes("JPEG"),
        )
        print(
            f"SPIP site built: {args.articles} articles, {documents} documents "
            f"({time.perf_counter() - started:.1f} s)"
        )
        mapping = {"communiques": [1], "actualites": [2], "ressources": [3]}
        for label in ("first import", "second import (nothing to change)"):
            reader = SpipReader(parse_address(site.url))
            started, cpu = time.perf_counter(), time.process_time()
            report = SpipImporter(reader, img_root=img, mapping=mapping, pays_groups=[2]).run()
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            reader.close()
            counts = ", ".join(
                f"{label_} {action} {n}" for (label_, action), n in sorted(report.counts.items())
            )
            print(
                f"{label} into {connection.vendor}: {elapsed:.1f} s "
                f"(this process's CPU: {cpu:.1f} s; {counts})"
            )
            if report.skipped or report.files:
                print(f"  skipped {len(report.skipped)}, files {len(report.files)}")
            print(f"  jobs waiting for the worker: {DBTaskResult.objects.ready().count()}")
        # The site is usable now; the PDF text arrives after, read by the worker.
        started = time.perf_counter()
        worker = subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "-v", "0"],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "portail.settings.base",
                "DEBUG": "true",
                "SECRET_KEY": "bench-import-worker-" + "x" * 40,
            },
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - started
        if worker.returncode != 0:
            print(worker.stdout[-2000:], worker.stderr[-3000:])
        read = DBTaskResult.objects.filter(task_path__endswith="extract_text")
        print(
            f"PDF text read by one worker after the import: {read.successful().count()} jobs "
            f"in {elapsed:.1f} s ({read.failed().count()} failed)"
        )
    finally:
        site.drop()
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
