"""Theme pages and "Sur ces thèmes" read the theme links' copies of their items
(cuf.themes.links, cuf.themes.selectors): every write of an item shows there at once, and
both take two queries."""

import datetime

import pytest
from django.utils import timezone

from cuf.publishing.services import item_unpublish
from cuf.themes.links import refresh_links
from cuf.themes.models import ThemedItem
from cuf.themes.selectors import theme_neighbours
from tests.factories import CommuniqueFactory, EventFactory, NewsItemFactory, ThemeFactory
from tests.helpers import days_from_now, main_text, published_days_ago, related_block


@pytest.mark.django_db
def test_an_edited_title_shows_on_the_theme_page_and_its_neighbours_at_once(client):
    theme = ThemeFactory()
    older, newer = published_days_ago(2)[::-1]
    item = CommuniqueFactory(title="Titre d’origine", published_at=older, themes=[theme])
    neighbour = NewsItemFactory(published_at=newer, themes=[theme])

    item.title = "Titre corrigé"
    item.save()

    page = main_text(client.get(theme.get_absolute_url()))
    assert "Titre corrigé" in page and "Titre d’origine" not in page
    assert "Titre corrigé" in related_block(client.get(neighbour.get_absolute_url()))


@pytest.mark.django_db
def test_an_unpublished_item_leaves_the_theme_page_and_its_neighbours(client):
    theme = ThemeFactory()
    older, newer = published_days_ago(2)[::-1]
    item = EventFactory(title="Rencontre retirée", published_at=older, themes=[theme])
    neighbour = CommuniqueFactory(published_at=newer, themes=[theme])

    item_unpublish(item=item)

    assert "Rencontre retirée" not in client.get(theme.get_absolute_url()).text
    assert "Rencontre retirée" not in related_block(client.get(neighbour.get_absolute_url()))


@pytest.mark.django_db
def test_a_scheduled_item_joins_its_theme_at_its_time(client, monkeypatch):
    theme = ThemeFactory()
    at = days_from_now(1)
    CommuniqueFactory(title="Annonce du lendemain", published_at=at, themes=[theme])
    assert "Annonce du lendemain" not in client.get(theme.get_absolute_url()).text

    monkeypatch.setattr(timezone, "now", lambda: at + datetime.timedelta(seconds=1))
    assert "Annonce du lendemain" in client.get(theme.get_absolute_url()).text


@pytest.mark.django_db
def test_links_written_without_signals_are_brought_up_to_date_by_refresh_links(client):
    theme = ThemeFactory()
    item = NewsItemFactory(title="Avant la mise à jour", themes=[theme])
    type(item).objects.filter(pk=item.pk).update(title="Après la mise à jour")
    assert "Après la mise à jour" not in client.get(theme.get_absolute_url()).text

    assert refresh_links() == ThemedItem.objects.count()
    assert "Après la mise à jour" in client.get(theme.get_absolute_url()).text


@pytest.mark.django_db
def test_a_link_copies_its_item_whatever_it_is_given():
    theme = ThemeFactory()
    item = CommuniqueFactory(title="Le vrai titre", draft=True)
    ThemedItem.objects.create(
        content_object=item, tag=theme, title="Un autre titre", status="published"
    )
    link = ThemedItem.objects.get(object_id=item.pk, tag=theme)
    assert (link.title, link.status) == ("Le vrai titre", "draft")


@pytest.mark.django_db
def test_neighbours_on_every_theme_take_two_queries(django_assert_num_queries):
    themes = ThemeFactory.create_batch(4)
    dates = published_days_ago(9)
    item = CommuniqueFactory(published_at=dates[4], themes=themes)
    for index, theme in enumerate(themes):
        NewsItemFactory(published_at=dates[index], themes=[theme])
        # An event is placed by the date it shows, its start, whenever it was published.
        EventFactory(published_at=dates[0], starts_at=dates[8 - index], themes=[theme])

    with django_assert_num_queries(2):
        groups = theme_neighbours(item, themes)

    assert [group.theme for group in groups] == themes
    assert all(group.previous and group.next for group in groups)
    # Before the communiqué: each event (shown at its start, published after it).
    assert all(group.previous.shown_at < item.published_at for group in groups)
    assert all(group.previous.published_at > item.published_at for group in groups)
    assert all(group.next.published_at > item.published_at for group in groups)
