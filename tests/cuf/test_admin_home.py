"""The admin's home page: the signed-in person's drafts, what is scheduled, published
lately or ending soon, content without a theme, one-click "Ajouter"; sections in order."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cuf import content_types
from tests.factories import (
    CommuniqueFactory,
    EventFactory,
    NewsItemFactory,
    ResourceFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def _section(page: str, heading: str) -> str:
    match = re.search(rf"<h2>{heading}</h2>(.*?)</section>", page, re.S)
    assert match, heading
    return match.group(1)


def test_home_lists_my_drafts_scheduled_recent_and_ending_items(editor, editor_client):
    now = timezone.now()
    theme = ThemeFactory()
    CommuniqueFactory(title="Mon brouillon", draft=True, author=editor, themes=[theme])
    CommuniqueFactory(title="Brouillon d’un collègue", draft=True, themes=[theme])
    EventFactory(
        title="Rencontre programmée",
        published_at=now + timedelta(days=3),
        themes=[theme],
    )
    NewsItemFactory(title="Actualité récente", published_at=now - timedelta(days=2), themes=[theme])
    NewsItemFactory(
        title="Actualité ancienne", published_at=now - timedelta(days=90), themes=[theme]
    )
    ResourceFactory(
        title="Ressource bientôt retirée",
        published_at=now - timedelta(days=100),
        expires_at=now + timedelta(days=5),
    )
    page = editor_client.get("/admin/").text

    drafts = _section(page, "Mes brouillons")
    assert "Mon brouillon" in drafts and "Brouillon d’un collègue" not in drafts
    assert "Communiqué · modifié le" in drafts
    scheduled = _section(page, "Programmés")
    assert "Rencontre programmée" in scheduled
    assert timezone.localtime(now + timedelta(days=3)).strftime("%Y") in scheduled
    assert "en ligne le" in scheduled
    recent = _section(page, "Publiés ces 30 derniers jours")
    assert "Actualité récente" in recent and "Actualité ancienne" not in recent
    # Each date agrees with its item's type.
    assert "Actualité · publiée le" in recent
    assert "Mon brouillon" not in recent and "Rencontre programmée" not in recent
    ending = _section(page, "Bientôt retirés du site")
    assert "Ressource bientôt retirée" in ending and "Ressource · retirée le" in ending


def test_home_lists_the_teams_drafts_with_their_author_and_last_change(
    editor, editor_client, django_user_model
):
    from django.contrib.admin.models import CHANGE, LogEntry

    colleague = django_user_model.objects.create_user(
        username="collegue", first_name="Awa", last_name="Diop", is_staff=True
    )
    other = django_user_model.objects.create_user(username="relecteur", is_staff=True)
    CommuniqueFactory(title="Mon brouillon", draft=True, author=editor)
    news = NewsItemFactory(title="Brouillon d’Awa", draft=True, author=colleague)
    EventFactory(title="Brouillon sans auteur", draft=True, author=None)
    NewsItemFactory(title="Actualité publiée d’Awa", author=colleague)
    LogEntry.objects.log_actions(user_id=other.pk, queryset=[news], action_flag=CHANGE)
    page = editor_client.get("/admin/").text

    team = _section(page, "Brouillons de l’équipe")
    assert "Brouillon d’Awa" in team and "Brouillon sans auteur" in team
    assert "Mon brouillon" not in team and "Actualité publiée d’Awa" not in team
    line = re.search(r"Brouillon d’Awa</a> <small>(.*?)</small>", team, re.S).group(1)
    updated = timezone.localtime(news.updated)
    assert "Actualité · par Awa Diop · modifiée le" in line
    assert f"{updated:%H:%M} par relecteur" in line
    assert "sans auteur" in team
    # Still the signed-in person's own drafts in "Mes brouillons".
    assert "Mon brouillon" in _section(page, "Mes brouillons")


def test_home_counts_content_without_a_theme_and_links_to_it(superuser_client):
    CommuniqueFactory()
    EventFactory(draft=True)
    NewsItemFactory(themes=[ThemeFactory()])
    page = superuser_client.get("/admin/").text
    assert '<a href="/admin/cuf/theme/sans-theme/">2 contenus sans thème</a>' in page


def test_home_offers_one_click_add_buttons_in_registry_order(editor_client):
    page = editor_client.get("/admin/").text
    buttons = re.findall(r'<a class="button cuf-add" href="([^"]+)">([^<]+)</a>', page)
    assert [label for _, label in buttons] == [
        f"Ajouter {config.noun.a}" for config in content_types.all_types()
    ]
    assert buttons[0] == ("/admin/communiques/communique/add/", "Ajouter un communiqué")
    assert ("/admin/actualites/newsitem/add/", "Ajouter une actualité") in buttons


def test_moderators_get_no_add_button_but_the_untagged_count(moderator_client):
    CommuniqueFactory()
    page = moderator_client.get("/admin/").text
    assert "cuf-add" not in page
    assert '<a href="/admin/cuf/theme/sans-theme/">1 contenu sans thème</a>' in page


def test_sections_list_content_first_then_themes_then_accounts(superuser_client):
    page = superuser_client.get("/admin/").text
    captions = re.findall(r'<caption>\s*<a href="/admin/([a-z_]+)/"', page)
    content = [config.model._meta.app_label for config in content_types.all_types()]
    assert captions[: len(content)] == content
    assert captions[len(content)] == "cuf"
    assert "auth" in captions[len(content) + 1 :]


def test_home_page_runs_the_same_queries_however_much_content(editor, editor_client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get("/admin/").status_code == 200
        return len(captured)

    CommuniqueFactory(draft=True, author=editor)
    NewsItemFactory(draft=True)
    few = queries()
    for _ in range(12):
        CommuniqueFactory(draft=True, author=editor)
        NewsItemFactory(draft=True)
        EventFactory(scheduled=True)
        NewsItemFactory()
        ResourceFactory(expires_at=timezone.now() + timedelta(days=2))
    assert queries() == few
    assert few <= 13
