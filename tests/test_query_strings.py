"""Any query string on any page is answered, never a server error.

Public pages, the admin's lists of every content type (and of themes) and the admin's
autocomplete are asked with arbitrary query strings: the keys the pages read and any
other, values of any text (NUL and other control characters, which PostgreSQL refuses or
mishandles, long values, huge numbers) and percent-encoded bytes that are not UTF-8. Each
answers with a page (200), a redirect, "bad request" (400) or "not found" (404).

Public pages are found in the URL configuration, so a page added later is asked too (a
URL parameter this module cannot fill fails the test until it is taught one).
"""

from urllib.parse import quote, quote_from_bytes

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cuf import content_types
from cuf.publishing.previews import preview_path
from cuf.themes.models import Theme, ThemeRedirect
from tests import factories

pytestmark = pytest.mark.django_db

# 410: a members' invitation link that does not work (here, a token made for a preview)
# says so, as the admin's does.
ANSWERED = {200, 301, 302, 400, 404, 410}
BOUNDED = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What the public pages read from the query string (views, paginators, the site map).
PUBLIC_KEYS = ["theme", "page", "periode", "q", "type", "annee", "p"]
# What the admin's lists read besides their filters (search, ordering, page, "show all",
# facets, the error flag, popups and their target field).
ADMIN_KEYS = ["q", "o", "p", "all", "e", "_facets", "_popup", "_to_field"]

# Values chosen for what they are likely to break, next to arbitrary ones.
NASTY_VALUES = [
    "",
    "\x00",
    "a\x00b",
    "\x1f\x7f\x85",
    "passes",
    "last",
    "0",
    "-1",
    "²",
    "١٢",
    "1_000",
    "99999999999",
    "9" * 40,
    "9" * 5000,
    "9998",
    "9999",
    "10000",
    "1",
    "12",
    "31",
    "13",
    "2020-01-01",
    "numéro",
    "[",
    "(",
    "%",
    "'; DROP TABLE cuf_theme; --",
    "é" * 3000,
]

values = st.one_of(
    st.sampled_from(NASTY_VALUES),
    st.text(),  # any character but surrogates: NUL and other control characters among them
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=5),
    st.integers().map(str),
    st.text(min_size=1, max_size=3).map(lambda text: text * 700),
)


def encoded(value: str) -> str:
    return quote(value, safe="")


def query_strings(keys: list[str]) -> st.SearchStrategy[str]:
    """Query strings of a few parameters, read by the page or not, percent-encoded as a
    browser sends them or holding bytes that are not UTF-8."""
    key = st.one_of(st.sampled_from(keys), st.text(max_size=20))
    value = st.one_of(values.map(encoded), st.binary(max_size=20).map(quote_from_bytes))
    pair = st.tuples(key.map(encoded), value).map("=".join)
    return st.lists(pair, max_size=4).map("&".join)


# Public pages


def _patterns(resolvers, prefix="", namespace=""):
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            space = ":".join(filter(None, [namespace, entry.namespace]))
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern), space)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), namespace, entry


def public_url_names() -> list[str]:
    """The name of every URL pattern outside the admin, as ``namespace:name``."""
    names = []
    for route, namespace, pattern in _patterns(get_resolver().url_patterns):
        if route.lstrip("^").startswith("admin/"):
            continue
        assert pattern.name, f"the URL pattern {route!r} has no name"
        names.append(":".join(filter(None, [namespace, pattern.name])))
    return names


def _url_parameters(name: str) -> list[str]:
    pattern = next(
        entry
        for route, namespace, entry in _patterns(get_resolver().url_patterns)
        if ":".join(filter(None, [namespace, entry.name])) == name
    )
    return list(pattern.pattern.regex.groupindex)


@pytest.fixture
def public_url(django_capture_on_commit_callbacks):
    """The address of a public page by its name, naming what it needs: one published item
    of each registered type, tagged with one theme, a communiqué's document, a draft's
    preview link. The search index is written as after a commit, so searches find them."""
    with django_capture_on_commit_callbacks(execute=True):
        theme = factories.ThemeFactory(name="Haïti")
        items = {
            config.namespace: factories.factory_for(config)(themes=[theme])
            for config in content_types.all_types()
        }
        document = factories.AttachmentFactory(item=items["communiques"])
        draft = factories.CommuniqueFactory(draft=True)

    def url(name: str) -> str:
        namespace = name.rpartition(":")[0]
        item = items.get(namespace)
        known = {
            "slug": item.slug if item is not None else theme.slug,
            "theme_slug": theme.slug,
            "kind": "video",
            "section": "agenda",
            "width": 320,
            "pk": 1,  # an item of the API (api:<type>_detail)
            "name": "0" * 32 + ".png",
            "uidb64": "MQ",  # a member's password reset link (its token: the preview's)
            **resolve(document.get_absolute_url()).kwargs,
            **resolve(preview_path(draft)).kwargs,
        }
        parameters = _url_parameters(name)
        missing = set(parameters) - set(known)
        assert not missing, f"{name}: no value to give {missing} in this test"
        return reverse(name, kwargs={key: known[key] for key in parameters})

    return url


PUBLIC_URL_NAMES = public_url_names()
# The security review's findings, and their kind, on every public page.
REPORTED_QUERIES = [
    "theme=%00",
    "q=num%C3%A9ro&theme=%00&type=%00&annee=%00&page=%00",
    "periode=%00&page=99999999999999999999&p=%00",
    "theme=a%00b&q=%00%1F&page=%C2%B2",
]


def test_every_public_page_answers_the_reported_query_strings(client, public_url):
    for config in content_types.all_types():
        assert {f"{config.namespace}:list", f"{config.namespace}:detail"} <= set(PUBLIC_URL_NAMES)
    assert {"cuf:home", "cuf:theme_detail", "search:results", "sitemap"} <= set(PUBLIC_URL_NAMES)
    for name in PUBLIC_URL_NAMES:
        url = public_url(name)
        for query in REPORTED_QUERIES:
            response = client.get(f"{url}?{query}")
            assert response.status_code in ANSWERED, f"{url}?{query}"


# Every page is one example among many: asking each page 40 times would take minutes.
@settings(BOUNDED, max_examples=200)
@given(name=st.sampled_from(PUBLIC_URL_NAMES), query=query_strings(PUBLIC_KEYS))
@example(name="resources:kind", query="theme=%00")
@example(name="search:results", query="q=num%C3%A9ro&theme=%00")
def test_public_pages_answer_any_query_string(client, public_url, name, query):
    response = client.get(f"{public_url(name)}?{query}")
    assert response.status_code in ANSWERED


def test_unknown_theme_in_a_list_is_still_the_french_404_page(client, public_url):
    for config in content_types.all_types():
        for slug in ("%00", "theme-qui-n-existe-pas", "a" * 300):
            response = client.get(f"{config.list_url}?theme={slug}")
            assert response.status_code == 404
            assert "Page introuvable" in response.text


def test_a_search_ignores_facets_it_cannot_read(client, public_url):
    response = client.get("/recherche/?q=num%C3%A9ro&theme=%00&type=%00&annee=%00")
    assert response.status_code == 200
    assert "<mark>numéro</mark>" in response.text


# The admin


def admin_models() -> list[str]:
    """Each content type's list, and the theme vocabulary's."""
    return [
        *(config.label_lower for config in content_types.all_types()),
        Theme._meta.label_lower,
        ThemeRedirect._meta.label_lower,
    ]


def admin_of(label: str):
    return next(
        model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.label_lower == label
    )


def admin_filter_keys() -> list[str]:
    """What the lists' filters and date hierarchies read from the query string, over
    every list asked (a key of another list is one more key a list does not read)."""
    request = RequestFactory().get("/")
    request.user = get_user_model()(is_active=True, is_staff=True, is_superuser=True)
    keys = set()
    for label in admin_models():
        model_admin = admin_of(label)
        changelist = model_admin.get_changelist_instance(request)
        keys.update(key for spec in changelist.filter_specs for key in spec.expected_parameters())
        if model_admin.date_hierarchy:
            keys.update(
                f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")
            )
    return sorted(keys)


# Deferred: the filters read the database (the themes offered), open once a test runs.
admin_query_strings = st.deferred(lambda: query_strings([*admin_filter_keys(), *ADMIN_KEYS]))


@pytest.fixture
def superuser(superuser_client):
    """A superuser's browser, and items of every type (published and draft) to list."""
    theme = factories.ThemeFactory(name="Haïti")
    for factory_class in factories.every_type_factory():
        factory_class(themes=[theme])
        factory_class(draft=True)
    ThemeRedirect.objects.create(old_slug="ancien-haiti", theme=theme)
    return superuser_client


# A date typed by hand (published_at__gte=2020-01-01) is naive: Django warns, which the
# test settings turn into an error.
IGNORE_NAIVE_DATES = pytest.mark.filterwarnings("ignore:DateTimeField .* naive datetime")


@pytest.mark.parametrize("label", admin_models())
@IGNORE_NAIVE_DATES
@BOUNDED
@given(query=admin_query_strings)
@example(query="status__exact=%00")
@example(query="kind__exact=%00")
@example(query="old_slug=%00")
@example(query="published_at__year=99999999999")
@example(query="title__regex=%5B")
def test_admin_list_answers_any_filter_value(superuser, label, query):
    opts = admin_of(label).model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = superuser.get(f"{url}?{query}")
    assert response.status_code in ANSWERED


# The security review's findings, and their kind, with what the admin answers: its own
# "invalid filter" (back to the unfiltered list), or the list.
ADMIN_REPORTED_QUERIES = {
    "status__exact=%00": 302,
    "status=%00": 302,
    "classement=%00": 302,
    "themes__id__exact=%00": 302,
    "published_at__year=99999999999": 302,
    "published_at__year=9999": 302,
    "published_at__year=9999&published_at__month=12": 302,
    "published_at__year=1": 302,
    "published_at__month=13": 302,
    "title__regex=%5B": 302,
    "title=%C3%89l%C3%A9ment": 302,
    "q=" + "mot+" * 1000: 200,
    # What the list's own links hold still works.
    "status__exact=draft&published_at__year=2020&published_at__month=5&published_at__day=12": 200,
    "classement=sans-theme&q=%C3%A9l%C3%A9ment&o=-3&p=1": 200,
}


def test_admin_lists_answer_the_reported_filter_values(superuser):
    for config in content_types.all_types():
        url = reverse(config.admin_url_name("changelist"))
        for query, status in ADMIN_REPORTED_QUERIES.items():
            response = superuser.get(f"{url}?{query}")
            assert response.status_code == status, f"{url}?{query}"
            if status == 302:
                assert response["Location"] == f"{url}?e=1"


def autocomplete_sources() -> list[tuple[str, str, str]]:
    """(app_label, model_name, field_name) of every autocomplete of the admin's forms."""
    sources = [
        (config.model._meta.app_label, config.model._meta.model_name, field)
        for config in content_types.all_types()
        for field in ("themes", "author")
    ]
    return [*sources, ("cuf", "themeredirect", "theme")]


@BOUNDED
@given(
    source=st.sampled_from(autocomplete_sources()),
    term=values.map(encoded),
    extra=query_strings(["term", "page"]),
)
@example(source=("communiques", "communique", "themes"), term="%00", extra="")
@example(source=("communiques", "communique", "author"), term="%00", extra="")
def test_admin_autocomplete_answers_any_term(superuser, source, term, extra):
    app_label, model_name, field_name = source
    query = f"app_label={app_label}&model_name={model_name}&field_name={field_name}"
    response = superuser.get(f"/admin/autocomplete/?{query}&term={term}&{extra}")
    assert response.status_code in ANSWERED


def test_admin_autocomplete_finds_nothing_for_a_term_no_one_types(superuser):
    for field_name in ("themes", "author"):
        query = f"app_label=communiques&model_name=communique&field_name={field_name}"
        for term in ("%00", "a%00", "mot+" * 1000):
            response = superuser.get(f"/admin/autocomplete/?{query}&term={term}")
            assert response.status_code == 200
            assert response.json() == {"results": [], "pagination": {"more": False}}
        assert superuser.get(f"/admin/autocomplete/?{query}&term=").json()["results"]
