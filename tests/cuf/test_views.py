import re

import pytest
from django.utils import timezone

from cuf import content_types
from cuf.publishing.rule import Status
from cuf.themes.models import Theme
from resources.models import Resource
from tests.factories import (
    CommuniqueFactory,
    EventFactory,
    NewsItemFactory,
    ResourceFactory,
    ThemeFactory,
    every_type_factory,
)
from tests.files import image_upload
from tests.helpers import assert_in_order, days_from_now, main_text, published_days_ago, titles_on

pytestmark = pytest.mark.django_db

# Home: the latest communiqués, the next events, the latest news, and the four doors'
# counts; one query each, whatever the amount of content.
HOME_MAX_QUERIES = 4
# Themes with published content and their counts, in one query.
THEME_LIST_MAX_QUERIES = 1
# A theme page: the theme, the count of its published items, and one page of them (one
# UNION over the four content types).
THEME_DETAIL_MAX_QUERIES = 3

FACTORIES = every_type_factory()


def one_of_each_type(*, prefix: str, **fields):
    return [
        factory(title=f"{prefix} {factory._meta.model._meta.verbose_name}", **fields)
        for factory in FACTORIES
    ]


def unpublished_of_each_type(themes=()):
    for factory in FACTORIES:
        name = factory._meta.model.__name__
        factory(title=f"Brouillon {name}", draft=True, themes=themes)
        factory(title=f"Futur {name}", scheduled=True, themes=themes)


def theme_count_on_page(text: str, name: str) -> int:
    match = re.search(rf">{re.escape(name)}</a>\s*<span class=\"count\">\((\d+) contenu", text)
    assert match, f"theme {name!r} is not listed"
    return int(match.group(1))


# Home


def test_home_shows_latest_communiques_next_events_latest_news_and_doors(client):
    CommuniqueFactory(title="Communiqué récent")
    EventFactory(title="Rencontre à venir", starts_at=days_from_now(3))
    EventFactory(title="Rencontre passée", starts_at=days_from_now(-3))
    NewsItemFactory(title="Nouvelle récente", image=image_upload(), image_alt="Une salle")
    ResourceFactory(kind=Resource.Kind.VIDEO)
    response = client.get("/")
    assert response.status_code == 200
    for title in ("Communiqué récent", "Rencontre à venir", "Nouvelle récente"):
        assert title in response.text
    assert "Rencontre passée" not in response.text
    assert 'Vidéo <span class="count">(1)</span>' in response.text
    assert 'Texte <span class="count">(0)</span>' in response.text


def test_home_shows_the_five_newest_communiques_newest_first(client):
    titles = [f"Communiqué daté {n}" for n in range(7)]
    for title, when in zip(titles, published_days_ago(7), strict=True):
        CommuniqueFactory(title=title, published_at=when)
    text = main_text(client.get("/"))
    assert titles_on(text, titles) == titles[:5]
    assert_in_order(text, titles[:5])


def test_home_shows_the_three_soonest_upcoming_events(client):
    titles = [f"Rencontre dans {n} jours" for n in range(2, 7)]
    for n, title in enumerate(titles):
        EventFactory(title=title, starts_at=days_from_now(n + 2))
    text = client.get("/").text
    assert titles_on(text, titles) == titles[:3]
    assert_in_order(text, titles[:3])


def test_home_never_shows_drafts_or_scheduled_items(client, staff_client):
    unpublished_of_each_type()
    for visitor in (client, staff_client):
        text = visitor.get("/").text
        assert "Brouillon" not in text
        assert "Futur" not in text
        assert 'Vidéo <span class="count">(0)</span>' in text  # neither is counted


def test_home_with_no_content_still_answers(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Aucun communiqué pour l’instant." in response.text


@pytest.mark.parametrize("count", [3, 25])
def test_home_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    themes = ThemeFactory.create_batch(2)
    for n, when in enumerate(published_days_ago(count)):
        CommuniqueFactory(published_at=when, themes=themes)
        EventFactory(published_at=when, starts_at=days_from_now(n + 1), themes=themes)
        NewsItemFactory(published_at=when, themes=themes)
        ResourceFactory(published_at=when, themes=themes)
    with django_assert_max_num_queries(HOME_MAX_QUERIES):
        response = client.get("/")
    assert response.status_code == 200


# Theme list


def test_theme_list_shows_themes_with_published_content_and_their_counts(client):
    haiti = ThemeFactory(name="Haïti", kind=Theme.Kind.PLACE)
    covid = ThemeFactory(name="COVID-19", kind=Theme.Kind.TOPIC)
    ThemeFactory(name="Thème vide")
    only_drafts = ThemeFactory(name="Thème en attente")
    one_of_each_type(prefix="Haïti", themes=[haiti])
    CommuniqueFactory(themes=[covid, haiti])
    unpublished_of_each_type(themes=[haiti, only_drafts])
    response = client.get("/themes/")
    assert response.status_code == 200
    text = main_text(response)
    # One item of each type, and the communiqué also on COVID-19.
    on_haiti = len(FACTORIES) + 1
    assert theme_count_on_page(text, "Haïti") == on_haiti
    assert theme_count_on_page(text, "COVID-19") == 1
    assert "1 contenu)" in text and f"{on_haiti} contenus)" in text
    assert "Thème vide" not in text
    assert "Thème en attente" not in text
    sections = {
        heading: section
        for section in re.findall(r"<section\b.*?</section>", text, re.S)
        for heading in re.findall(r"<h2>(.*?)</h2>", section)
    }
    assert "Haïti" in sections["Pays / région"] and "COVID-19" not in sections["Pays / région"]
    assert "COVID-19" in sections["Thématique"] and "Haïti" not in sections["Thématique"]
    assert f'href="{haiti.get_absolute_url()}"' in text


@pytest.mark.parametrize("count", [3, 25])
def test_theme_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    themes = ThemeFactory.create_batch(count)
    for theme in themes:
        CommuniqueFactory(themes=[theme])
        EventFactory(themes=[theme])
    with django_assert_max_num_queries(THEME_LIST_MAX_QUERIES):
        response = client.get("/themes/")
    assert response.status_code == 200


# Theme detail


def iso(moment) -> str:
    return timezone.localtime(moment).isoformat()


def dated(factory, when, **fields):
    """An item of ``factory``'s type showing ``when`` in lists (its registry's date)."""
    shown = content_types.for_model(factory._meta.model).shown_date
    return factory(**{"published_at": when, shown: when, **fields})


def test_theme_page_lists_published_items_of_all_types_newest_first(client):
    jeunesse = ThemeFactory(name="Jeunesse", description="Volontariat et mobilité des jeunes.")
    items = [
        dated(factory, when, title=f"{factory._meta.model.__name__} jeunesse", themes=[jeunesse])
        for factory, when in zip(FACTORIES, published_days_ago(len(FACTORIES)), strict=True)
    ]
    ResourceFactory(title="Vidéo sur un autre thème", themes=[ThemeFactory()])
    unpublished_of_each_type(themes=[jeunesse])
    response = client.get(jeunesse.get_absolute_url())
    assert response.status_code == 200
    text = main_text(response)
    assert "Volontariat et mobilité des jeunes." in text
    assert_in_order(text, [item.title for item in items])
    for item in items:
        assert f'href="{item.get_absolute_url()}"' in text
        assert f"{content_types.for_model(item).label} ·" in text
    assert "Vidéo sur un autre thème" not in text
    assert "Brouillon" not in text
    assert "Futur" not in text


def test_theme_page_is_paginated_by_twenty(client):
    theme = ThemeFactory()
    titles = [f"Contenu daté {n:02d}" for n in range(25)]
    for n, (title, when) in enumerate(zip(titles, published_days_ago(25), strict=True)):
        dated(FACTORIES[n % len(FACTORIES)], when, title=title, themes=[theme])
    first = client.get(theme.get_absolute_url())
    second = client.get(theme.get_absolute_url(), {"page": 2})
    assert second.status_code == 200
    assert titles_on(main_text(first), titles) == titles[:20]
    assert titles_on(main_text(second), titles) == titles[20:]


def test_theme_page_sorts_by_the_date_it_shows_an_event_s_start_not_its_publication(client):
    sahel = ThemeFactory(name="Sahel")
    forum = EventFactory(
        title="Forum à venir",
        published_at=days_from_now(-60),
        starts_at=days_from_now(10).replace(hour=10, minute=0),
        themes=[sahel],
    )
    communique = CommuniqueFactory(
        title="Communiqué d’hier", published_at=days_from_now(-1), themes=[sahel]
    )
    atelier = EventFactory(
        title="Atelier passé",
        published_at=days_from_now(-1.1),
        starts_at=days_from_now(-30).replace(hour=10, minute=0),
        themes=[sahel],
    )
    text = main_text(client.get(sahel.get_absolute_url()))
    assert_in_order(text, ["Forum à venir", "Communiqué d’hier", "Atelier passé"])
    # Each shows the date it is sorted by.
    assert_in_order(
        text,
        [
            f'Événement · le <time datetime="{iso(forum.starts_at)}">',
            f'Communiqué · publié le <time datetime="{iso(communique.published_at)}">',
            f'Événement · le <time datetime="{iso(atelier.starts_at)}">',
        ],
    )


def test_theme_page_without_published_content_says_so(client):
    theme = ThemeFactory()
    CommuniqueFactory(themes=[theme], status=Status.DRAFT)
    response = client.get(theme.get_absolute_url())
    assert response.status_code == 200
    assert "Aucun contenu publié sur ce thème" in response.text


def test_unknown_theme_page_is_404(client):
    assert client.get("/themes/theme-inconnu/").status_code == 404


@pytest.mark.parametrize("count", [3, 25])
def test_theme_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    theme = ThemeFactory()
    for n, when in enumerate(published_days_ago(count)):
        FACTORIES[n % len(FACTORIES)](published_at=when, themes=[theme, ThemeFactory()])
    with django_assert_max_num_queries(THEME_DETAIL_MAX_QUERIES):
        response = client.get(theme.get_absolute_url())
    assert response.status_code == 200


# Editor upload endpoint


def test_editor_upload_endpoint_refuses_staff_who_cannot_edit_content(staff_client):
    # Uploading now exists (tests/cuf/test_editor_images.py); staff without the right to
    # edit content are still refused.
    response = staff_client.post("/admin/editeur/envoi/")
    assert response.status_code == 403
    assert "pas le droit" in response.json()["error"]["message"]
