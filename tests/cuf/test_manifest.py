"""The web app manifest: the portal's name, icons and theme colour for a phone's home
screen, linked from every page."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

pytestmark = pytest.mark.django_db
STATIC = Path(settings.BASE_DIR) / "cuf" / "static"


def test_every_page_links_the_manifest_and_the_theme_colour(client):
    for address in ["/", "/communiques/", "/recherche/?q=eau", "/accessibilite/"]:
        text = client.get(address).text
        assert '<link rel="manifest" href="/manifest.webmanifest">' in text, address
        assert '<meta name="theme-color" content="#0b4f8a">' in text, address


def test_the_manifest_names_the_portal_with_its_icons_and_colours(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["name"] == "Le portail de la coopération décentralisée"
    assert data["short_name"] and len(data["short_name"]) <= 12
    assert data["lang"] == "fr" and data["start_url"] == "/"
    assert data["theme_color"] == "#0b4f8a" and data["background_color"] == "#ffffff"
    sizes = set()
    for icon in data["icons"]:
        path = STATIC / icon["src"].removeprefix("/static/")
        assert path.exists(), icon
        if icon["type"] == "image/png":
            with Image.open(path) as image:
                assert f"{image.width}x{image.height}" == icon["sizes"]
            sizes.add((icon["sizes"], icon["purpose"]))
    # What Chromium asks for to offer installing, and Android's adaptive icon.
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes


def test_the_manifest_answers_only_reading(client):
    assert client.post("/manifest.webmanifest").status_code == 405
