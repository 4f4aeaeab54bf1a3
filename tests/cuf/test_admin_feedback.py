"""What the admin says after the actions that matter: when a scheduled item goes online
(in Paris time), which version a restore brought back, and what a merge moved or not."""

import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
from reversion.models import Version

from actualites.models import NewsItem
from cuf.admin.wording import moment
from cuf.themes.models import Theme
from tests.admin_forms import admin_form_data
from tests.cuf.test_history import COMMUNIQUES, _write_then_edit
from tests.factories import CommuniqueFactory, EventFactory, NewsItemFactory, ThemeFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NEWS = "/admin/actualites/newsitem/"


def _messages(response) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", str(m))) for m in response.context["messages"]]


def test_a_moment_reads_as_editors_say_it_in_paris_time():
    now = datetime.datetime(2026, 12, 7, 12, tzinfo=PARIS)
    assert moment(datetime.datetime(2026, 12, 10, 9, tzinfo=PARIS), now=now) == (
        "jeudi 10 décembre à 9 h"
    )
    # 8:30 in Dakar (UTC) is 9:30 in Paris in winter.
    dakar = datetime.datetime(2026, 12, 10, 8, 30, tzinfo=datetime.UTC)
    assert moment(dakar, now=now) == "jeudi 10 décembre à 9 h 30"
    assert moment(datetime.datetime(2027, 3, 1, 17, 5, tzinfo=PARIS), now=now) == (
        "lundi 1er mars 2027 à 17 h 05"
    )


def test_scheduling_an_item_says_when_it_goes_online_in_paris_time(editor_client):
    item = NewsItemFactory(title="Appel à projets", draft=True)
    change = f"{NEWS}{item.pk}/change/"
    data = admin_form_data(editor_client.get(change))
    when = datetime.datetime.now(PARIS).replace(microsecond=0, second=0) + datetime.timedelta(
        days=3
    )
    when = when.replace(hour=9, minute=0)
    data.update(
        status="published",
        published_at_0=when.strftime("%d/%m/%Y"),
        published_at_1="09:00",
    )
    response = editor_client.post(change, data, follow=True)
    said = _messages(response)
    expected = (
        f"L’actualité « Appel à projets » a été programmée pour le {moment(when)} (heure de Paris)."
    )
    assert expected in said, said
    assert "à 9 h" in expected
    # Saved again without touching its date: still scheduled, and said so.
    data = admin_form_data(editor_client.get(change))
    data["title"] = "Appel à projets 2027"
    said = _messages(editor_client.post(change, data, follow=True))
    assert (
        f"L’actualité « Appel à projets 2027 » a été modifiée ; elle reste programmée pour "
        f"le {moment(when)} (heure de Paris)." in said
    )
    # An item published now says "modifié(e)", without a date.
    data = admin_form_data(editor_client.get(change))
    data.update(published_at_0="01/01/2026", published_at_1="09:00")
    said = _messages(editor_client.post(change, data, follow=True))
    assert "L’actualité « Appel à projets 2027 » a été modifiée." in said
    assert NewsItem.objects.get().is_public


def test_restoring_a_version_says_which_one_came_back_and_the_history_numbers_them(
    editor_client,
):
    communique = _write_then_edit(editor_client)
    oldest = Version.objects.get_for_object(communique).last()
    url = f"{COMMUNIQUES}{communique.pk}/history/{oldest.pk}/"
    response = editor_client.post(url, admin_form_data(editor_client.get(url)), follow=True)
    said = " ".join(_messages(response))
    written = moment(oldest.revision.date_created)
    assert f"a été restauré à la version 1 (enregistrée le {written} par redactrice)." in said, said
    assert "a été modifié" not in said
    history = html.unescape(editor_client.get(f"{COMMUNIQUES}{communique.pk}/history/").text)
    rows = re.findall(r"<th scope=\"row\">.*?Version (\d+)<span", history)
    assert rows == ["3", "2", "1"]
    assert re.search(r"Version 1 du \d+ \w+ \d{4} à [\d:]+ restaurée\.", history)
    assert "sauvée le" not in history


def test_recovering_a_deleted_item_says_so(editor_client):
    from communiques.models import Communique

    communique = _write_then_edit(editor_client)
    pk = communique.pk
    editor_client.post(f"{COMMUNIQUES}{pk}/delete/", {"post": "yes"})
    version = Version.objects.get_deleted(Communique).get(object_id=str(pk))
    recover = f"{COMMUNIQUES}recover/{version.pk}/"
    response = editor_client.post(recover, admin_form_data(editor_client.get(recover)), follow=True)
    said = " ".join(_messages(response))
    assert "a été récupéré à la version 2 (enregistrée le" in said, said


THEMES = "/admin/cuf/theme/"


def test_a_merge_that_moves_nothing_says_so_before_and_after(moderator_client):
    covid, corona = ThemeFactory(name="COVID-19"), ThemeFactory(name="Coronavirus")
    for _ in range(2):
        CommuniqueFactory(themes=[covid, corona])
    CommuniqueFactory(themes=[covid])
    selection = {"action": "merge_themes", "_selected_action": [covid.pk, corona.pk]}
    page = html.unescape(moderator_client.post(THEMES, selection).text)
    assert (
        "Proposé : garder « COVID-19 », le plus utilisé. Les 2 contenus classés sous "
        "« Coronavirus » ont déjà le thème « COVID-19 » : rien ne sera déplacé ; ce thème "
        "sera supprimé et son adresse redirigera vers le thème conservé."
    ) in page
    assert "passeront" not in re.sub(r"<p[^>]*hidden[^>]*>.*?</p>", "", page)
    # Keeping the other one would move one item: its sentence is there for the script.
    assert (
        "Garder « Coronavirus ». Sur les 3 contenus classés sous « COVID-19 », 1 passera "
        "sous « Coronavirus » et 2 l’ont déjà"
    ) in page
    done = moderator_client.post(
        THEMES, {**selection, "target": covid.pk, "confirmer": "Fusionner"}, follow=True
    )
    assert (
        "1 thème fusionné dans « COVID-19 » : aucun contenu déplacé, tous avaient déjà ce thème."
        in _messages(done)
    )
    assert list(Theme.objects.all()) == [covid]


def test_a_merge_says_how_many_moved_and_how_many_had_the_theme(moderator_client):
    covid, corona = ThemeFactory(name="COVID-19"), ThemeFactory(name="Coronavirus")
    CommuniqueFactory(themes=[covid, corona])
    EventFactory(themes=[corona])
    NewsItemFactory(themes=[covid])
    NewsItemFactory(themes=[covid])
    selection = {"action": "merge_themes", "_selected_action": [covid.pk, corona.pk]}
    done = moderator_client.post(
        THEMES, {**selection, "target": covid.pk, "confirmer": "Fusionner"}, follow=True
    )
    assert "1 thème fusionné dans « COVID-19 » : 1 contenu déplacé (1 l’avait déjà)." in _messages(
        done
    )
