#!/usr/bin/env python3
"""Jobs benchmark: what an upload and a password reset cost the request, and how long the
worker takes after.

    make bench-jobs             # or: .venv/bin/python bench/jobs.py [--resets N]

Serves the portal under gunicorn with production settings (SQLite in a temporary folder,
mail written to files) with one worker beside it (`manage.py db_worker`), as deployed.
Then, through the admin as an editor would:
- uploads a communiqué with each of three PDFs: the two crafted ones (a page of 200 000
  text operators; 200 pages sharing one stream of 600 000 empty ones) and a normal
  10-page report; prints the time to answer the upload, the time until the worker has
  read the text (searchable, or marked "texte illisible") and the worker's time on it;
- asks for a password reset N times for a staff address and N times for an unknown one,
  alternately, and prints each side's median and 90th percentile answer times.
"""

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import urllib.parse
from datetime import datetime
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The sample files are made with the portal's tools (fpdf2 through cuf.demo).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portail.settings.test")
django.setup()

from tests.admin_forms import form_fields  # noqa: E402
from tests.files import (  # noqa: E402
    crafted_pdf_many_operators,
    crafted_pdf_shared_empty_stream,
    ten_page_pdf,
)
from tests.servers import (  # noqa: E402
    Visitor,
    prepare_site,
    start_portal,
    start_worker,
    stop_portal,
    stop_worker,
)

PASSWORD = "motdepasse-long-123"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.0f} ms"


def _upload(editor: Visitor, slug: str, pdf: bytes) -> float:
    add = "/admin/communiques/communique/add/"
    fields = form_fields(editor.get(add)[2].decode(), "communique_form")
    fields.update(
        {
            "title": f"Banc {slug}",
            "slug": slug,
            "status": "published",
            "published_at_0": "12/05/2020",
            "published_at_1": "10:00",
            "documents-TOTAL_FORMS": "1",
            "documents-0-title": "Document",
            "documents-0-position": "1",
        }
    )
    started = time.monotonic()
    status, _headers, body = editor.post(
        add, fields, files={"documents-0-file": (f"{slug}.pdf", pdf)}
    )
    elapsed = time.monotonic() - started
    if status != 302:
        raise SystemExit(f"envoi refusé ({status}) : {body.decode()[:2000]}")
    return elapsed


def _when_read(database: Path, slug: str, timeout: float = 120) -> tuple[str, str]:
    """Wait for the document of ``slug`` to leave "en cours"; (status, file name)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with sqlite3.connect(database, timeout=10) as db:
            row = db.execute(
                "SELECT d.text_status, d.file FROM cuf_attachment d "
                "JOIN communiques_communique c ON c.id = d.item_id "
                "JOIN django_content_type t ON t.id = d.item_type_id "
                "AND t.app_label = 'communiques' AND t.model = 'communique' WHERE c.slug = ?",
                (slug,),
            ).fetchone()
        if row and row[0] != "en_cours":
            return row
        time.sleep(0.05)
    raise SystemExit(f"{slug} : texte toujours en cours après {timeout} s")


def _worker_seconds(database: Path, file_name: str) -> float:
    finished = None
    while finished is None:  # the job's row is closed just after the document is saved
        with sqlite3.connect(database, timeout=10) as db:
            started, finished = db.execute(
                "SELECT started_at, finished_at FROM django_tasks_database_dbtaskresult "
                "WHERE task_path LIKE '%extract_text' AND args_kwargs LIKE ?",
                (f"%{file_name}%",),
            ).fetchone()
        time.sleep(0.02)
    return (datetime.fromisoformat(finished) - datetime.fromisoformat(started)).total_seconds()


def _reset(visitor: Visitor, address: str) -> float:
    page = "/admin/mot-de-passe-oublie/"
    visitor.get(page)
    token = next(c.value for c in visitor.cookies if c.name == "csrftoken")
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "email": address}).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": visitor.base + page,
    }
    started = time.monotonic()
    status, _headers, _body = visitor.request(page, data=body, headers=headers)
    elapsed = time.monotonic() - started
    assert status == 302, status
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resets", type=int, default=30, help="demandes par adresse")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cuf-bench-jobs-") as folder:
        root = Path(folder)
        database = root / "db.sqlite3"
        env = {
            "DJANGO_SETTINGS_MODULE": "portail.settings.base",
            "DEBUG": "false",
            "SECRET_KEY": "banc-des-taches-de-fond-" + "b" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": "https://portail.example.org",
            "DATABASE_URL": f"sqlite:///{database}",
            "CACHE_URL": f"filecache://{root / 'cache'}",
            "PAGE_CACHE": "false",
            "EMAIL_URL": f"filemail:///{root / 'mail'}",
            "STATIC_ROOT": str(root / "static"),
            "PROTECTED_MEDIA_ROOT": str(root / "protected"),
            "MEDIA_ROOT": str(root / "media"),
            "PASSWORD_RESET_LIMIT": "100000",
            "LOG_FORMAT": "text",
            "LOG_LEVEL": "WARNING",
        }
        print("Préparation : base, fichiers statiques, compte de rédaction…", flush=True)
        prepare_site(env, editor_password=PASSWORD)
        base, server = start_portal(env, log=root / "gunicorn.log")
        worker = start_worker(env, log=root / "worker.log")
        try:
            editor = Visitor(base)
            editor.sign_in_as_editor(PASSWORD)
            print("\nPDF envoyé                       réponse   texte lu après   temps du worker")
            cases = [
                ("200 000 opérateurs, 1 page", "piege-operateurs", crafted_pdf_many_operators()),
                ("200 pages, un flux partagé", "piege-pages", crafted_pdf_shared_empty_stream()),
                ("rapport normal de 10 pages", "rapport-normal", ten_page_pdf("Tombouctou")),
            ]
            for label, slug, pdf in cases:
                answered = _upload(editor, slug, pdf)
                started = time.monotonic()
                status, file_name = _when_read(database, slug)
                read_after = time.monotonic() - started + answered
                worker_time = _worker_seconds(database, file_name)
                print(
                    f"{label:30} {len(pdf) // 1024:4} Ko {_ms(answered)} {_ms(read_after)}"
                    f"   {_ms(worker_time)}  ({status})"
                )
            visitor = Visitor(base)
            known, unknown = [], []
            for _ in range(options.resets):
                known.append(_reset(visitor, "redactrice@example.org"))
                unknown.append(_reset(visitor, "personne@example.org"))
            print(f"\nMot de passe oublié ({options.resets} demandes chacune)   médiane     p90")
            for label, times in (("adresse d’un compte", known), ("adresse inconnue", unknown)):
                p90 = statistics.quantiles(times, n=10)[-1]
                print(f"{label:42} {_ms(statistics.median(times))} {_ms(p90)}")
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                mails = list((root / "mail").glob("*")) if (root / "mail").is_dir() else []
                if len(mails) >= options.resets:
                    break
                time.sleep(0.2)
            print(f"Messages écrits par le worker : {len(mails)} (un par demande du compte)")
        finally:
            stop_worker(worker)
            stop_portal(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
