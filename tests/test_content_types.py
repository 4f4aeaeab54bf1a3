"""What every content type promises, checked for each type in the registry.

Each test runs once per registered type (cuf.content_types), the test-only
"publications" type included (tests/publications): a new type gets all of these by its
registration alone. What is specific to one type stays in tests/<app>/.
"""

import datetime
import json
import re

import feedparser
import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cuf import content_types
from cuf.accounts.roles import EDITORS, MODERATORS, sync_roles
from cuf.publishing.previews import preview_path
from cuf.publishing.rule import PublicationState
from cuf.text.fields import RichTextField
from tests.factories import EventFactory, NewsItemFactory, ThemeFactory, factory_for
from tests.helpers import (
    MAY_12_2020,
    UNKNOWN_THEME,
    assert_in_order,
    days_from_now,
    main_text,
    published_days_ago,
    related_block,
    titles_on,
)

pytestmark = pytest.mark.django_db

TYPES = content_types.all_types()
# A public list, whatever the number of items: the page's rows, their count for the
# paginator, the themes of the page in one prefetch, and at most one query of the type's
# own (the agenda's theme filter, the resource centre's doors).
LIST_MAX_QUERIES = 4
# A detail page: the item, its themes (and a communiqué's documents) in prefetches, then
# two LIMIT 1 queries ("previous", "next") for each of at most four themes, then one query
# for each block of the sidebar (next events, latest news, the resource centre's doors).
DETAIL_MAX_QUERIES = 3 + 2 * 4 + 3
# Lists ordered by something else than the newest publication (tested in their app): the
# agenda lists upcoming events, soonest first.
NOT_NEWEST_FIRST = {"agenda"}
UNPUBLISHED = ["draft", "scheduled", "expired"]
BANNERS = {
    "draft": "Brouillon",
    "scheduled": "Programmé",
    "expired": "Publication terminée",
}


@pytest.fixture(params=TYPES, ids=[config.key for config in TYPES])
def config(request) -> content_types.ContentTypeConfig:
    return request.param


@pytest.fixture
def make(config):
    """The type's factory (with its traits ``draft``, ``scheduled``, ``expired``)."""
    return factory_for(config)


@pytest.fixture
def member_client(client, django_user_model):
    """A logged-in visitor without staff rights."""
    user = django_user_model.objects.create_user(username="adherent", password="x-long-pass-1")
    client.force_login(user)
    return client


def unpublished(make, state: str, **fields):
    return make(**{state: True}, **fields)


# The publication rule


@pytest.mark.parametrize(
    ("fields", "state"),
    [
        ({"status": "draft"}, PublicationState.DRAFT),
        ({"published_at": datetime.timedelta(seconds=-1)}, PublicationState.PUBLISHED),
        ({"published_at": datetime.timedelta(0)}, PublicationState.PUBLISHED),
        ({"published_at": datetime.timedelta(seconds=1)}, PublicationState.SCHEDULED),
        ({"expires_at": datetime.timedelta(seconds=1)}, PublicationState.PUBLISHED),
        ({"expires_at": datetime.timedelta(0)}, PublicationState.EXPIRED),
        ({"expires_at": datetime.timedelta(seconds=-1)}, PublicationState.EXPIRED),
    ],
    ids=[
        "draft",
        "published-a-second-ago",
        "published-this-instant",
        "scheduled-in-a-second",
        "ends-in-a-second",
        "ends-this-instant",
        "ended-a-second-ago",
    ],
)
def test_publication_state_and_published_queryset_agree_at_every_boundary(
    make, monkeypatch, fields, state
):
    now = timezone.now().replace(microsecond=0)
    values = {"published_at": now - datetime.timedelta(days=1)}
    for name, value in fields.items():
        values[name] = now + value if isinstance(value, datetime.timedelta) else value
    item = make(**values)
    monkeypatch.setattr(timezone, "now", lambda: now)
    assert item.publication_state == state
    published = item._meta.model.objects.published().filter(pk=item.pk).exists()
    assert published == (state == PublicationState.PUBLISHED) == item.is_public


def test_item_is_named_by_its_title_and_lives_under_its_section(config, make):
    item = make(title="Assises de la coopération", slug="assises-2024")
    assert str(item) == "Assises de la coopération"
    assert item.get_absolute_url() == config.detail_url("assises-2024")
    assert item.get_absolute_url().startswith(config.list_url)


def test_items_are_ordered_newest_first_and_the_latest_is_the_newest(make):
    old = make(published_at=days_from_now(-30))
    recent = make(published_at=days_from_now(-1))
    middle = make(published_at=days_from_now(-10))
    model = make._meta.model
    assert list(model.objects.all()) == [recent, middle, old]
    assert model.objects.latest() == recent


def test_two_items_of_one_type_cannot_share_a_slug(make):
    make(slug="assises-2024")
    with pytest.raises(IntegrityError), transaction.atomic():
        make(slug="assises-2024")


# The section's list


def test_list_never_shows_unpublished_items_even_to_staff(config, make, client, staff_client):
    make(title="Élément en ligne")
    for state in UNPUBLISHED:
        unpublished(make, state, title=f"Élément {state}")
    for visitor in (client, staff_client):
        response = visitor.get(config.list_url)
        assert response.status_code == 200
        text = main_text(response)
        assert "Élément en ligne" in text
        assert not titles_on(text, [f"Élément {state}" for state in UNPUBLISHED])


def test_list_shows_the_newest_first(config, make, client):
    if config.key in NOT_NEWEST_FIRST:
        pytest.skip(f"{config.section_label} n’est pas classé par date de publication")
    make(title="Élément ancien", published_at=days_from_now(-10))
    make(title="Élément récent", published_at=days_from_now(-1))
    make(title="Élément du milieu", published_at=days_from_now(-5))
    text = main_text(client.get(config.list_url))
    assert_in_order(text, ["Élément récent", "Élément du milieu", "Élément ancien"])


def test_list_is_paginated_by_twenty(config, make, client):
    titles = [f"Élément daté {n:02d}" for n in range(25)]
    for title, when in zip(titles, published_days_ago(25), strict=True):
        make(title=title, published_at=when)
    first = client.get(config.list_url)
    second = client.get(config.list_url, {"page": 2})
    assert first.status_code == second.status_code == 200
    on_first, on_second = titles_on(main_text(first), titles), titles_on(main_text(second), titles)
    assert (len(on_first), len(on_second)) == (20, 5)
    assert sorted(on_first + on_second) == titles
    assert "Page 1 sur 2" in first.text and "Page 2 sur 2" in second.text


def test_list_narrowed_to_one_theme_links_back_to_the_whole_list(config, make, client):
    haiti = ThemeFactory(name="Haïti", slug="haiti")
    make(title="Élément sur Haïti", themes=[haiti])
    make(title="Élément sur autre chose", themes=[ThemeFactory()])
    response = client.get(config.list_url, {"theme": "haiti"})
    assert response.status_code == 200
    text = main_text(response)
    assert "Élément sur Haïti" in text and "Élément sur autre chose" not in text
    assert "sur le thème « Haïti »" in text
    assert f'<a href="{config.list_url}">Voir tou' in text


def test_list_on_an_unknown_theme_is_404(config, client):
    assert client.get(config.list_url, {"theme": UNKNOWN_THEME}).status_code == 404


def test_list_runs_the_same_few_queries_whatever_the_number_of_items(
    config, make, client, django_assert_max_num_queries
):
    themes = ThemeFactory.create_batch(2)
    counts = []
    for batch in (3, 25):
        for when in published_days_ago(batch):
            make(published_at=when, themes=themes)
        with (
            django_assert_max_num_queries(LIST_MAX_QUERIES),
            CaptureQueriesContext(connection) as queries,
        ):
            assert client.get(config.list_url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# The item's page


def test_published_item_has_its_page_with_its_french_date_and_no_banner(make, client):
    item = make(title="Élément publié", published_at=MAY_12_2020)
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    text = main_text(response)
    assert "Élément publié" in text
    assert 'Publié le <time datetime="2020-05-12T10:00:00+02:00">12 mai 2020</time>' in text
    assert 'class="banner' not in response.text


def test_unknown_item_is_404(config, client):
    assert client.get(config.detail_url("n-existe-pas")).status_code == 404


def test_hostile_rich_text_reaches_the_page_without_script_frame_or_handler(make, client):
    hostile = (
        "<p>Texte légitime</p><script>alert('x')</script>"
        '<img src="x" onerror="alert(1)"><a href="javascript:alert(1)">lien</a>'
        '<iframe src="https://evil.example"></iframe>'
    )
    rich = [f.name for f in make._meta.model._meta.fields if isinstance(f, RichTextField)]
    assert rich, "every content type has rich text"
    item = make(**dict.fromkeys(rich, hostile))
    text = main_text(client.get(item.get_absolute_url()))
    assert "Texte légitime" in text
    # The page's main part only: every page loads the portal's own script files.
    assert "<script" not in text and "<iframe" not in text
    assert "onerror" not in text and "javascript:" not in text


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_unpublished_item_is_404_for_visitors_and_members(make, client, member_client, state):
    item = unpublished(make, state)
    assert client.get(item.get_absolute_url()).status_code == 404
    assert member_client.get(item.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_staff_preview_an_unpublished_item_under_a_banner_saying_its_state(
    make, staff_client, state
):
    item = unpublished(make, state, title="Élément à relire")
    response = staff_client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert f"<strong>{BANNERS[state]}</strong>" in main_text(response)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    if state == "scheduled":
        assert "cette page sera publiée le" in response.text


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_a_preview_link_shows_an_unpublished_item_to_anyone_who_has_it(make, client, state):
    item = unpublished(make, state, title="Élément partagé")
    response = client.get(preview_path(item))
    assert response.status_code == 200
    assert "Élément partagé" in main_text(response)
    assert "Vous la lisez grâce à un lien d’aperçu" in response.text
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_editors_see_a_modifier_link_to_the_item_s_admin_page_visitors_never(
    config, make, member_client, editor_client
):
    item = make()
    url = item.get_absolute_url()
    admin_page = reverse(config.admin_url_name("change"), args=[item.pk])
    staff_page = editor_client.get(url)
    assert f'href="{admin_page}">Modifier' in main_text(staff_page)
    assert "no-store" in staff_page["Cache-Control"]
    assert editor_client.get(admin_page).status_code == 200
    anonymous = Client()
    for visitor in (anonymous, member_client):
        page = visitor.get(url)
        assert admin_page not in page.text and ">Modifier<" not in page.text
    shared = anonymous.get(preview_path(unpublished(make, "draft")))
    assert "/admin/" not in shared.text


def test_staff_without_rights_on_the_type_get_no_modifier_link(make, staff_client):
    assert "/admin/" not in main_text(staff_client.get(make().get_absolute_url()))


def test_item_page_shows_its_neighbours_of_every_type_on_its_themes(config, make, client):
    theme = ThemeFactory(name="Jeunesse")
    # Neighbours follow the date each item shows (an event's start): the item shows its
    # date between the two others'.
    shown = {} if config.shown_date == "published_at" else {config.shown_date: days_from_now(-3)}
    before = factory_for(TYPES[0])(
        title="Le précédent", themes=[theme], published_at=days_from_now(-5)
    )
    item = make(themes=[theme], published_at=days_from_now(-3), **shown)
    after = factory_for(TYPES[-1])(
        title="Le suivant", themes=[theme], published_at=days_from_now(-1)
    )
    block = related_block(client.get(item.get_absolute_url()))
    assert "Sur ces thèmes" in block
    assert f'href="{before.get_absolute_url()}">Le précédent' in block
    assert f'href="{after.get_absolute_url()}">Le suivant' in block


@pytest.mark.parametrize("count", [3, 25])
def test_item_page_runs_a_bounded_number_of_queries(
    make, client, django_assert_max_num_queries, count
):
    themes = ThemeFactory.create_batch(5)
    when = published_days_ago(2 * count + 1)
    for n in range(count):
        factory_for(TYPES[n % len(TYPES)])(themes=themes, published_at=when[2 * n])
        factory_for(TYPES[(n + 1) % len(TYPES)])(themes=themes, published_at=when[2 * n + 1])
    item = make(themes=themes, published_at=when[count])
    with django_assert_max_num_queries(DETAIL_MAX_QUERIES):
        response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert related_block(response).count('<section class="related-theme"') == 4


def test_item_page_has_the_portal_s_sidebar_after_its_content(config, make, client):
    item = make()
    EventFactory(title="Forum à venir", starts_at=days_from_now(20))
    EventFactory(title="Forum en brouillon", starts_at=days_from_now(21), draft=True)
    NewsItemFactory(title="Actualité sans image")
    text = client.get(item.get_absolute_url()).text
    sidebar = text[text.index('<aside class="sidebar sidebar--beside"') :]
    sidebar = sidebar[: sidebar.index("</aside>")]
    assert text.index("</main>") < text.index('<aside class="sidebar sidebar--beside"')
    assert_in_order(sidebar, ["Agenda", "Forum à venir", "Actualités", "Actualité sans image"])
    assert '<span class="daybox" aria-hidden="true">' in sidebar
    assert "Forum en brouillon" not in sidebar
    assert re.search(r'<img src="[^"]*defaut\.svg" alt=""', sidebar)
    assert_in_order(sidebar, ["Centre de ressources", "Texte", "Photo", "Son", "Vidéo"])


def test_navigation_marks_the_items_section_as_current(config, make, client):
    item = make()
    text = client.get(item.get_absolute_url()).text
    assert f'<a href="{config.list_url}" aria-current="true">{config.section_label}</a>' in text
    # The section in the navigation, and the page itself at the end of the breadcrumb trail.
    assert text.count("aria-current") == 2
    assert text.count('aria-current="page"') == 1
    assert re.search(r'<li><a aria-current="page">[^<]*</a></li>\s*</ol>', text)


def test_item_page_describes_it_to_search_engines_when_its_type_can(config, make, client):
    text = client.get(make(title="Élément décrit").get_absolute_url()).text
    # Every page below the home page also carries its trail (a BreadcrumbList).
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    types = {json.loads(script)["@type"] for script in scripts}
    assert "BreadcrumbList" in types
    assert bool(types - {"BreadcrumbList"}) == (config.json_ld is not None)


# Everything that goes over every type


def test_theme_page_lists_the_published_item_with_its_type(config, make, client):
    theme = ThemeFactory(slug="sahel")
    make(title="Élément en ligne", themes=[theme])
    for state in UNPUBLISHED:
        unpublished(make, state, title=f"Élément {state}", themes=[theme])
    text = main_text(client.get("/themes/sahel/"))
    assert "Élément en ligne" in text
    assert f"{config.label} · " in text
    assert not titles_on(text, [f"Élément {state}" for state in UNPUBLISHED])


def test_feeds_of_the_section_of_everything_and_of_the_theme_carry_the_published_item(
    config, make, client
):
    theme = ThemeFactory(slug="sahel")
    item = make(title="Élément en ligne", themes=[theme])
    unpublished(make, "draft", title="Élément en brouillon", themes=[theme])
    feeds = {
        f"{config.list_url}rss/": "rss",
        f"{config.list_url}atom/": "atom",
        "/rss/": "rss",
        "/atom/": "atom",
        "/themes/sahel/rss/": "rss",
        "/themes/sahel/atom/": "atom",
    }
    for address, flavour in feeds.items():
        response = client.get(address)
        assert response.status_code == 200, address
        assert response["Content-Type"].startswith(f"application/{flavour}+xml")
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (address, feed.get("bozo_exception"))
        assert [entry.title for entry in feed.entries] == ["Élément en ligne"], address
        assert feed.entries[0].link == f"https://portail.example.org{item.get_absolute_url()}"


def test_sitemap_lists_the_published_item_and_the_section(make, config, client):
    item = make()
    draft = unpublished(make, "draft")
    text = client.get("/sitemap.xml").text
    assert f"https://portail.example.org{item.get_absolute_url()}</loc>" in text
    assert f"https://portail.example.org{config.list_url}</loc>" in text
    assert draft.get_absolute_url() not in text


def test_search_finds_the_published_item_under_its_type(
    config, make, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make(title="Le zébu migrateur")
        unpublished(make, "draft", title="Le zébu caché")
    response = client.get("/recherche/", {"q": "zébu"})
    text = main_text(response)
    assert "migrateur" in text and "caché" not in text
    assert f'<p class="meta">{config.label}' in text
    narrowed = main_text(client.get("/recherche/", {"q": "zébu", "type": config.key}))
    assert "migrateur" in narrowed


def test_home_page_answers_with_every_type_published(make, client):
    make()
    assert client.get("/").status_code == 200


# The admin and the roles


def test_admin_list_shows_each_state_and_the_add_and_change_pages_open(
    config, make, superuser_client
):
    item = make(title="Élément publié")
    for state in UNPUBLISHED:
        unpublished(make, state)
    changelist = f"/admin/{config.model._meta.app_label}/{config.model._meta.model_name}/"
    response = superuser_client.get(changelist)
    assert response.status_code == 200
    for label in ("Brouillon", "Programmé", "Publié", "Expiré"):
        assert f">{label}</span>" in response.text
    assert response.text.count("» sur le site</span></a>") == 4
    assert superuser_client.get(f"{changelist}add/").status_code == 200
    assert superuser_client.get(f"{changelist}{item.pk}/change/").status_code == 200


def test_admin_list_filters_by_status_by_theme_and_without_theme(config, make, superuser_client):
    haiti = ThemeFactory(name="Haïti")
    make(title="Élément sur Haïti", themes=[haiti])
    make(title="Élément en brouillon", draft=True)
    changelist = f"/admin/{config.model._meta.app_label}/{config.model._meta.model_name}/"

    def titles(**params):
        response = superuser_client.get(changelist, params)
        assert response.status_code == 200
        return titles_on(response.text, ["Élément sur Haïti", "Élément en brouillon"])

    assert titles(status__exact="draft") == ["Élément en brouillon"]
    assert titles(status__exact="published") == ["Élément sur Haïti"]
    assert titles(themes__id__exact=haiti.pk) == ["Élément sur Haïti"]
    assert titles(classement="sans-theme") == ["Élément en brouillon"]
    assert titles(q="Haïti") == ["Élément sur Haïti"]


def test_content_without_a_theme_is_listed_for_moderators(config, make, superuser_client):
    make(title="Élément à classer")
    make(title="Élément classé", themes=[ThemeFactory()])
    text = superuser_client.get("/admin/cuf/theme/sans-theme/").text
    assert f"{config.label_plural} : 1 sans thème" in text
    assert "Élément à classer" in text and "Élément classé" not in text


def test_roles_give_editors_the_whole_type_and_moderators_its_tagging(config):
    groups = sync_roles()
    opts = config.model._meta

    def codenames(role):
        permissions = Permission.objects.filter(
            group=groups[role], content_type__app_label=opts.app_label
        )
        return set(permissions.values_list("codename", flat=True))

    model = opts.model_name
    assert {f"add_{model}", f"change_{model}", f"delete_{model}", "publish", "tag"} <= codenames(
        EDITORS
    )
    assert codenames(MODERATORS) >= {f"view_{model}", "tag"}
    assert not {f"change_{model}", "publish"} & codenames(MODERATORS)
