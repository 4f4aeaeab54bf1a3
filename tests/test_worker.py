"""The real worker, as a process, beside the portal under gunicorn (production settings):
an uploaded PDF's text becomes searchable after the upload's answer, the crafted PDFs end
marked in seconds with the worker free for the next file, and a reset mail arrives, its
link on SITE_URL. Everything shares one SQLite database file, as `make run` does."""

import time

import pytest

from tests.admin_forms import form_fields
from tests.files import (
    crafted_pdf_many_operators,
    crafted_pdf_shared_empty_stream,
    ten_page_pdf,
)
from tests.helpers import run_python
from tests.servers import (
    Visitor,
    prepare_site,
    start_portal,
    start_worker,
    stop_portal,
    stop_worker,
)

PASSWORD = "motdepasse-long-123"
SITE_URL = "https://portail.example.org"


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    root = tmp_path_factory.mktemp("worker")
    env = {
        "DJANGO_SETTINGS_MODULE": "portail.settings.base",
        "DEBUG": "false",
        "SECRET_KEY": "une-cle-pour-le-test-du-worker-" + "w" * 30,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": SITE_URL,
        "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
        "CACHE_URL": f"filecache://{root / 'cache'}",
        "PAGE_CACHE": "false",
        "EMAIL_URL": f"filemail:///{root / 'mail'}",
        "STATIC_ROOT": str(root / "static"),
        "PROTECTED_MEDIA_ROOT": str(root / "protected"),
        "MEDIA_ROOT": str(root / "media"),
        "LOG_FORMAT": "text",
    }
    prepare_site(env, editor_password=PASSWORD)
    base, server = start_portal(env, log=root / "gunicorn.log")
    worker = start_worker(env, log=root / "worker.log")
    try:
        yield {"base": base, "env": env, "root": root, "worker": worker}
    finally:
        stop_worker(worker)
        stop_portal(server)


def _add_communique(editor: Visitor, slug: str, pdf: bytes) -> float:
    """Add a published communiqué with ``pdf`` through the admin; the answer's time."""
    add = "/admin/communiques/communique/add/"
    fields = form_fields(editor.get(add)[2].decode(), "communique_form")
    fields.update(
        {
            "title": f"Communiqué {slug}",
            "slug": slug,
            "status": "published",
            "published_at_0": "12/05/2020",
            "published_at_1": "10:00",
            "documents-TOTAL_FORMS": "1",
            "documents-0-title": "Document joint",
            "documents-0-position": "1",
        }
    )
    started = time.monotonic()
    status, _headers, body = editor.post(
        add, fields, files={"documents-0-file": (f"{slug}.pdf", pdf)}
    )
    assert status == 302, body.decode()[:3000]
    return time.monotonic() - started


def _text_status(portal, slug: str) -> str:
    result = run_python(
        "import django; django.setup()\n"
        "from communiques.models import Communique\n"
        f"print(Communique.objects.get(slug='{slug}').attachments.get().text_status)",
        **portal["env"],
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _wait_for(condition, seconds: float, portal) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(0.3)
    log = (portal["root"] / "worker.log").read_text()[-3000:]
    pytest.fail(f"pas fait en {seconds} s ; journal du worker :\n{log}")


@pytest.fixture(scope="module")
def editor(portal):
    visitor = Visitor(portal["base"])
    visitor.sign_in_as_editor(PASSWORD)
    return visitor


def test_an_uploaded_pdf_becomes_searchable_once_the_worker_has_read_it(portal, editor):
    _add_communique(editor, "rapport-annuel", ten_page_pdf("Tombouctou"))
    visitor = Visitor(portal["base"])

    def found() -> bool:
        return "rapport-annuel" in visitor.get("/recherche/?q=Tombouctou")[2].decode()

    _wait_for(found, 30, portal)
    assert _text_status(portal, "rapport-annuel") == "extrait"


def test_crafted_pdfs_end_marked_in_seconds_and_the_worker_stays_free(portal, editor):
    _add_communique(editor, "piege-operateurs", crafted_pdf_many_operators())
    _add_communique(editor, "piege-pages", crafted_pdf_shared_empty_stream())
    for slug in ("piege-operateurs", "piege-pages"):
        _wait_for(lambda slug=slug: _text_status(portal, slug) == "illisible", 30, portal)
    # Still downloadable, and the next file is read as usual.
    _add_communique(editor, "apres-les-pieges", ten_page_pdf("Ouagadougou"))
    _wait_for(lambda: _text_status(portal, "apres-les-pieges") == "extrait", 30, portal)
    assert portal["worker"].poll() is None


def test_a_reset_mail_arrives_with_a_link_on_site_url(portal):
    visitor = Visitor(portal["base"])
    visitor.get("/admin/mot-de-passe-oublie/")
    status, headers, _body = visitor.post(
        "/admin/mot-de-passe-oublie/", {"email": "redactrice@example.org"}
    )
    assert status == 302
    mail = portal["root"] / "mail"

    def arrived() -> bool:
        return mail.is_dir() and any(mail.iterdir())

    _wait_for(arrived, 30, portal)
    (message,) = [path.read_text() for path in mail.iterdir()]
    assert "redactrice@example.org" in message
    assert f"{SITE_URL}/admin/nouveau-mot-de-passe/" in message
    assert "127.0.0.1" not in message
