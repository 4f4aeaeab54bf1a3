import html
import re

import pytest
from django.core.cache import cache
from django.db import connection

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="recherche plein texte de PostgreSQL"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="recherche de SQLite")


@pytest.fixture(autouse=True)
def _fresh_facet_cache():
    """Facet counts are cached; each test starts without any."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what is written inside as a committed transaction would: the index updates
    scheduled with on_commit run at the end of the block (tests run inside a transaction
    that never commits)."""

    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


@pytest.fixture
def search_page(client):
    """GET /recherche/ with ``q`` and facet parameters, as the header form sends them."""

    def get(q: str = "", **params):
        response = client.get("/recherche/", {"q": q, **params})
        assert response.status_code == 200
        return response

    return get


def result_titles(response) -> list[str]:
    """The titles of the results, in order, as text (highlights removed)."""
    links = re.findall(
        r'<li class="search-result">.*?<h3><a href="[^"]*">(.*?)</a></h3>', response.text, re.S
    )
    return [html.unescape(re.sub(r"</?mark>", "", title)) for title in links]


def result_links(response) -> list[str]:
    return re.findall(r'<li class="search-result">.*?<h3><a href="([^"]*)">', response.text, re.S)
