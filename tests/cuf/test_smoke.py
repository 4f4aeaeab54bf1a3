import pytest

from tests.factories import AttachmentFactory, CommuniqueFactory, ThemeFactory


@pytest.mark.django_db
def test_published_communique_page_shows_its_title_and_document(client):
    theme = ThemeFactory(name="COVID-19")
    communique = CommuniqueFactory(title="Webinaire du 19 mai", themes=[theme])
    AttachmentFactory(item=communique, title="Programme")
    response = client.get(communique.get_absolute_url())
    assert response.status_code == 200
    assert "Webinaire du 19 mai" in response.text
    assert "Programme" in response.text
    assert "PDF" in response.text
