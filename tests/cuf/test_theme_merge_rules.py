"""Merging themes as a rule: every item of every type keeps exactly the themes it should.

An item tagged with a merged theme ends up on the target (once), whatever else it has;
an item on none of them keeps its themes untouched. Tried on every combination of themes,
for several items of every registered type at once, some already on the target.
"""

from itertools import chain, combinations

import pytest
from django.contrib.contenttypes.models import ContentType

from cuf.themes.models import Theme, ThemedItem
from cuf.themes.services import theme_merge, theme_rename
from tests.factories import FACTORIES, ThemeFactory

pytestmark = pytest.mark.django_db


def every_subset(themes):
    return chain.from_iterable(combinations(themes, size) for size in range(len(themes) + 1))


def expected_themes(before: set[Theme], *, sources: set[Theme], target: Theme) -> set[Theme]:
    if before & (sources | {target}):
        return (before - sources) | {target}
    return before


def themes_of(item) -> set[Theme]:
    return set(type(item).objects.get(pk=item.pk).themes.all())


@pytest.fixture
def vocabulary():
    return {name: ThemeFactory(name=name) for name in ("Coronavirus", "Covid", "COVID-19", "Sahel")}


@pytest.fixture
def items(vocabulary):
    """One item of each type for every combination of the four themes (16 per type)."""
    return [
        (factory_class(themes=list(themes)), set(themes))
        for factory_class in FACTORIES.values()
        for themes in every_subset(list(vocabulary.values()))
    ]


def test_merging_two_themes_leaves_every_item_of_every_type_with_exactly_the_right_themes(
    vocabulary, items
):
    sources = {vocabulary["Coronavirus"], vocabulary["Covid"]}
    target = vocabulary["COVID-19"]

    moved = theme_merge(sources=sources, target=target)

    wrong = {
        f"{item._meta.label} « {item.title} »": (themes_of(item), expected)
        for item, before in items
        if themes_of(item) != (expected := expected_themes(before, sources=sources, target=target))
    }
    assert wrong == {}
    assert moved == sum(1 for _, before in items if before & sources and target not in before)
    assert not Theme.objects.filter(pk__in=[source.pk for source in sources]).exists()


def test_merging_keeps_every_link_already_on_the_target_and_adds_each_once(vocabulary, items):
    target = vocabulary["COVID-19"]
    sources = [vocabulary["Coronavirus"], vocabulary["Covid"]]
    on_target_before = {(type(item), item.pk) for item, before in items if target in before}

    theme_merge(sources=sources, target=target)

    rows = ThemedItem.objects.filter(tag=target)
    on_target_after = {
        (ContentType.objects.get_for_id(row.content_type_id).model_class(), row.object_id)
        for row in rows
    }
    assert on_target_before <= on_target_after
    assert rows.count() == len(on_target_after)  # never two rows for one item
    # Each row still carries its own item's title (theme pages show and sort by it).
    titles = {(type(item), item.pk): item.title for item, _ in items}
    assert all(
        row.title
        == titles[ContentType.objects.get_for_id(row.content_type_id).model_class(), row.object_id]
        for row in rows
    )


@pytest.mark.parametrize("source_name", ["Coronavirus", "Sahel"])
def test_merging_one_theme_changes_no_item_that_never_had_it(vocabulary, items, source_name):
    source, target = vocabulary[source_name], vocabulary["COVID-19"]

    theme_merge(sources=[source], target=target)

    for item, before in items:
        if source not in before:
            assert themes_of(item) == before, item
        else:
            assert themes_of(item) == (before - {source}) | {target}, item


def test_every_address_a_merged_theme_ever_had_leads_to_the_theme_it_was_merged_into(client):
    covid, sante, sahel = (
        ThemeFactory(name="Covid"),
        ThemeFactory(name="Santé"),
        ThemeFactory(name="Sahel"),
    )
    addresses = {covid: [covid.get_absolute_url()], sante: [sante.get_absolute_url()]}
    for name in ("Coronavirus", "COVID-19"):
        theme_rename(theme=covid, name=name)
        addresses[covid].append(covid.get_absolute_url())
    theme_rename(theme=sante, name="Santé publique")
    addresses[sante].append(sante.get_absolute_url())

    theme_merge(sources=[covid], target=sante)
    theme_merge(sources=[sante], target=sahel)

    for address in addresses[covid] + addresses[sante]:
        response = client.get(address)
        assert (response.status_code, response.get("Location")) == (301, sahel.get_absolute_url())
    assert client.get(sahel.get_absolute_url()).status_code == 200
