import datetime
import html
import re
import zoneinfo

import pytest
from django.utils import timezone

from cuf.publishing.rule import Status
from cuf.templatetags.cuf_tags import long_date
from tests.factories import CommuniqueFactory, EventFactory, ThemeFactory
from tests.helpers import (
    assert_in_order,
    days_from_now,
    main_text,
    titles_on,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/agenda/"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# Queries of the agenda, upcoming or past, whatever the number of events: the page's rows,
# their count for the paginator, the themes of the whole page in one prefetch, and the
# themes offered by the filter form (intended change: 3 before the form).
LIST_MAX_QUERIES = 4


# List


def test_agenda_lists_upcoming_events_soonest_first(client):
    EventFactory(title="Rencontre lointaine", starts_at=days_from_now(30))
    EventFactory(title="Rencontre proche", starts_at=days_from_now(2))
    EventFactory(title="Rencontre moyenne", starts_at=days_from_now(10))
    EventFactory(title="Rencontre passée", starts_at=days_from_now(-10))
    response = client.get(LIST_URL)
    assert response.status_code == 200
    text = main_text(response)
    assert_in_order(text, ["Rencontre proche", "Rencontre moyenne", "Rencontre lointaine"])
    assert "Rencontre passée" not in text
    assert "Voir les événements passés" in text


def test_agenda_past_period_lists_past_events_latest_first(client):
    EventFactory(title="Rencontre très ancienne", starts_at=days_from_now(-100))
    EventFactory(title="Rencontre récente", starts_at=days_from_now(-3))
    EventFactory(title="Rencontre ancienne", starts_at=days_from_now(-30))
    EventFactory(title="Rencontre à venir", starts_at=days_from_now(5))
    response = client.get(LIST_URL, {"periode": "passes"})
    assert response.status_code == 200
    text = main_text(response)
    assert "Événements passés" in text
    assert_in_order(text, ["Rencontre récente", "Rencontre ancienne", "Rencontre très ancienne"])
    assert "Rencontre à venir" not in text


def test_event_running_today_is_still_upcoming(client):
    EventFactory(
        title="Salon en cours",
        starts_at=days_from_now(-2),
        ends_at=days_from_now(2),
    )
    assert "Salon en cours" in client.get(LIST_URL).text
    assert "Salon en cours" not in client.get(LIST_URL, {"periode": "passes"}).text


def test_agenda_past_period_page_two_works(client):
    titles = [f"Rencontre passée {n:02d}" for n in range(22)]
    for n, title in enumerate(titles):
        EventFactory(title=title, starts_at=days_from_now(-(n + 2)))
    response = client.get(LIST_URL, {"periode": "passes", "page": 2})
    assert response.status_code == 200
    assert titles_on(main_text(response), titles) == titles[20:]
    assert_in_order(main_text(response), titles[20:])


@pytest.mark.parametrize("periode", ["", "passes"])
@pytest.mark.parametrize("count", [3, 25])
def test_agenda_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count, periode
):
    themes = ThemeFactory.create_batch(2)
    sign = -1 if periode else 1
    titles = [f"Rencontre numérotée {n:02d}" for n in range(count)]
    for n, title in enumerate(titles):
        EventFactory(title=title, starts_at=days_from_now(sign * (n + 2)), themes=themes)
    with django_assert_max_num_queries(LIST_MAX_QUERIES):
        response = client.get(LIST_URL, {"periode": periode})
    assert titles_on(main_text(response), titles) == titles[:20]


# Detail


def test_event_page_shows_its_dates_and_practical_details(client):
    event = EventFactory(
        title="Rencontres franco-japonaises",
        starts_at=datetime.datetime(2024, 11, 18, 9, tzinfo=PARIS),
        ends_at=datetime.datetime(2024, 11, 21, 18, tzinfo=PARIS),
        place="Lyon, Hôtel de Région",
        organiser="CUF",
    )
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Du lundi 18 novembre à 9\u00a0h au jeudi 21 novembre 2024 à 18\u00a0h" in response.text
    assert "Lyon, Hôtel de Région" in response.text


def test_reserved_event_page_is_a_teaser_for_visitors_that_says_when(client):
    event = EventFactory(
        title="Réunion des adhérents",
        place="Lyon, Hôtel de Région",
        access="members",
        starts_at=datetime.datetime(2027, 3, 3, 14, tzinfo=PARIS),
        ends_at=datetime.datetime(2027, 3, 3, 16, tzinfo=PARIS),
    )
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Réservé aux adhérents" in response.text
    assert "Réunion des adhérents" in response.text
    assert "Lyon, Hôtel de Région" not in response.text
    # When it takes place, as its card in the agenda says it (members keep the day free).
    assert "Le mercredi 3 mars 2027, de 14\u00a0h à 16\u00a0h" in response.text


def test_one_day_event_shows_its_french_day_and_times(client):
    event = EventFactory(
        starts_at=datetime.datetime(2020, 5, 7, 15, tzinfo=PARIS),
        ends_at=datetime.datetime(2020, 5, 7, 17, 30, tzinfo=PARIS),
    )
    response = client.get(event.get_absolute_url())
    assert "Le jeudi 7 mai 2020, de 15\u00a0h à 17\u00a0h\u00a030" in response.text


def test_online_event_offers_its_connection_link(client):
    event = EventFactory(place="", online_url="https://visio.example.org/cafe")
    response = client.get(event.get_absolute_url())
    assert 'href="https://visio.example.org/cafe"' in response.text
    assert "Lien de connexion" in response.text


# Months, filter and badges


def test_upcoming_events_are_grouped_under_a_heading_per_month(client):
    EventFactory(
        title="Rencontre de décembre", starts_at=datetime.datetime(2099, 12, 3, 10, tzinfo=PARIS)
    )
    EventFactory(
        title="Autre de décembre", starts_at=datetime.datetime(2099, 12, 20, 10, tzinfo=PARIS)
    )
    EventFactory(
        title="Rencontre de janvier", starts_at=datetime.datetime(2100, 1, 8, 10, tzinfo=PARIS)
    )
    text = main_text(client.get(LIST_URL))
    assert text.count("<h2") == 2
    assert_in_order(
        text,
        [
            ">décembre 2099</h2>",
            "Rencontre de décembre",
            "Autre de décembre",
            ">janvier 2100</h2>",
            "Rencontre de janvier",
        ],
    )
    assert '<h3><a href="' in text  # event titles sit under their month


def test_month_heading_uses_the_paris_date(client):
    # 23:30 UTC on 31 December is already 1 January in Paris.
    EventFactory(starts_at=datetime.datetime(2099, 12, 31, 23, 30, tzinfo=datetime.UTC))
    assert ">janvier 2100</h2>" in main_text(client.get(LIST_URL))


def test_theme_filter_form_offers_the_themes_of_published_events(client):
    haiti = ThemeFactory(name="Haïti", slug="haiti")
    ThemeFactory(name="Thème sans événement")
    draft_only = ThemeFactory(name="Thème des brouillons")
    EventFactory(themes=[haiti])
    EventFactory(themes=[draft_only], status=Status.DRAFT)
    CommuniqueFactory(themes=[ThemeFactory(name="Thème des communiqués")])
    text = main_text(client.get(LIST_URL, {"theme": "haiti"}))
    assert '<label for="agenda-theme">Thème</label>' in text
    assert '<select id="agenda-theme" name="theme">' in text
    assert '<option value="">Tous les thèmes</option>' in text
    assert '<option value="haiti" selected>Haïti</option>' in text
    for absent in ("Thème sans événement", "Thème des brouillons", "Thème des communiqués"):
        assert absent not in text
    assert 'name="periode"' not in text


def test_theme_filter_keeps_the_past_period(client):
    EventFactory(themes=[ThemeFactory()], starts_at=days_from_now(-5))
    text = main_text(client.get(LIST_URL, {"periode": "passes"}))
    assert '<input type="hidden" name="periode" value="passes">' in text


def test_empty_theme_choice_lists_every_event(client):
    EventFactory(title="Rencontre quelconque")
    response = client.get(LIST_URL, {"theme": ""})
    assert response.status_code == 200
    assert "Rencontre quelconque" in response.text


def test_event_cards_say_in_words_where_and_for_whom(client):
    EventFactory(title="Sur place", place="Lyon", online_url="", access="public")
    EventFactory(title="En ligne", place="", online_url="https://visio.example.org/r")
    EventFactory(title="Adhérents", place="Paris", access="members")
    EventFactory(
        title="Journée entière",
        all_day=True,
        starts_at=datetime.datetime(2099, 6, 4, 0, 0, tzinfo=PARIS),
        ends_at=datetime.datetime(2099, 6, 4, 23, 59, 59, tzinfo=PARIS),
    )
    text = main_text(client.get(LIST_URL))
    assert "Sur place : Lyon" in text
    assert '<li class="badge badge--online">En ligne</li>' in text
    assert "Réservé aux adhérents</li>" in text
    assert "Le jeudi 4 juin 2099</time> · toute la journée" in text


def test_agenda_and_home_badges_read_1er_and_french_month_abbreviations(client):
    today = datetime.date.today()
    # The first of a month at least a month ahead, at 10 h in Paris.
    year, month = (today.year + 1, 1) if today.month >= 11 else (today.year, today.month + 2)
    first = datetime.datetime(year, month, 1, 10, tzinfo=PARIS)
    abbreviation = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août"]
    abbreviation += ["sept.", "oct.", "nov.", "déc."]
    EventFactory(title="Rencontre du premier", starts_at=first)
    badge = f'<span class="day">1er</span> <span class="month">{abbreviation[month - 1]}</span>'
    assert badge in client.get(LIST_URL).text
    assert badge in client.get("/").text


def test_an_all_day_event_over_several_days_reads_in_one_french_style_everywhere(client):
    # Every output that writes an event's dates for people goes through event_when.
    start = timezone.localtime(days_from_now(5)).replace(hour=0, minute=0, second=0)
    end = start + datetime.timedelta(days=3, hours=23, minutes=59)
    EventFactory(title="Salon des partenaires", starts_at=start, ends_at=end, all_day=True)
    first = long_date(start) if start.year != end.year else long_date(start).rsplit(" ", 1)[0]
    wanted = f"Du {first} au {long_date(end)}"
    numeric = re.compile(r"\d{2}/\d{2}/\d{4}")
    for address in ["/agenda/", "/agenda/salon-des-partenaires/", "/", "/agenda/rss/"]:
        text = html.unescape(client.get(address).content.decode())
        assert wanted in text, address
        assert not numeric.search(text), address
    feed = client.get("/agenda/abonnement/").content.decode()
    assert wanted in html.unescape(feed)


def test_a_reserved_events_card_keeps_where_it_takes_place_for_members(client, django_user_model):
    # Its page withholds where it takes place and its connection link from visitors: the
    # agenda's card must not say it either.
    from cuf.members.models import Member, MemberOrganisation

    EventFactory(
        title="Réunion des adhérents",
        place="Salle Zorglub",
        online_url="https://visio.example.org/r",
        access="members",
    )
    text = main_text(client.get(LIST_URL))
    assert "Réunion des adhérents" in text
    assert "Salle Zorglub" not in text
    assert "badge--online" not in text
    user = django_user_model.objects.create_user(username="m@example.org", password="x")
    organisation = MemberOrganisation.objects.create(name="Région Exemple", kind="region")
    Member.objects.create(user=user, organisation=organisation)
    client.force_login(user)
    text = main_text(client.get(LIST_URL))
    assert "Sur place : Salle Zorglub" in text
    assert '<li class="badge badge--online">En ligne</li>' in text


def test_only_an_event_still_to_come_offers_to_be_added_to_a_calendar(client):
    coming = EventFactory(title="Forum à venir", starts_at=days_from_now(3))
    today = EventFactory(title="Atelier du jour", starts_at=timezone.now())
    over = EventFactory(title="Forum passé", starts_at=days_from_now(-30))
    for event in (coming, today):
        page = client.get(event.get_absolute_url()).text
        assert "Ajouter cet événement à votre agenda" in page
    page = client.get(over.get_absolute_url()).text
    assert "Ajouter cet événement à votre agenda" not in page
    assert ">Google Agenda<" not in page
