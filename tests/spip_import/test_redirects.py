"""The old SPIP addresses: permanent redirects to what is public, 404 for everything else."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actualites.models import NewsItem
from agenda.models import Event
from communiques.models import Communique
from cuf.publishing.rule import Status
from cuf.themes.models import Theme
from spip_import.models import LegacyAddress
from spip_import.redirects import readable_candidates, spip_key
from tests.spip_import.helpers import run_import

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def imported(spip, img):
    img("pdf/rapport-annuel.pdf")
    img("pdf/brouillon.pdf")
    img("arton3.png")
    spip.rubrique(1, "Communiqués")
    spip.rubrique(4, "Sous-rubrique", id_parent=1)
    spip.rubrique(3, "Actualités")
    spip.groupe(1, "Thèmes")
    spip.mot(7, "Jeunesse", 1)
    spip.article(123, 4, "Publié")
    spip.article(124, 1, "Proposé", statut="prop")
    spip.article(125, 1, "Refusé", statut="refuse")
    spip.article(3, 3, "Actualité")
    spip.document(8, "pdf/rapport-annuel.pdf", titre="Rapport annuel")
    spip.document(9, "pdf/brouillon.pdf", titre="Brouillon")
    spip.attach(8, 123)
    spip.attach(9, 124)
    spip.readable_url("appel-a-projets-jeunesse", "article", 123)
    spip.readable_url("projet-en-cours", "article", 124)
    spip.readable_url("jeunesse", "mot", 7)
    run_import(spip, img, communiques=[1], actualites=[3])
    return Communique.objects.get(title="Publié")


def _redirects_to(client, url, target):
    response = client.get(url)
    assert response.status_code == 301, url
    assert response["Location"] == target


@pytest.mark.parametrize(
    "url",
    [
        "/spip.php?article123",
        "/article123.html",
        "/?page=article&id_article=123",
        "/spip.php?page=article&id_article=123",
        "/spip.php?id_article=123",
        "/appel-a-projets-jeunesse",
        "/appel-a-projets-jeunesse.html",
    ],
)
def test_old_article_addresses_redirect_permanently(client, imported, url):
    _redirects_to(client, url, imported.get_absolute_url())


def test_rubrique_redirects_to_its_section(client, imported):
    _redirects_to(client, "/spip.php?rubrique4", "/communiques/")
    _redirects_to(client, "/spip.php?rubrique3", "/actualites/")


def test_mot_redirects_to_its_theme(client, imported):
    theme = Theme.objects.get(name="Jeunesse")
    _redirects_to(client, "/spip.php?mot7", theme.get_absolute_url())
    _redirects_to(client, "/jeunesse", theme.get_absolute_url())


def test_file_under_img_redirects_to_its_download(client, imported):
    document = imported.attachments.get()
    _redirects_to(client, "/IMG/pdf/rapport-annuel.pdf", document.get_absolute_url())
    assert client.get(document.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/spip.php?article124",  # proposed: a draft
        "/projet-en-cours",
        "/IMG/pdf/brouillon.pdf",  # a draft's file
        "/spip.php?article125",  # refused: not imported
        "/article999.html",  # never existed
        "/?page=article&id_article=999",
        "/spip.php?rubrique9",
        "/IMG/pdf/inconnu.pdf",
    ],
)
def test_unpublished_or_unknown_is_404_never_a_redirect(client, imported, url):
    assert client.get(url).status_code == 404


def test_a_draft_stays_hidden_from_visitors_but_its_page_exists_for_staff(
    client, staff_client, imported
):
    draft = Communique.objects.get(title="Proposé")
    assert draft.status == Status.DRAFT
    assert client.get("/spip.php?article124").status_code == 404
    assert staff_client.get(draft.get_absolute_url()).status_code == 200


def test_an_item_unpublished_later_loses_its_redirect(client, imported):
    imported.status = Status.DRAFT
    imported.save()
    assert client.get("/spip.php?article123").status_code == 404
    assert client.get("/IMG/pdf/rapport-annuel.pdf").status_code == 404


def test_news_logo_and_the_home_page_are_left_alone(client, imported):
    assert NewsItem.objects.get().image
    assert client.get("/").status_code == 200
    assert client.get("/?theme=jeunesse").status_code != 301


def test_spip_key_reads_spip_forms_only():
    assert spip_key("/spip.php", "article12") == ("article", 12)
    assert spip_key("/spip.php", "article12&lang=fr") == ("article", 12)
    assert spip_key("/", "page=evenement&id_evenement=5") == ("evenement", 5)
    assert spip_key("/mot7.html", "") == ("mot", 7)
    assert spip_key("/communiques/", "article12") is None
    assert spip_key("/spip.php", "page=article&id_article=abc") is None
    assert spip_key("/spip.php", "article1234567890123456789") is None
    assert readable_candidates("/a\x00b") == []
    assert readable_candidates("/un//deux.html") == ["un/deux.html", "un/deux"]


def test_event_address_redirects_to_the_event(client, spip, img):
    spip.event(5, titre="Assises", date_debut="2024-11-18 09:00:00")
    spip.event(6, titre="Brouillon", date_debut="2024-11-18 09:00:00", statut="prop")
    run_import(spip, img)
    event = Event.objects.get(title="Assises")
    _redirects_to(client, "/?page=evenement&id_evenement=5", event.get_absolute_url())
    assert client.get("/?page=evenement&id_evenement=6").status_code == 404


def test_rubrique_and_mot_in_spip_propres_style(client, imported, spip):
    LegacyAddress.objects.create(old="Sous-rubrique", spip_type="rubrique", spip_id=4)
    _redirects_to(client, "/-Sous-rubrique-", "/communiques/")
    _redirects_to(client, "/+-jeunesse-+", Theme.objects.get(name="Jeunesse").get_absolute_url())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(["/", "/spip.php", "/index.php", "/article1.html", "/IMG/", "/x"]),
    extra=st.text(max_size=40),
    query=st.text(max_size=60),
)
def test_any_old_address_answers_a_redirect_or_a_404_never_an_error(client, path, extra, query):
    url = path + quote(extra) + "?" + quote(query, safe="=&")
    assert client.get(url).status_code in {200, 301, 302, 400, 404}


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("/spip.php?page=backend", "/rss/"),
        ("/?page=backend", "/rss/"),
        ("/spip.php?page=backend-breves&lang=fr", "/rss/"),
        ("/spip.php?page=plan", "/plan-du-site/"),
        ("/spip.php?page=contact", "/contact/"),
        ("/spip.php?page=recherche&recherche=eau+potable", "/recherche/?q=eau+potable"),
        ("/spip.php?page=recherche", "/recherche/"),
    ],
)
def test_spips_own_pages_lead_to_the_portals_that_do_the_same(client, url, address):
    # Its feed (whose subscribers keep their subscription), site map, contact and search.
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == address
    assert client.get(address).status_code == 200
