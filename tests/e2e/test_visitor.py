import pytest

from tests.e2e.helpers import download_from
from tests.factories import AttachmentFactory, CommuniqueFactory, ThemeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_goes_from_home_to_a_communique_and_downloads_its_document(live_server, page):
    theme = ThemeFactory(name="COVID-19")
    communique = CommuniqueFactory(title="Webinaire du 19 mai", themes=[theme])
    AttachmentFactory(item=communique, title="Programme du webinaire")

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Webinaire du 19 mai").click()
    page.wait_for_url(f"**{communique.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Webinaire du 19 mai"

    filename, content = download_from(page, "Programme du webinaire")
    assert filename == "programme-du-webinaire.pdf"
    assert content.startswith(b"%PDF-")
