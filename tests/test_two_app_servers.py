"""Two app servers behind one address, as on the day of the Assises: two gunicorn
instances with production settings sharing one PostgreSQL database, one Redis cache and one
bucket (SeaweedFS), each with its own local folders, and a job worker beside each, taking
jobs from the one queue in the database. What one server does, the other shows at the
next request.
"""

import hashlib
import re
import socket
import time
import uuid

import pytest

from tests.admin_forms import form_fields
from tests.files import pdf_upload
from tests.servers import (
    Visitor,
    prepare_site,
    start_portal,
    start_worker,
    stop_portal,
    stop_worker,
    unavailable,
)

PASSWORD = "motdepasse-long-123"
POSTGRES = "postgres://postgres@127.0.0.1:5432"


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _postgres(sql: str) -> None:
    import psycopg2

    connection = psycopg2.connect(f"{POSTGRES}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql)
    connection.close()


@pytest.fixture(scope="module")
def servers(object_store, tmp_path_factory):
    if not _answers(5432):
        unavailable("PostgreSQL ne répond pas sur 5432 : test de deux serveurs")
    if not _answers(6379):
        unavailable("Redis ne répond pas sur 6379 : test de deux serveurs")
    root = tmp_path_factory.mktemp("deux-serveurs")
    database = f"cuf_deux_{uuid.uuid4().hex[:10]}"
    _postgres(f"CREATE DATABASE {database}")
    shared = {
        "DJANGO_SETTINGS_MODULE": "portail.settings.base",
        "DEBUG": "false",
        "SECRET_KEY": "une-cle-partagee-par-les-deux-serveurs-" + "z" * 30,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"{POSTGRES}/{database}",
        "CACHE_URL": "redis://127.0.0.1:6379/10",
        "STATIC_ROOT": str(root / "static"),
        "SITE_URL": "https://portail.example.org",
        **object_store.settings_env(object_store.new_bucket()),
    }
    prepare_site(shared, editor_password=PASSWORD)
    started, workers = [], []
    try:
        for name in ("a", "b"):
            # Each server its own disk folders: nothing may rely on the other's.
            own = {
                "PROTECTED_MEDIA_ROOT": str(root / name / "protected"),
                "MEDIA_ROOT": str(root / name / "media"),
                "TMPDIR": str((root / name / "tmp").resolve()),
            }
            (root / name / "tmp").mkdir(parents=True)
            started.append(start_portal({**shared, **own}, log=root / f"gunicorn-{name}.log"))
            # Its worker beside it, as deploy/cuf-worker@.service runs it.
            workers.append(start_worker({**shared, **own}, log=root / f"worker-{name}.log"))
        yield {
            "a": started[0][0],
            "b": started[1][0],
            "root": root,
            "bucket": shared["AWS_STORAGE_BUCKET_NAME"],
        }
    finally:
        for worker in workers:
            stop_worker(worker)
        for _base, process in started:
            stop_portal(process)
        _postgres(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


def _add_communique(editor: Visitor, *, title: str, slug: str, status: str, pdf: bytes):
    add = "/admin/communiques/communique/add/"
    status_code, _headers, page = editor.get(add)
    assert status_code == 200
    fields = form_fields(page.decode(), "communique_form")
    fields.update(
        {
            "title": title,
            "slug": slug,
            "body": "<p>Le programme des rencontres.</p>",
            "status": status,
            "published_at_0": "12/05/2020",
            "published_at_1": "10:00",
            "documents-TOTAL_FORMS": "1",
            "documents-0-title": "Programme",
            "documents-0-position": "1",
        }
    )
    answer = editor.post(add, fields, files={"documents-0-file": ("programme.pdf", pdf)})
    assert answer[0] == 302, answer[2].decode()[:3000]


def test_a_document_uploaded_on_one_server_downloads_from_the_other_with_the_same_bytes(
    servers, object_store
):
    editor = Visitor(servers["a"])
    editor.sign_in_as_editor(PASSWORD)
    pdf = pdf_upload(text="Les Assises de la coopération décentralisée.").read()
    _add_communique(editor, title="Assises 2027", slug="assises-2027", status="published", pdf=pdf)

    visitor = Visitor(servers["b"])
    status, _headers, page = visitor.get("/communiques/assises-2027/")
    assert status == 200
    html = page.decode()
    assert "Assises 2027" in html
    url = "/documents/" + html.split('href="/documents/')[1].split('"')[0]
    status, headers, body = visitor.get(url)
    assert status == 200
    assert hashlib.sha256(body).digest() == hashlib.sha256(pdf).digest()
    status, headers, part = visitor.get(url, headers={"Range": "bytes=0-7"})
    assert (status, part) == (206, pdf[:8])
    # The file lives in the bucket only: neither server kept a copy on its disk.
    assert len(object_store.keys(servers["bucket"])) == 1
    for name in ("a", "b"):
        assert not any(path.is_file() for path in (servers["root"] / name).rglob("*"))


def test_a_document_uploaded_on_one_server_is_read_by_a_worker_and_found_on_the_other(
    servers,
):
    editor = Visitor(servers["a"])
    editor.sign_in_as_editor(PASSWORD)
    pdf = pdf_upload(text="Le jumelage avec Chefchaouen.").read()
    _add_communique(editor, title="Chefchaouen", slug="chefchaouen", status="published", pdf=pdf)
    visitor = Visitor(servers["b"])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if "chefchaouen" in visitor.get("/recherche/?q=jumelage")[2].decode():
            return
        time.sleep(0.3)
    pytest.fail("le texte du document n’a pas été lu par un worker en 30 s")


def test_a_publication_on_one_server_shows_on_the_other_at_the_next_request(servers):
    editor = Visitor(servers["a"])
    editor.sign_in_as_editor(PASSWORD)
    pdf = pdf_upload(text="Ordre du jour du bureau.").read()
    _add_communique(
        editor, title="Bureau de janvier", slug="bureau-janvier", status="draft", pdf=pdf
    )

    visitor = Visitor(servers["b"])
    assert b"Bureau de janvier" not in visitor.get("/communiques/")[2]
    assert visitor.get("/communiques/bureau-janvier/")[0] == 404

    status, _headers, page = editor.get("/admin/communiques/communique/?q=bureau-janvier")
    change = re.search(r'href="(/admin/communiques/communique/\d+/change/)', page.decode())[1]
    fields = form_fields(editor.get(change)[2].decode(), "communique_form")
    fields["status"] = "published"
    answer = editor.post(change, fields)
    assert answer[0] == 302, change + answer[2].decode()[:4000]

    assert b"Bureau de janvier" in visitor.get("/communiques/")[2]
    assert visitor.get("/communiques/bureau-janvier/")[0] == 200


def test_an_editors_password_alone_opens_no_admin_page_in_production(servers):
    """Production's default: every staff account gives its second factor, not only
    superusers (ADMIN_2FA_REQUIRED follows DEBUG)."""
    editor = Visitor(servers["b"])
    assert editor.log_in("redactrice", PASSWORD) == 302
    status, headers, _body = editor.get("/admin/communiques/communique/add/")
    assert status == 302
    assert headers["Location"].startswith("/admin/double-authentification/")
    assert editor.pass_second_factor() == 302
    assert editor.get("/admin/communiques/communique/add/")[0] == 200


def test_a_lock_out_earned_on_one_server_holds_on_the_other(servers):
    attacker = Visitor(servers["a"])
    answers = [attacker.log_in("redactrice", "pas-le-bon") for _attempt in range(5)]
    # The fifth failure (AXES_FAILURE_LIMIT) locks the account out from this address.
    assert answers == [200, 200, 200, 200, 429]
    assert attacker.log_in("redactrice", PASSWORD) == 429

    # The editor herself, from the same address, on the other server: locked out too.
    other = Visitor(servers["b"])
    status = other.log_in("redactrice", PASSWORD)
    assert status == 429
