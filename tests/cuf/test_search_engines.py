"""What search engines are told: each page's canonical address, and every page in the
sitemap (the pages under each section and the information pages too)."""

import pytest

from tests.cuf.test_discovery import sitemap_paths
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db
SITE = "https://portail.example.org"


def canonical(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200
    start = response.text.index('<link rel="canonical" href="') + len(
        '<link rel="canonical" href="'
    )
    return response.text[start : response.text.index('"', start)].replace("&amp;", "&")


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("/agenda/?periode=passes", "/agenda/?periode=passes"),
        ("/agenda/?theme=haiti&periode=passes&utm_source=x", "/agenda/?periode=passes"),
        ("/agenda/?periode=zz", "/agenda/"),
        ("/agenda/", "/agenda/"),
        ("/communiques/?periode=passes", "/communiques/"),  # read by the agenda only
    ],
)
def test_a_page_that_is_another_page_keeps_its_parameter_in_its_canonical(
    client, address, expected
):
    ThemeFactory(name="Haïti")
    assert canonical(client, address) == SITE + expected


def test_the_sitemap_lists_the_pages_under_the_sections_and_the_information_pages(client):
    paths = sitemap_paths(client)
    for path in [
        "/agenda/?periode=passes",
        "/ressources/texte/",
        "/ressources/photo/",
        "/ressources/son/",
        "/ressources/video/",
        "/plan-du-site/",
        "/contact/",
        "/mentions-legales/",
        "/accessibilite/",
    ]:
        assert path in paths
    assert len(paths) == len(set(paths))
    for path in paths:
        assert client.get(path).status_code == 200, path
