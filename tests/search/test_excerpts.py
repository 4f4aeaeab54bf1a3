"""Search excerpts: what a visitor reads under each result is the item's readable text,
or a document's text said to come from that document (on either database)."""

import re

import pytest

from search.text import split_attachments
from tests.factories import AttachmentFactory, CommuniqueFactory, NewsItemFactory
from tests.files import image_upload, pdf_upload
from tests.helpers import main_text
from tests.search.conftest import result_titles

pytestmark = pytest.mark.django_db


def excerpts(response) -> list[str]:
    found = re.findall(r'<p class="excerpt[^"]*">(.*?)</p>', response.text, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip() for text in found]


def test_an_image_text_alternative_finds_its_item_but_is_never_its_excerpt(committed, search_page):
    with committed():
        NewsItemFactory(
            title="Les Assises 2027",
            summary="",
            body="<p>Les inscriptions ouvrent en janvier.</p>",
            image=image_upload(),
            image_alt="Affiche des Assises sur fond bleu",
        )
    response = search_page("affiche")
    assert result_titles(response) == ["Les Assises 2027"]
    assert excerpts(response) == ["Les inscriptions ouvrent en janvier."]
    assert "fond bleu" not in main_text(response)


def test_a_document_s_text_is_shown_as_coming_from_that_document(committed, search_page):
    with committed():
        communique = CommuniqueFactory(
            title="Appel à projets 2027", body="<p>Les dossiers sont attendus en mars.</p>"
        )
        AttachmentFactory(
            item=communique,
            title="Règlement",
            position=1,
            file=pdf_upload(title="Règlement", text="Article 1 : les projets associent des élus."),
        )
        AttachmentFactory(
            item=communique,
            title="Formulaire de candidature",
            position=2,
            file=pdf_upload(
                title="Formulaire de candidature - cooperation decentralisee",
                text="Indiquez le budget prévisionnel du partenariat.",
            ),
        )
    response = search_page("budget")
    assert result_titles(response) == ["Appel à projets 2027"]
    [excerpt] = excerpts(response)
    assert excerpt == (
        "Dans le document « Formulaire de candidature » : "
        "Indiquez le budget prévisionnel du partenariat."
    )
    # The heading repeating the document's title (PDF boilerplate) is left out.
    assert "cooperation decentralisee" not in excerpt


def test_a_match_in_the_item_s_own_text_is_shown_from_it_not_from_a_document(
    committed, search_page
):
    with committed():
        communique = CommuniqueFactory(
            title="Appel à projets", body="<p>Le budget est de dix mille euros.</p>"
        )
        AttachmentFactory(
            item=communique,
            title="Annexe",
            file=pdf_upload(title="Annexe", text="Le budget détaillé par poste."),
        )
    [excerpt] = excerpts(search_page("budget"))
    assert "budget est de dix mille euros" in excerpt  # (ts_headline's cut on PostgreSQL)
    assert "Dans le document" not in excerpt and "par poste" not in excerpt


def test_each_document_is_kept_apart_under_its_title_in_the_index(committed):
    from search.models import SearchEntry

    with committed():
        communique = CommuniqueFactory(title="Rencontre")
        AttachmentFactory(
            item=communique,
            title="Programme",
            position=1,
            file=pdf_upload(title="Programme", text="Accueil à neuf heures."),
        )
    [entry] = SearchEntry.objects.filter(kind="communiques")
    [document] = split_attachments(entry.attachments)
    assert document.title == "Programme"
    assert document.text == "Accueil à neuf heures."
