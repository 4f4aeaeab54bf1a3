"""Search facets as a rule: whatever type, theme and year a visitor chooses, the results
listed are exactly the matching items that have all of them, and the count says so."""

import itertools

import pytest
from django.utils import timezone

from tests.factories import CommuniqueFactory, NewsItemFactory, ThemeFactory
from tests.search.conftest import result_titles

pytestmark = pytest.mark.django_db

KINDS = {"communiques": CommuniqueFactory, "actualites": NewsItemFactory}


def test_every_combination_of_facets_lists_exactly_the_items_having_them(committed, search_page):
    themes = {"sahel": ThemeFactory(name="Sahel"), "eau": ThemeFactory(name="Eau")}
    this_year = timezone.localdate().year
    years = [2019, 2020, this_year]
    items = []
    with committed():
        for number, (kind, year, theme) in enumerate(
            itertools.product(KINDS, years, [None, *themes])
        ):
            title = f"Forage {number}"
            published_at = timezone.now().replace(year=year) if year != this_year else None
            KINDS[kind](
                title=title,
                themes=[themes[theme]] if theme else [],
                **({"published_at": published_at} if published_at else {}),
            )
            items.append((title, kind, year, theme))
        CommuniqueFactory(title="Forage brouillon", draft=True, themes=[themes["sahel"]])

    for kind, year, theme in itertools.product([None, *KINDS], [None, *years], [None, *themes]):
        params = {"type": kind, "annee": year, "theme": theme}
        params = {name: value for name, value in params.items() if value is not None}
        expected = {
            title
            for title, item_kind, item_year, item_theme in items
            if kind in (None, item_kind)
            and year in (None, item_year)
            and theme in (None, item_theme)
        }
        response = search_page("forage", **params)
        assert set(result_titles(response)) == expected, params
        count = f"{len(expected)} résultat{'s' if len(expected) > 1 else ''} pour « forage »"
        assert count in response.text, params
