"""Anonymous pages come from a cache that is never stale (cuf.publishing.page_cache).

Two app servers are two independent caches (two local-memory caches here, as two gunicorn
workers each have their own): a write made through either, or through neither, shows in
both at the next request. Time is fixed with explicit datetimes.
"""

import datetime
import io

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from cuf.publishing import page_cache
from cuf.publishing.services import item_publish, item_unpublish
from cuf.themes.models import Theme
from cuf.themes.services import items_theme_add, items_theme_remove, theme_merge, theme_rename
from tests.factories import (
    AttachmentFactory,
    CommuniqueFactory,
    EventFactory,
    NewsItemFactory,
    ThemeFactory,
)
from tests.files import pdf_upload
from tests.helpers import days_from_now, run_python

WORKERS = ("worker_a", "worker_b")


@pytest.fixture(autouse=True)
def two_workers(settings):
    """Two page caches that share nothing, as two app server processes."""
    settings.PAGE_CACHE = True
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        **{
            name: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
            for name in WORKERS
        },
    }
    settings.PAGE_CACHE_ALIAS = WORKERS[0]
    yield
    for name in WORKERS:
        caches[name].clear()


def visit(settings, url: str, *, worker: str = WORKERS[0], client=None, **headers):
    settings.PAGE_CACHE_ALIAS = worker
    return (client or Client()).get(url, headers=headers)


def on_both(settings, url: str) -> list[str]:
    """The page as each worker serves it to a visitor."""
    return [visit(settings, url, worker=worker).text for worker in WORKERS]


def rendered_now(settings, url: str) -> str:
    """The page as the portal renders it now, without any cache."""
    settings.PAGE_CACHE = False
    try:
        return Client().get(url).text
    finally:
        settings.PAGE_CACHE = True


def assert_fresh_everywhere(settings, *urls: str) -> None:
    for url in urls:
        fresh = rendered_now(settings, url)
        assert on_both(settings, url) == [fresh, fresh], f"{url} is stale in a worker"


def fill_both(settings, *urls: str) -> None:
    for url in urls:
        on_both(settings, url)
        # Served from each worker's cache from now on.
        for worker in WORKERS:
            assert visit(settings, url, worker=worker)["X-Cache"] == "hit", url


# -- Serving from the cache ------------------------------------------------------------


@pytest.mark.django_db
def test_a_second_visit_is_served_from_the_cache_with_one_query(
    settings, django_assert_num_queries
):
    item = CommuniqueFactory(title="Assises de la coopération")
    first = visit(settings, item.get_absolute_url())
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(1):  # the content version, nothing else
        second = visit(settings, item.get_absolute_url())
    assert second["X-Cache"] == "hit"
    assert second.text == first.text and "Assises de la coopération" in second.text
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


@pytest.mark.django_db
def test_anonymous_pages_are_public_with_a_validator_and_a_bounded_max_age(settings):
    settings.PAGE_MAX_AGE = 600
    response = visit(settings, "/")
    assert response["Cache-Control"] == "public, max-age=600, s-maxage=600"
    assert response["ETag"].startswith('W/"')


@pytest.mark.django_db
def test_a_matching_conditional_request_gets_a_304_until_something_changes(settings):
    item = CommuniqueFactory(title="Avant")
    url = item.get_absolute_url()
    etag = visit(settings, url)["ETag"]

    for worker in WORKERS:
        not_modified = visit(settings, url, worker=worker, If_None_Match=etag)
        assert not_modified.status_code == 304 and not_modified.content == b""
        assert not_modified["ETag"] == etag

    item.title = "Après"
    item.save()
    changed = visit(settings, url, If_None_Match=etag)
    assert changed.status_code == 200 and "Après" in changed.text
    assert changed["ETag"] != etag


@pytest.mark.django_db
def test_feeds_and_calendars_carry_a_validator_and_answer_304(settings):
    EventFactory(title="Rencontre", starts_at=days_from_now(3))
    for url in ("/rss/", "/agenda/rss/", "/agenda.ics", "/sitemap.xml"):
        etag = visit(settings, url)["ETag"]
        assert visit(settings, url, If_None_Match=etag).status_code == 304, url


@pytest.mark.django_db
def test_head_is_answered_from_the_cache_without_a_body(settings):
    CommuniqueFactory()
    get = visit(settings, "/communiques/")
    settings.PAGE_CACHE_ALIAS = WORKERS[0]
    head = Client().head("/communiques/")
    assert head.status_code == 200 and head.content == b""
    assert head["X-Cache"] == "hit" and head["ETag"] == get["ETag"]


@pytest.mark.django_db
def test_a_404_is_never_kept(settings):
    assert visit(settings, "/communiques/pas-encore/").status_code == 404
    item = CommuniqueFactory(slug="pas-encore", title="Enfin là")
    assert "Enfin là" in visit(settings, item.get_absolute_url()).text


# -- Never stale: every write shows in every worker at the next request ------------------


@pytest.mark.django_db
def test_publishing_shows_on_every_page_of_every_worker(settings):
    theme = ThemeFactory(name="Jeunesse")
    draft = CommuniqueFactory(title="Appel à projets jeunesse", draft=True, themes=[theme])
    pages = ["/", "/communiques/", f"/themes/{theme.slug}/", "/rss/", "/sitemap.xml"]
    fill_both(settings, *pages)
    assert all("Appel à projets jeunesse" not in text for text in on_both(settings, "/"))

    item_publish(item=draft)

    for url in pages:
        assert all(draft.slug in text for text in on_both(settings, url)), url
    assert_fresh_everywhere(settings, *pages, draft.get_absolute_url())


@pytest.mark.django_db
def test_unpublishing_removes_the_item_and_its_page_in_every_worker(settings):
    item = NewsItemFactory(title="Nouvelles du réseau")
    pages = ["/", "/actualites/", item.get_absolute_url()]
    fill_both(settings, *pages)

    item_unpublish(item=item)

    for worker in WORKERS:
        assert visit(settings, item.get_absolute_url(), worker=worker).status_code == 404
        assert "Nouvelles du réseau" not in visit(settings, "/actualites/", worker=worker).text
    assert_fresh_everywhere(settings, "/", "/actualites/")


@pytest.mark.django_db
def test_an_edit_shows_in_every_worker(settings):
    item = EventFactory(title="Forum des collectivités", starts_at=days_from_now(5))
    pages = ["/", "/agenda/", item.get_absolute_url(), "/agenda.ics"]
    fill_both(settings, *pages)

    item.title = "Forum des territoires"
    item.save()

    for url in pages:
        assert all("Forum des territoires" in text for text in on_both(settings, url)), url


@pytest.mark.django_db
def test_adding_and_removing_a_theme_shows_in_every_worker(settings):
    theme = ThemeFactory(name="Haïti")
    item = CommuniqueFactory(title="Reconstruction à Jacmel")
    theme_page = f"/themes/{theme.slug}/"
    fill_both(settings, theme_page, item.get_absolute_url())

    items_theme_add(items=type(item).objects.filter(pk=item.pk), theme=theme)
    assert all("Reconstruction à Jacmel" in text for text in on_both(settings, theme_page))
    assert_fresh_everywhere(settings, theme_page, item.get_absolute_url())

    items_theme_remove(items=type(item).objects.filter(pk=item.pk), theme=theme)
    assert all("Reconstruction à Jacmel" not in text for text in on_both(settings, theme_page))
    assert_fresh_everywhere(settings, theme_page, item.get_absolute_url())


@pytest.mark.django_db
def test_renaming_a_theme_shows_on_its_items_pages_in_every_worker(settings):
    theme = ThemeFactory(name="Covid")
    item = CommuniqueFactory(themes=[theme])
    fill_both(settings, item.get_absolute_url(), "/themes/")

    theme_rename(theme=theme, name="Pandémie de Covid-19")

    for url in (item.get_absolute_url(), "/themes/"):
        assert all("Pandémie de Covid-19" in text for text in on_both(settings, url)), url


@pytest.mark.django_db
def test_merging_themes_shows_in_every_worker(settings):
    kept, merged = ThemeFactory(name="Éducation"), ThemeFactory(name="Enseignement")
    item = NewsItemFactory(title="Écoles jumelées", themes=[merged])
    pages = [f"/themes/{kept.slug}/", item.get_absolute_url(), "/themes/"]
    fill_both(settings, *pages)

    theme_merge(sources=[merged], target=kept)

    assert all("Écoles jumelées" in text for text in on_both(settings, pages[0]))
    assert all("Enseignement" not in text for text in on_both(settings, "/themes/"))
    assert_fresh_everywhere(settings, *pages)


@pytest.mark.django_db
def test_deleting_a_theme_shows_in_every_worker(settings):
    theme = ThemeFactory(name="Sahel")
    item = EventFactory(themes=[theme], starts_at=days_from_now(2))
    pages = [item.get_absolute_url(), "/themes/", "/agenda/"]
    fill_both(settings, *pages)

    Theme.objects.filter(pk=theme.pk).delete()

    assert all("Sahel" not in text for text in on_both(settings, "/themes/"))
    assert_fresh_everywhere(settings, *pages)


@pytest.mark.django_db
def test_replacing_and_deleting_a_document_shows_in_every_worker(settings):
    document = AttachmentFactory(title="Dossier de presse")
    url = document.item.get_absolute_url()
    fill_both(settings, url)

    document.title = "Dossier de presse (version corrigée)"
    document.file = pdf_upload(name="corrige.pdf", text="Texte corrigé, bien plus long. " * 40)
    document.full_clean()
    document.save()
    assert all("version corrigée" in text for text in on_both(settings, url))
    assert_fresh_everywhere(settings, url)

    document.delete()
    assert all("Dossier de presse" not in text for text in on_both(settings, url))


@pytest.mark.django_db
def test_a_rolled_back_write_keeps_the_cached_pages(settings):
    from django.db import transaction

    item = CommuniqueFactory()
    before = page_cache.current_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        item.title = "Jamais enregistré"
        item.save()
        raise RuntimeError
    assert page_cache.current_version() == before


@pytest.mark.django_db
def test_search_results_follow_the_index_written_after_the_commit(
    settings, django_capture_on_commit_callbacks
):
    url = "/recherche/?q=jumelage"
    with django_capture_on_commit_callbacks(execute=True):
        draft = CommuniqueFactory(title="Jumelage avec Dakar", draft=True)
    # Search words are free text: their pages are rendered each time, never kept.
    on_both(settings, url)
    assert all(visit(settings, url, worker=w)["X-Cache"] == "miss" for w in WORKERS)
    assert all("avec Dakar" not in text for text in on_both(settings, url))

    with django_capture_on_commit_callbacks(execute=True):
        item_publish(item=draft)

    assert all("avec Dakar" in text for text in on_both(settings, url))


# -- Scheduled boundaries: on time, with no write and no job --------------------------------

AT = datetime.datetime(2030, 3, 2, 9, 30, tzinfo=datetime.UTC)


def at(monkeypatch, moment: datetime.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.mark.django_db
def test_a_scheduled_item_appears_at_its_time_in_every_worker(settings, monkeypatch):
    settings.PAGE_MAX_AGE = 24 * 3600
    at(monkeypatch, AT - datetime.timedelta(hours=1))
    item = CommuniqueFactory(title="Annonce programmée", published_at=AT)
    pages = ["/", "/communiques/", "/rss/"]
    fill_both(settings, *pages)
    before = visit(settings, "/")
    assert "Annonce programmée" not in before.text
    # Neither a browser nor a proxy keeps the page past the publication.
    assert before["Cache-Control"] == "public, max-age=3600, s-maxage=3600"

    at(monkeypatch, AT - datetime.timedelta(seconds=1))
    assert visit(settings, "/")["X-Cache"] == "hit"

    at(monkeypatch, AT)
    for url in pages:
        assert all("Annonce programmée" in text for text in on_both(settings, url)), url
    assert visit(settings, item.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_an_expiring_item_leaves_at_its_time_in_every_worker(settings, monkeypatch):
    settings.PAGE_MAX_AGE = 24 * 3600
    at(monkeypatch, AT - datetime.timedelta(minutes=10))
    item = NewsItemFactory(
        title="Offre limitée", published_at=AT - datetime.timedelta(days=3), expires_at=AT
    )
    pages = ["/", "/actualites/", item.get_absolute_url()]
    fill_both(settings, *pages)
    assert visit(settings, "/")["Cache-Control"] == "public, max-age=600, s-maxage=600"

    at(monkeypatch, AT + datetime.timedelta(seconds=1))
    assert all("Offre limitée" not in text for text in on_both(settings, "/actualites/"))
    for worker in WORKERS:
        assert visit(settings, item.get_absolute_url(), worker=worker).status_code == 404


@pytest.mark.django_db
def test_an_event_moves_to_past_events_at_midnight(settings, monkeypatch):
    paris = datetime.timezone(datetime.timedelta(hours=1))
    evening = datetime.datetime(2030, 3, 2, 22, 0, tzinfo=paris)
    at(monkeypatch, evening)
    EventFactory(
        title="Soirée de clôture",
        published_at=evening - datetime.timedelta(days=30),
        starts_at=evening - datetime.timedelta(hours=2),
        ends_at=evening - datetime.timedelta(hours=1),
    )
    fill_both(settings, "/agenda/")
    assert "Soirée de clôture" in visit(settings, "/agenda/").text

    at(monkeypatch, datetime.datetime(2030, 3, 3, 0, 0, 1, tzinfo=paris))
    assert all("Soirée de clôture" not in text for text in on_both(settings, "/agenda/"))


# -- Staff, preview links and sessions never read nor fill it ------------------------------


@pytest.mark.django_db
def test_staff_never_get_a_cached_page_nor_fill_the_cache(settings, staff_client):
    item = CommuniqueFactory(title="Visible de tous")
    url = item.get_absolute_url()
    visit(settings, url)  # a visitor fills the cache

    for _ in range(2):
        staff = visit(settings, url, client=staff_client)
        assert set(staff["Cache-Control"].split(", ")) == {"private", "no-store", "max-age=0"}
        assert "X-Cache" not in staff and "ETag" not in staff

    caches[WORKERS[0]].clear()
    visit(settings, url, client=staff_client)
    assert visit(settings, url)["X-Cache"] == "miss"  # staff left nothing for visitors


@pytest.mark.django_db
def test_a_staff_preview_of_a_draft_never_reaches_a_visitor(settings, staff_client):
    draft = CommuniqueFactory(title="Brouillon confidentiel", draft=True)
    url = draft.get_absolute_url()
    seen = visit(settings, url, client=staff_client)
    assert "Brouillon confidentiel" in seen.text
    assert "no-store" in seen["Cache-Control"]
    for worker in WORKERS:
        assert visit(settings, url, worker=worker).status_code == 404


@pytest.mark.django_db
def test_a_preview_link_holder_never_gets_nor_leaves_a_cached_page(settings):
    from cuf.publishing.previews import preview_path

    draft = CommuniqueFactory(title="Aperçu partagé", draft=True)
    public = CommuniqueFactory(title="Déjà en ligne")
    holder = Client()
    preview = visit(settings, preview_path(draft), client=holder)
    assert "Aperçu partagé" in preview.text
    assert "no-store" in preview["Cache-Control"] and "X-Cache" not in preview

    # The link left a session in that browser: the whole site is rendered for it.
    page = visit(settings, public.get_absolute_url(), client=holder)
    assert "X-Cache" not in page and "no-store" in page["Cache-Control"]
    assert visit(settings, public.get_absolute_url())["X-Cache"] == "miss"
    assert visit(settings, draft.get_absolute_url()).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_any_session_or_messages_cookie_bypasses_the_cache(settings, cookie):
    CommuniqueFactory()
    visit(settings, "/communiques/")
    with_cookie = Client()
    with_cookie.cookies[cookie] = "une-valeur-quelconque"
    response = visit(settings, "/communiques/", client=with_cookie)
    assert "X-Cache" not in response and "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_response_that_sets_a_cookie_is_never_kept(settings):
    response = visit(settings, "/admin/login/")
    assert response.cookies  # the login form's CSRF cookie
    assert "X-Cache" not in response and "public" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_with_the_cache_off_every_page_is_rendered(settings):
    settings.PAGE_CACHE = False
    CommuniqueFactory()
    for _ in range(2):
        response = visit(settings, "/communiques/")
        assert "X-Cache" not in response and "ETag" not in response


# -- Two real processes on one database ----------------------------------------------------


def test_a_write_in_one_process_reaches_another_process_cache(tmp_path):
    """Two interpreters, each with its own memory cache, on one SQLite file."""
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    variables = {
        "DATABASE_URL": database,
        "PROTECTED_MEDIA_ROOT": str(tmp_path / "protected"),
        "PAGE_CACHE": "true",
    }
    setup = run_python(
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('migrate', verbosity=0); from tests.factories import CommuniqueFactory; "
        "CommuniqueFactory(title='Premier titre', slug='suivi')",
        **variables,
    )
    assert setup.returncode == 0, setup.stderr
    # One process serves the page twice (from its cache the second time), a second
    # process edits the item meanwhile; the first serves the new title at once.
    script = (
        "import django, subprocess, sys, os; django.setup(); from django.test import Client; "
        "url = '/communiques/suivi/'; c = Client(); "
        "first = c.get(url); second = c.get(url); "
        "edit = subprocess.run([sys.executable, '-c', 'import django; django.setup(); "
        'from communiques.models import Communique; i = Communique.objects.get(slug="suivi"); '
        'i.title = "Second titre"; i.save()\'], env=os.environ, capture_output=True, text=True); '
        "assert edit.returncode == 0, edit.stderr; third = c.get(url); "
        "print(first['X-Cache'], second['X-Cache'], third['X-Cache'], "
        "'Second titre' in third.text)"
    )
    result = run_python(script, **variables)
    assert result.stdout.split() == ["miss", "hit", "miss", "True"], result.stderr


@pytest.mark.django_db
def test_a_write_without_signals_shows_everywhere_after_rebuild_search_index(settings):
    from django.core.management import call_command

    theme = ThemeFactory()
    item = CommuniqueFactory(title="Titre importé", themes=[theme])
    pages = [theme.get_absolute_url(), item.get_absolute_url()]
    fill_both(settings, *pages)
    type(item).objects.filter(pk=item.pk).update(title="Titre corrigé en masse")

    call_command("rebuild_search_index", stdout=io.StringIO())

    for url in pages:
        assert all("Titre corrigé en masse" in text for text in on_both(settings, url)), url


@pytest.mark.django_db
def test_only_the_query_parameters_pages_read_make_cache_entries(settings):
    CommuniqueFactory(title="Assises de la coopération")
    visit(settings, "/communiques/?page=1")
    assert visit(settings, "/communiques/?page=1")["X-Cache"] == "hit"
    # Made-up parameters are answered but never kept: nobody can fill the cache with them.
    for url in ("/communiques/?utm_source=lettre", "/communiques/?page=1&page=1"):
        for _visit in range(2):
            response = visit(settings, url)
            assert response.status_code == 200
            assert "Assises de la coopération" in response.text
            assert response["X-Cache"] == "miss"
