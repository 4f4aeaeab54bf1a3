"""The legal pages say what the law and the RGAA ask: the accessibility statement's dates,
test environment, pages checked and use of JavaScript; the legal notice's director of
publication and host, with a visible placeholder while they are not set, and a warning
before deployment."""

import re

import pytest
from django.conf import settings
from django.test import override_settings

from cuf.operations.legal import legal_notice_check
from cuf.public import accessibility
from tests.helpers import main_text

pytestmark = pytest.mark.django_db


def organisation(**values):
    return override_settings(ORGANISATION={**settings.ORGANISATION, **values})


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main_text(response)))


def test_the_statement_says_when_it_was_made_and_updated(client):
    text = text_of(client.get("/accessibilite/"))
    assert "Cette déclaration a été établie le 7 décembre 2026" in text
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(accessibility, "UPDATED_ON", accessibility.MADE_ON.replace(year=2027))
        text = text_of(client.get("/accessibilite/"))
    assert "établie le 7 décembre 2026 et mise à jour le 7 décembre 2027" in text


def test_the_statement_gives_its_test_environment_and_the_pages_it_checked(client):
    response = client.get("/accessibilite/")
    text = text_of(response)
    assert "Environnement de test" in text and "Chromium" in text and "axe-core" in text
    assert "Technologies d’assistance" in text and "lecteur d’écran" in text
    assert "Pages vérifiées" in text
    for label, url in accessibility.pages_checked():
        assert f'<a href="{url}">{label}</a>' in response.text.replace("&#x27;", "’")
        assert client.get(url).status_code == 200, url


def test_the_statement_says_javascript_runs_the_phone_menu(client):
    text = text_of(client.get("/accessibilite/"))
    assert "le bouton « Menu »" in text
    assert "n’est utilisé que pour" not in text


def test_the_statement_links_the_multi_year_plan_when_there_is_one(client):
    assert "n’a pas encore publié de schéma pluriannuel" in text_of(client.get("/accessibilite/"))
    with organisation(accessibility_plan="https://www.example.org/schema-pluriannuel.pdf"):
        response = client.get("/accessibilite/")
    assert '<a href="https://www.example.org/schema-pluriannuel.pdf">' in response.text


def test_the_legal_notice_shows_placeholders_for_an_unset_director_and_host(client):
    with organisation(publication_director="", host=""):
        text = text_of(client.get("/mentions-legales/"))
    assert "Directeur ou directrice de la publication" in text and "Hébergement" in text
    assert text.count("À compléter :") == 2
    assert "PUBLICATION_DIRECTOR" in text and "HOSTING_PROVIDER" in text


def test_the_legal_notice_names_the_director_and_host_once_set(client):
    with organisation(publication_director="Jeanne Martin, présidente", host="Hébergeur SAS"):
        text = text_of(client.get("/mentions-legales/"))
    assert "Jeanne Martin, présidente" in text and "Hébergeur SAS" in text
    assert "À compléter" not in text


def test_deployment_is_warned_of_an_unset_director_or_host():
    with organisation(publication_director="", host=" "):
        assert [w.id for w in legal_notice_check()] == ["cuf.W021", "cuf.W022"]
    with organisation(publication_director="Jeanne Martin", host=""):
        assert [w.id for w in legal_notice_check()] == ["cuf.W022"]
    with organisation(publication_director="Jeanne Martin", host="Hébergeur SAS"):
        assert legal_notice_check() == []
