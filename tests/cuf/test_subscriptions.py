"""Following the portal: each feed's French subscribe page (what a visitor who clicks
"flux RSS" reads) and real calendar subscriptions (webcal, Google Agenda, Outlook), read
back with the libraries feed readers and calendar applications are built on."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import feedparser
import icalendar
import pytest

from cuf import content_types
from tests.factories import EventFactory, ThemeFactory, factory_for
from tests.helpers import days_from_now, main_text

pytestmark = pytest.mark.django_db

TYPES = content_types.all_types()
SITE = "https://portail.example.org"  # SITE_URL in the test settings


def alternates(response) -> dict[str, str]:
    return dict(
        re.findall(
            r'<link rel="alternate" type="(application/(?:rss|atom)\+xml)"[^>]*href="([^"]+)"',
            response.text,
        )
    )


def subscribe_link(response) -> str:
    match = re.search(
        r'<p class="subscribe">S’abonner à [^:]*: <a href="([^"]+)">flux RSS', response.text
    )
    assert match, "no subscribe link"
    return match.group(1)


@pytest.mark.parametrize("config", TYPES, ids=[c.key for c in TYPES])
def test_every_sections_flux_rss_link_leads_to_a_french_page_that_lists_and_links_the_feed(
    client, config, django_assert_max_num_queries
):
    make = factory_for(config)
    make(title="Élément publié")
    make(title="Élément en brouillon", draft=True)
    page_url = f"{config.list_url}abonnement/"
    with django_assert_max_num_queries(8):
        response = client.get(page_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    text = main_text(response)
    assert f"<h1>S’abonner à la rubrique « {config.section_label} »</h1>" in text
    assert "Comment s’abonner" in text and "lecteur de flux" in text
    assert "Élément publié" in text and "Élément en brouillon" not in text
    # The feeds, for readers (in <head>) and for people to copy (absolute, SITE_URL).
    links = alternates(response)
    rss, atom = links["application/rss+xml"], links["application/atom+xml"]
    assert f"{SITE}{rss}" in text and f"{SITE}{atom}" in text
    # The feeds' own addresses still serve XML that a reader reads, with the same entries.
    for feed_url in (rss, atom):
        feed = client.get(feed_url)
        assert feed["Content-Type"].startswith(("application/rss+xml", "application/atom+xml"))
        parsed = feedparser.parse(feed.content)
        assert not parsed.bozo
        assert [entry.title for entry in parsed.entries] == ["Élément publié"]


@pytest.mark.parametrize(
    "config", [c for c in TYPES if c.key != "publications"], ids=lambda c: c.key
)
def test_the_visible_flux_rss_link_of_a_list_is_the_subscribe_page(client, config):
    response = client.get(config.list_url)
    assert subscribe_link(response) == f"{config.list_url}abonnement/"
    # Readers and browser extensions still discover the XML feeds from the list page.
    assert set(alternates(response).values()) >= {
        f"{config.list_url}rss/",
        f"{config.list_url}atom/",
    }


def test_a_theme_and_the_whole_portal_have_their_subscribe_pages(client):
    theme = ThemeFactory(name="Haïti")
    EventFactory(title="Assises sur Haïti", themes=[theme])
    response = client.get(theme.get_absolute_url())
    assert subscribe_link(response) == f"/themes/{theme.slug}/abonnement/"
    page = client.get(f"/themes/{theme.slug}/abonnement/")
    text = main_text(page)
    assert "S’abonner au thème « Haïti »" in text
    assert "Assises sur Haïti" in text
    assert alternates(page)["application/rss+xml"] == f"/themes/{theme.slug}/rss/"
    assert f"webcal://portail.example.org/themes/{theme.slug}/agenda.ics" in text
    whole = client.get("/abonnement/")
    assert "S’abonner à tout le portail" in main_text(whole)
    assert "Assises sur Haïti" in main_text(whole)


def test_unknown_subscribe_pages_are_404_and_a_renamed_themes_redirects(client):
    assert client.get("/inconnu/abonnement/").status_code == 404
    assert client.get("/themes/inconnu/abonnement/").status_code == 404
    from cuf.themes.services import theme_rename

    theme = ThemeFactory(name="Covid", slug="covid")
    theme_rename(theme=theme, name="COVID-19", slug="covid-19")
    response = client.get("/themes/covid/abonnement/")
    assert response.status_code == 301
    assert response["Location"] == "/themes/covid-19/abonnement/"


def test_abonnement_is_refused_as_an_items_slug():
    from django.core.exceptions import ValidationError

    item = factory_for(content_types.for_key("communiques")).build(slug="abonnement")
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "slug" in error.value.message_dict


# Calendars


def query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def calendar_links(response) -> dict[str, str]:
    block = re.search(r'<div class="calendar-subscribe">(.*?)</div>', response.text, re.S)
    assert block, "no calendar to subscribe to"
    links = {
        label: href.replace("&amp;", "&")
        for href, label in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', block.group(1))
    }
    return links


def assert_subscribable(client, links: dict[str, str], path: str, name_part: str):
    webcal = links["S’abonner depuis votre application d’agenda"]
    assert webcal == f"webcal://portail.example.org{path}"
    google = links["Ajouter à Google Agenda"]
    assert google.startswith("https://calendar.google.com/calendar/render?")
    assert query(google) == {"cid": webcal}
    outlook = links["Ajouter à Outlook"]
    assert outlook.startswith("https://outlook.live.com/calendar/0/addfromweb?")
    assert query(outlook)["url"] == f"{SITE}{path}"
    assert name_part in query(outlook)["name"]
    # What those applications fetch is a calendar, read by the library they are built on.
    calendar = icalendar.Calendar.from_ical(client.get(path).content)
    return [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]


def test_the_agenda_a_theme_and_an_event_offer_real_subscriptions(client):
    theme = ThemeFactory(name="Jeunesse")
    event = EventFactory(title="Forum jeunesse", themes=[theme], starts_at=days_from_now(10))
    EventFactory(title="Autre forum", starts_at=days_from_now(12))

    summaries = assert_subscribable(
        client, calendar_links(client.get("/agenda/")), "/agenda.ics", "Agenda"
    )
    assert summaries == ["Forum jeunesse", "Autre forum"]

    path = f"/themes/{theme.slug}/agenda.ics"
    for page in (theme.get_absolute_url(), f"/agenda/?theme={theme.slug}"):
        summaries = assert_subscribable(client, calendar_links(client.get(page)), path, "Jeunesse")
        assert summaries == ["Forum jeunesse"]

    response = client.get(event.get_absolute_url())
    assert_subscribable(client, calendar_links(response), "/agenda.ics", "Agenda")


def test_an_event_is_added_to_google_and_outlook_with_its_own_dates(client):
    timed = EventFactory(
        title="Webinaire",
        starts_at=days_from_now(3).replace(hour=9, minute=0, second=0, microsecond=0),
        ends_at=days_from_now(3).replace(hour=11, minute=0, second=0, microsecond=0),
        place="Lyon",
    )
    text = client.get(timed.get_absolute_url()).text.replace("&amp;", "&")
    google = re.search(r'href="(https://calendar\.google\.com[^"]+)"', text).group(1)
    fields = query(google)
    assert fields["action"] == "TEMPLATE" and fields["text"] == "Webinaire"
    start = timed.starts_at.astimezone(datetime.UTC)
    assert fields["dates"].startswith(start.strftime("%Y%m%dT%H%M%SZ") + "/")
    assert fields["location"] == "Lyon"
    assert fields["details"] == f"{SITE}{timed.get_absolute_url()}"
    outlook = re.search(r'href="(https://outlook\.live\.com/calendar/0/deeplink[^"]+)"', text)
    assert query(outlook.group(1))["subject"] == "Webinaire"
    assert query(outlook.group(1))["allday"] == "false"


def test_an_all_day_event_is_added_as_whole_days(client):
    starts = days_from_now(5)
    event = EventFactory(title="Assises", all_day=True, starts_at=starts, ends_at=days_from_now(7))
    text = client.get(event.get_absolute_url()).text.replace("&amp;", "&")
    google = query(re.search(r'href="(https://calendar\.google\.com[^"]+)"', text).group(1))
    first, last = google["dates"].split("/")
    assert len(first) == len(last) == 8  # dates, no times
    assert int(last) > int(first)


def test_an_online_event_is_added_to_google_and_outlook_with_its_connection_link(client):
    # As in its .ics file: without a place, the connection link is where it happens.
    event = EventFactory(
        title="Webinaire", place="", online_url="https://visio.example.org/salle-7"
    )
    text = client.get(event.get_absolute_url()).text.replace("&amp;", "&")
    google = re.search(r'href="(https://calendar\.google\.com/calendar/render\?action[^"]+)"', text)
    outlook = re.search(r'href="(https://outlook\.live\.com/calendar/0/deeplink[^"]+)"', text)
    assert query(google.group(1))["location"] == "https://visio.example.org/salle-7"
    assert query(outlook.group(1))["location"] == "https://visio.example.org/salle-7"
