"""What search engines and link previews read: sitemap, robots.txt, canonical, Open Graph,
JSON-LD; and the error pages."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.views.defaults import server_error

from cuf import content_types
from tests import factories
from tests.factories import CommuniqueFactory, EventFactory, NewsItemFactory, ThemeFactory
from tests.files import image_upload

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_paths(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [
        loc.text.removeprefix("https://portail.example.org")
        for loc in root.findall("s:url/s:loc", SITEMAP_NS)
    ]


def json_ld(response) -> list[dict]:
    """The page's descriptions, but its breadcrumb trail (tests/cuf/test_breadcrumbs.py)."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    found = [json.loads(block) for block in blocks]
    return [data for data in found if data.get("@type") != "BreadcrumbList"]


def test_sitemap_lists_exactly_the_published_items_and_sections(client):
    theme = ThemeFactory()
    every_type = factories.every_type_factory()
    published = [factory(themes=[theme]) for factory in every_type]
    hidden = [
        factory(**{state: True})
        for factory in every_type
        for state in ("draft", "scheduled", "expired")
    ]
    paths = sitemap_paths(client)
    sub_pages = {
        link.url
        for config in content_types.all_types()
        for link in (config.sub_pages() if config.sub_pages else [])
    }
    item_paths = {
        path
        for path in paths
        if path.count("/") == 3 and not path.startswith("/themes/") and path not in sub_pages
    }
    assert item_paths == {item.get_absolute_url() for item in published}
    for item in hidden:
        assert item.get_absolute_url() not in paths
    assert theme.get_absolute_url() in paths
    sections = {config.list_url for config in content_types.all_types()}
    assert {"/", "/themes/", *sections} <= set(paths)


def test_sitemap_gives_each_item_its_last_change(client):
    communique = CommuniqueFactory()
    root = ET.fromstring(client.get("/sitemap.xml").content)
    for url in root.findall("s:url", SITEMAP_NS):
        if url.find("s:loc", SITEMAP_NS).text.endswith(communique.get_absolute_url()):
            lastmod = url.find("s:lastmod", SITEMAP_NS).text
            assert lastmod == timezone.localdate(communique.updated).isoformat()
            return
    pytest.fail("the communiqué is not in the sitemap")


def test_sitemap_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(15):
        CommuniqueFactory()
        EventFactory()
    with django_assert_max_num_queries(10):
        client.get("/sitemap.xml")


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.text
    assert "Sitemap: https://portail.example.org/sitemap.xml" in response.text


def test_pages_have_a_canonical_url_without_tracking_parameters(client):
    communique = CommuniqueFactory()
    response = client.get(communique.get_absolute_url() + "?utm_source=lettre")
    expected = f"https://portail.example.org{communique.get_absolute_url()}"
    assert f'<link rel="canonical" href="{expected}">' in response.text
    assert f'<meta property="og:url" content="{expected}">' in response.text


def test_canonical_url_of_a_list_keeps_its_page_number(client):
    for _ in range(21):
        CommuniqueFactory()
    response = client.get("/communiques/?page=2&utm_source=x")
    canonical = "https://portail.example.org/communiques/?page=2"
    assert f'<link rel="canonical" href="{canonical}">' in response.text


def test_detail_page_has_open_graph_title_and_description(client):
    item = NewsItemFactory(title="Trois écoles reconstruites", summary="Un chantier achevé.")
    text = client.get(item.get_absolute_url()).text
    assert '<meta property="og:type" content="article">' in text
    assert '<meta property="og:title" content="Trois écoles reconstruites">' in text
    assert '<meta property="og:description" content="Un chantier achevé.">' in text


def test_news_with_image_gives_it_to_link_previews(client):
    item = NewsItemFactory(image=image_upload(), image_alt="Une école")
    text = client.get(item.get_absolute_url()).text
    image = f"https://portail.example.org{item.image_url}"
    assert f'<meta property="og:image" content="{image}">' in text


def test_communique_is_described_as_a_news_article(client):
    communique = CommuniqueFactory(title="Webinaire du 19 mai", issuer="MEAE/DAECT")
    (data,) = json_ld(client.get(communique.get_absolute_url()))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Webinaire du 19 mai"
    assert data["author"] == {"@type": "Organization", "name": "MEAE/DAECT"}
    assert data["datePublished"] == communique.published_at.isoformat()


def test_online_event_is_described_with_its_attendance_mode(client):
    event = EventFactory(place="", online_url="https://visio.example.org/salle")
    (data,) = json_ld(client.get(event.get_absolute_url()))
    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "https://visio.example.org/salle",
    }
    assert data["startDate"] == event.starts_at.isoformat()


def test_event_on_site_and_online_is_mixed(client):
    event = EventFactory(place="Lyon", online_url="https://visio.example.org/salle")
    (data,) = json_ld(client.get(event.get_absolute_url()))
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {"@type": "Place", "name": "Lyon", "address": "Lyon"} in data["location"]


def test_json_ld_cannot_be_closed_by_a_title(client):
    communique = CommuniqueFactory(title="</script><script>alert(1)</script>")
    response = client.get(communique.get_absolute_url())
    (data,) = json_ld(response)
    assert data["headline"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in response.text


def test_unknown_page_is_a_french_404_in_the_site_layout(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text
    assert 'lang="fr"' in response.text and 'href="/communiques/"' in response.text


def test_500_page_renders_in_french_without_touching_the_database(rf):
    with CaptureQueriesContext(connection) as queries:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Le portail rencontre un problème" in response.content.decode()
    assert len(queries) == 0


def test_public_pages_forbid_inline_and_third_party_scripts(client):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/"])
def test_the_admin_forbids_third_party_and_inline_scripts_too(superuser_client, path):
    # Only styles may be inline there (the rich-text editor sets them).
    policy = superuser_client.get(path)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    assert directives["frame-ancestors"] == "'none'"
