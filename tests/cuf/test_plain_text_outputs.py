"""Rich text read as plain text (feeds, calendars, JSON-LD, meta descriptions): what the
reader sees is the text of the page, not its HTML source.

CKEditor and text pasted from a word processor put non-breaking spaces before « : » and
inside « guillemets »; the sanitiser writes them, like « & », as HTML entities.
"""

import html
import json
import re

import feedparser
import pytest
from icalendar import Calendar

from tests.factories import CommuniqueFactory, EventFactory, NewsItemFactory, ResourceFactory

pytestmark = pytest.mark.django_db

BODY = (
    "<p>Coopération\u00a0: élus &amp; ONG, «\u00a0ensemble\u00a0».</p>"
    "<p>Deuxième paragraphe.</p><ul><li>Un</li><li>Deux</li></ul>"
)


def _assert_plain(text: str) -> None:
    assert "&nbsp;" not in text and "&amp;" not in text, text
    # (Cutting to a number of words may turn a non-breaking space into a plain one.)
    assert "élus & ONG, « ensemble »." in text.replace("\u00a0", " "), text
    # One paragraph does not run into the next.
    assert "». Deuxième" in text and "UnDeux" not in text, text


@pytest.mark.parametrize("flavour", ["rss", "atom"])
@pytest.mark.parametrize(
    ("section", "factory", "field"),
    [
        ("/communiques/", CommuniqueFactory, "body"),
        ("/agenda/", EventFactory, "body"),
        ("/ressources/", ResourceFactory, "description"),
    ],
)
def test_feed_descriptions_read_as_the_page_text(client, section, factory, field, flavour):
    factory(**{field: BODY})
    feed = feedparser.parse(client.get(f"{section}{flavour}/").content)
    (entry,) = feed.entries
    # A reader shows the description as HTML: what it displays is the page's text.
    _assert_plain(html.unescape(entry.summary))


@pytest.mark.parametrize("flavour", ["rss", "atom"])
def test_text_that_looks_like_markup_stays_text_in_feed_readers(client, flavour):
    CommuniqueFactory(body="<p>Texte &lt;img src=x onerror=alert(1)&gt; fin</p>")
    NewsItemFactory(summary="Résumé <script>alert(2)</script>")
    for section in ("/communiques/", "/actualites/"):
        (entry,) = feedparser.parse(client.get(f"{section}{flavour}/").content).entries
        assert "<img" not in entry.summary and "<script" not in entry.summary
        assert "&lt;" in entry.summary


@pytest.mark.parametrize("address", ["/communiques/rss/", "/communiques/atom/", "/rss/"])
def test_control_characters_stored_anyway_never_break_a_feed(client, address):
    item = CommuniqueFactory(body="<p>ctl</p>")
    type(item).objects.filter(pk=item.pk).update(title="Ctrl\x01char\x1btitle")
    response = client.get(address)
    assert response.status_code == 200
    assert "Ctrlchartitle" in response.content.decode()


def test_calendar_description_reads_as_the_page_text(client):
    event = EventFactory(body=BODY)
    (vevent,) = Calendar.from_ical(client.get(f"/agenda/{event.slug}.ics").content).walk("VEVENT")
    _assert_plain(str(vevent["DESCRIPTION"]))


def item_json_ld(page: str) -> list[str]:
    """The page's JSON-LD blocks but its breadcrumbs."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return [block for block in blocks if json.loads(block).get("@type") != "BreadcrumbList"]


@pytest.mark.parametrize("factory", [CommuniqueFactory, EventFactory])
def test_json_ld_description_reads_as_the_page_text(client, factory):
    item = factory(body=BODY)
    page = client.get(item.get_absolute_url()).text
    (block,) = item_json_ld(page)
    _assert_plain(json.loads(block)["description"])


@pytest.mark.parametrize(
    ("factory", "field"),
    [(CommuniqueFactory, "body"), (EventFactory, "body"), (ResourceFactory, "description")],
)
def test_meta_descriptions_read_as_the_page_text(client, factory, field):
    item = factory(**{field: BODY})
    page = client.get(item.get_absolute_url()).text
    description = re.search(r'<meta name="description" content="([^"]*)">', page).group(1)
    og = re.search(r'<meta property="og:description" content="([^"]*)">', page).group(1)
    for content in (description, og):
        # Escaped once for the attribute: « & » is written &amp;, never &amp;amp;.
        assert "&amp;amp;" not in content and "&amp;nbsp;" not in content, content
        assert content.startswith("Coopération\u00a0: élus &amp; ONG"), content
        assert "». Deuxième" in content, content


def test_decoded_text_is_escaped_again_where_it_is_written(client):
    # « <script> » typed as text is stored as &lt;script&gt;: decoded to text, it must be
    # escaped again in the attribute and in the JSON-LD, never become markup.
    item = CommuniqueFactory(body="<p>Balise &lt;script&gt;alert(1)&lt;/script&gt; citée</p>")
    page = client.get(item.get_absolute_url()).text
    assert "<script>alert(1)" not in page
    assert 'content="Balise &lt;script&gt;alert(1)&lt;/script&gt; citée"' in page
    (block,) = item_json_ld(page)
    assert json.loads(block)["description"] == "Balise <script>alert(1)</script> citée"
