"""An item's gallery (its attached images under the text) and its documents, in Chromium:
no WCAG 2.1 A/AA violation, the images load, each link names its image."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import AttachmentFactory, NewsItemFactory
from tests.files import image_upload, pdf_upload

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.parametrize("width", [1280, 360])
def test_a_gallery_under_the_text_is_accessible_and_its_images_load(live_server, new_page, width):
    news = NewsItemFactory(title="Porto-Novo en images", slug="porto-novo-en-images")
    AttachmentFactory(item=news, title="Rapport de mission", file=pdf_upload())
    for n, title in enumerate(("Le marché Ouando", "L’école de la Mairie annexe")):
        AttachmentFactory(
            item=news,
            title=title,
            description="Vue prise en 2023." if n == 0 else "",
            credit="Photo : A. Houngbédji",
            file=image_upload(name=f"photo{n}.jpg", fmt="JPEG", size=(800, 600)),
        )
    page = new_page(width=width)
    page.goto(live_server.url + news.get_absolute_url())
    gallery = page.locator("section.attached-images")
    gallery.scroll_into_view_if_needed()
    assert gallery.get_by_role("heading", name="Images").is_visible()
    assert gallery.get_by_role("link", name="Le marché Ouando").is_visible()
    for image in gallery.locator("img").all():
        image.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('section.attached-images img')].every(i => i.complete)"
    )
    loaded = gallery.locator("img").evaluate_all("(images) => images.map(i => i.naturalWidth)")
    assert len(loaded) == 2 and all(width > 0 for width in loaded)
    page.screenshot(path=f"/tmp/gallery-{width}.png", full_page=True)
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_snapshot()
