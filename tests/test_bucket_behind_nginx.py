"""Files in a bucket, sent by nginx: the portal checks who may read, then hands nginx a
link signed for a minute (X-Accel-Redirect to /objets-proteges/); nginx fetches the object
from SeaweedFS and streams it, byte ranges included. Real nginx, gunicorn and SeaweedFS
on loopback.
"""

import pytest

from tests.services import free_port, start_nginx, start_portal, stop_portal
from tests.test_behind_nginx import Browser, set_up_site


@pytest.fixture(scope="module")
def deployed(object_store, tmp_path_factory):
    root = tmp_path_factory.mktemp("seau-derriere-nginx")
    bucket = object_store.new_bucket()
    env = {
        "DJANGO_SETTINGS_MODULE": "portail.settings.base",
        "DEBUG": "false",
        "SECRET_KEY": "cle-de-deploiement-de-test-" + "w" * 40,
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "BEHIND_TLS_PROXY": "true",
        "TRUSTED_PROXY_COUNT": "1",
        "PROTECTED_FILES_ACCEL": "true",
        "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
        "STATIC_ROOT": str(root / "static"),
        "PROTECTED_MEDIA_ROOT": str(root / "protected"),
        **object_store.settings_env(bucket),
    }
    urls = set_up_site(env)
    base_app, app = start_portal(env, log=root / "gunicorn.log")
    port = free_port()
    nginx = start_nginx(
        root,
        {
            "STATIC_ROOT": env["STATIC_ROOT"],
            "PROTECTED_MEDIA_ROOT": env["PROTECTED_MEDIA_ROOT"],
            "APP_SERVERS": "server " + base_app.removeprefix("http://") + ";",
            "OBJECT_STORE_URL": object_store.endpoint,
        },
        port=port,
    )
    try:
        yield {"base": f"https://localhost:{port}", "urls": urls, "root": root, "bucket": bucket}
    finally:
        stop_portal(nginx)
        stop_portal(app)


def test_a_published_document_in_the_bucket_is_sent_by_nginx_whole_and_by_ranges(deployed):
    browser = Browser(deployed["base"])
    url = deployed["urls"]["en-ligne"]
    status, headers, body = browser.request(url)
    assert status == 200, body
    assert body.startswith(b"%PDF-") and len(body) > 1000
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == 'attachment; filename="programme-en-ligne.pdf"'
    assert "private" in headers["Cache-Control"]
    # Nothing of the bucket reaches the visitor: no signed link, no store's headers.
    assert "X-Accel-Redirect" not in headers
    assert not [name for name in headers if name.lower().startswith("x-amz")]
    status, headers, part = browser.request(url, headers={"Range": "bytes=0-4"})
    assert (status, part) == (206, b"%PDF-")
    assert headers["Content-Range"] == f"bytes 0-4/{len(body)}"


def test_a_drafts_document_in_the_bucket_is_refused(deployed):
    browser = Browser(deployed["base"])
    status, headers, body = browser.request(deployed["urls"]["brouillon"])
    assert status == 404
    assert b"%PDF" not in body


def test_the_internal_location_cannot_be_asked_for_directly(deployed, object_store):
    browser = Browser(deployed["base"])
    (key,) = list(object_store.keys(deployed["bucket"]))[:1]
    status, _headers, body = browser.request(f"/objets-proteges/{deployed['bucket']}/{key}")
    assert status == 404
    assert b"%PDF" not in body
