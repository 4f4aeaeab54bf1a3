import datetime
import zoneinfo

import pytest

from cuf.models import Status
from tests.factories import (
    CommuniqueFactory,
    EventFactory,
    ResourceFactory,
    ThemeFactory,
    days_from_now,
)
from tests.helpers import (
    MAY_12_2020,
    UNKNOWN_THEME,
    assert_in_order,
    main_text,
    related_block,
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


def test_agenda_is_paginated_by_twenty(client):
    titles = [f"Rencontre numérotée {n:02d}" for n in range(25)]
    for n, title in enumerate(titles):
        EventFactory(title=title, starts_at=days_from_now(n + 1))
    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": 2})
    assert second.status_code == 200
    assert titles_on(main_text(first), titles) == titles[:20]
    assert titles_on(main_text(second), titles) == titles[20:]


def test_agenda_past_period_page_two_works(client):
    titles = [f"Rencontre passée {n:02d}" for n in range(22)]
    for n, title in enumerate(titles):
        EventFactory(title=title, starts_at=days_from_now(-(n + 2)))
    response = client.get(LIST_URL, {"periode": "passes", "page": 2})
    assert response.status_code == 200
    assert titles_on(main_text(response), titles) == titles[20:]
    assert_in_order(main_text(response), titles[20:])


def test_agenda_never_shows_drafts_or_scheduled_events(client, staff_client):
    EventFactory(title="Rencontre publiée")
    EventFactory(title="Rencontre en brouillon", status=Status.DRAFT)
    EventFactory(title="Rencontre programmée", published_at=days_from_now(1))
    for visitor in (client, staff_client):
        text = visitor.get(LIST_URL).text
        assert "Rencontre publiée" in text
        assert "Rencontre en brouillon" not in text
        assert "Rencontre programmée" not in text


def test_agenda_narrowed_to_one_theme(client):
    sahel = ThemeFactory(name="Sahel", slug="sahel")
    EventFactory(title="Atelier Sahel", themes=[sahel])
    EventFactory(title="Atelier ailleurs", themes=[ThemeFactory()])
    response = client.get(LIST_URL, {"theme": "sahel"})
    assert response.status_code == 200
    assert "Atelier Sahel" in response.text
    assert "Atelier ailleurs" not in response.text


def test_agenda_with_unknown_theme_is_404(client):
    assert client.get(LIST_URL, {"theme": UNKNOWN_THEME}).status_code == 404


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
        members_only=True,
        published_at=MAY_12_2020,
    )
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Du 18/11/2024 au 21/11/2024" in response.text
    assert "Lyon, Hôtel de Région" in response.text
    assert "Réservé aux adhérents" in response.text
    assert "Publié le" in response.text and "12 mai 2020" in response.text


def test_one_day_event_shows_its_french_day_and_times(client):
    event = EventFactory(
        starts_at=datetime.datetime(2020, 5, 7, 15, tzinfo=PARIS),
        ends_at=datetime.datetime(2020, 5, 7, 17, 30, tzinfo=PARIS),
    )
    response = client.get(event.get_absolute_url())
    assert "Le jeudi 7 mai 2020, de 15 h à 17 h 30" in response.text


def test_online_event_offers_its_connection_link(client):
    event = EventFactory(place="", online_url="https://visio.example.org/cafe")
    response = client.get(event.get_absolute_url())
    assert 'href="https://visio.example.org/cafe"' in response.text
    assert "Lien de connexion" in response.text


@pytest.mark.parametrize("status,days", [(Status.DRAFT, -1), (Status.PUBLISHED, 1)])
def test_unpublished_event_is_404_for_anonymous_and_non_staff(
    client, django_user_model, status, days
):
    event = EventFactory(status=status, published_at=days_from_now(days))
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(django_user_model.objects.create_user(username="adherent"))
    assert client.get(event.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "status,days,banner",
    [(Status.DRAFT, -1, "Brouillon"), (Status.PUBLISHED, 1, "Programmé")],
)
def test_unpublished_event_is_previewed_by_staff_with_a_banner(staff_client, status, days, banner):
    event = EventFactory(
        title="Rencontre en préparation", status=status, published_at=days_from_now(days)
    )
    response = staff_client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Rencontre en préparation" in response.text
    assert banner in main_text(response)


def test_event_related_block_shows_the_previous_and_next_items_on_its_theme(client):
    # Intended change: the neighbours on each theme, no longer the six newest items.
    japon = ThemeFactory(name="Japon")
    CommuniqueFactory(title="Communiqué Japon", themes=[japon], published_at=days_from_now(-6))
    event = EventFactory(title="Rencontre lue", themes=[japon], published_at=days_from_now(-4))
    CommuniqueFactory(
        title="Communiqué Japon brouillon",
        themes=[japon],
        status=Status.DRAFT,
        published_at=days_from_now(-3),
    )
    ResourceFactory(title="Vidéo Japon", themes=[japon], published_at=days_from_now(-2))
    block = related_block(client.get(event.get_absolute_url()))
    assert_in_order(block, ["Communiqué Japon", "Vidéo Japon"])
    assert "Rencontre lue" not in block
    assert "brouillon" not in block


def test_hostile_event_description_is_rendered_without_script(client):
    event = EventFactory(body='<p>Programme</p><script>alert(1)</script><b onclick="x()">b</b>')
    response = client.get(event.get_absolute_url())
    assert "Programme" in response.text
    # The body only: every page loads the portal’s own script files.
    assert "<script" not in main_text(response)
    assert "onclick" not in response.text


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
    EventFactory(title="Sur place", place="Lyon", online_url="", members_only=False)
    EventFactory(title="En ligne", place="", online_url="https://visio.example.org/r")
    EventFactory(title="Adhérents", place="Paris", members_only=True)
    EventFactory(
        title="Journée entière",
        all_day=True,
        starts_at=datetime.datetime(2099, 6, 4, 0, 0, tzinfo=PARIS),
        ends_at=datetime.datetime(2099, 6, 4, 23, 59, 59, tzinfo=PARIS),
    )
    text = main_text(client.get(LIST_URL))
    assert "Sur place : Lyon" in text
    assert '<li class="badge badge--online">En ligne</li>' in text
    assert '<li class="badge badge--members">Réservé aux adhérents</li>' in text
    assert "Le jeudi 4 juin 2099</time> · toute la journée" in text
