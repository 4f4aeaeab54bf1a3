"""Every admin screen an editor, a moderator or whoever manages accounts reads, scanned for
the wrong French the admin used to print: Django's "objet" sentences, participles that do
not agree with a feminine noun, English left over, a breadcrumb naming its section twice,
technical column names, django-reversion's "sauvée le"."""

import html
import json
import re

import pytest
from reversion.models import Version

from cuf import content_types
from cuf.themes.models import ThemeRedirect
from cuf.themes.services import theme_rename
from tests.admin_forms import admin_form_data
from tests.factories import ThemeFactory, factory_for

pytestmark = pytest.mark.django_db

# What must never be read on an admin screen (case-insensitive regular expressions).
WRONG = {
    "Django's “objet”": r"\bobjets?\b",
    "a feminine plural with a masculine participle": (
        r"\b(actualités|ressources|adresses de thèmes|publications)\s+"
        r"(sélectionnés|supprimés|publiés|ajoutés|modifiés)\b"
    ),
    "a feminine singular with a masculine participle": (
        r"\b(actualité|ressource|adresse de thème|publication)\s+(sélectionné|supprimé)\b"
    ),
    "a verb without article (“Ajouter communiqué”)": (
        r"\b(Ajouter|Modifier|Supprimer)\s+(communiqué|actualité|événement|ressource|thème)\b"
    ),
    "django-reversion's “sauvée le”": r"sauvée? le",
    "a technical column name": r">\s*slug\s*<",
    "English left over": (
        r"\b(Add|Change|Delete|History|Recover|Revert|Compare|Save|Home|Filter|Search|"
        r"Choose|Select|Remove|Yes|Show|Hide|Today|Now|Clear|True|False|None|Unknown)\b"
    ),
    "“avec succès”": r"avec succès",
    "Django's “un nouveau” whatever the noun": r"ajouter un nouveau\b",
    "a colon without its space": r"\w: ",
    "Django's time-zone note": r"votre heure (précède|est en avance|est en retard)",
}


def _text(page: str) -> str:
    """What a person reads or hears: the text, and the labels attributes carry."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    attributes = re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', page)
    attributes += re.findall(r'<input type="(?:submit|button)"[^>]*value="([^"]*)"', page)
    visible = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(" ".join([visible, *attributes]))


def _breadcrumbs(page: str) -> list[str]:
    match = re.search(r'<div class="breadcrumbs">(.*?)</div>', page, re.S)
    if not match:
        return []
    return [
        html.unescape(re.sub(r"<[^>]+>", "", crumb)).strip() for crumb in match.group(1).split("›")
    ]


def _screens(client, django_user_model) -> list[str]:
    theme = ThemeFactory(name="Jeunesse")
    other = ThemeFactory(name="Sahel")
    theme_rename(theme=other, name="Sahel et Sahara", slug="sahel-sahara")
    redirect = ThemeRedirect.objects.get()
    member = django_user_model.objects.create_user(
        username="awa", first_name="Awa", last_name="Diop", is_staff=True
    )
    screens = [
        "/admin/",
        "/admin/cuf/theme/",
        "/admin/cuf/theme/add/",
        "/admin/cuf/theme/sans-theme/",
    ]
    screens += [f"/admin/cuf/theme/{theme.pk}/change/", f"/admin/cuf/theme/{theme.pk}/delete/"]
    screens += ["/admin/cuf/themeredirect/", f"/admin/cuf/themeredirect/{redirect.pk}/change/"]
    screens += [
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        f"/admin/auth/user/{member.pk}/change/",
    ]
    for config in content_types.all_types():
        opts = config.model._meta
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        item = factory_for(config)(title="Rencontre des jumelages", themes=[theme])
        change = f"{base}{item.pk}/change/"
        # Saved twice from the form: two versions, a history, a comparison.
        for title in ("Rencontre des jumelages 2026", "Rencontre des jumelages 2027"):
            data = admin_form_data(client.get(change))
            data["title"] = title
            assert client.post(change, data).status_code == 302, client.post(change, data).text
        versions = Version.objects.get_for_object(item)
        screens += [
            base,
            f"{base}add/",
            change,
            f"{base}{item.pk}/history/",
            f"{base}{item.pk}/history/{versions.last().pk}/",
            f"{base}{item.pk}/history/compare/?version_id1={versions.last().pk}"
            f"&version_id2={versions.first().pk}",
            f"{base}{item.pk}/delete/",
            f"{base}recover/",
            f"{base}?classement=sans-theme",
        ]
    return screens


def _scan(client, screens) -> dict:
    found = {}
    for path in screens:
        response = client.get(path)
        assert response.status_code == 200, path
        text = _text(response.text)
        for what, pattern in WRONG.items():
            for match in re.finditer(pattern, text, re.I):
                start = max(0, match.start() - 40)
                found.setdefault(path, []).append(f"{what}: …{text[start : match.end() + 40]}…")
        crumbs = _breadcrumbs(response.text)
        doubled = [c for n, c in enumerate(crumbs) if c and c in crumbs[:n]]
        if doubled:
            found.setdefault(path, []).append(f"breadcrumb twice: {' › '.join(crumbs)}")
    return found


def test_no_admin_screen_reads_the_wrong_french(superuser_client, django_user_model):
    found = _scan(superuser_client, _screens(superuser_client, django_user_model))
    assert found == {}, "\n".join(f"{path}: {' | '.join(lines)}" for path, lines in found.items())


def test_editors_and_moderators_read_no_wrong_french_either(
    superuser_client, editor_client, moderator_client, django_user_model
):
    screens = _screens(superuser_client, django_user_model)
    # Each reads what it may open (moderators restore nothing, accounts are not theirs).
    for client in (editor_client, moderator_client):
        allowed = [
            path
            for path in screens
            if client.get(path).status_code == 200 and "/auth/user/" not in path
        ]
        assert len(allowed) > 20
        found = _scan(client, allowed)
        assert found == {}, "\n".join(
            f"{path}: {' | '.join(lines)}" for path, lines in found.items()
        )


def test_bulk_deletion_agrees_with_each_type_and_its_confirmation_names_them(superuser_client):
    items = [factory_for(config)() for config in content_types.all_types()]
    theme = ThemeFactory(name="Sahel")
    theme_rename(theme=theme, name="Sahel et Sahara", slug="sahel-sahara")
    for config in content_types.all_types():
        opts = config.model._meta
        page = html.unescape(
            superuser_client.get(f"/admin/{opts.app_label}/{opts.model_name}/").text
        )
        noun = config.noun
        assert f"Supprimer {noun.the_plural} {noun.agree('sélectionné', 2)}" in page
    page = html.unescape(superuser_client.get("/admin/cuf/themeredirect/").text)
    assert "Supprimer les anciennes adresses de thèmes sélectionnées" in page
    news = [item for item in items if item._meta.model_name == "newsitem"]
    confirm = superuser_client.post(
        "/admin/actualites/newsitem/",
        {"action": "delete_selected", "_selected_action": [news[0].pk]},
    )
    text = html.unescape(re.sub(r"<[^>]+>", " ", confirm.text))
    assert "Voulez-vous vraiment supprimer les actualités sélectionnées ?" in text
    assert _breadcrumbs(confirm.text) == ["Accueil", "Actualités", "Supprimer la sélection"]


def test_breadcrumbs_name_the_section_once_and_a_new_item_as_the_title_does(superuser_client):
    page = superuser_client.get("/admin/communiques/communique/add/").text
    assert _breadcrumbs(page) == ["Accueil", "Communiqués", "Nouveau communiqué"]
    page = superuser_client.get("/admin/agenda/event/add/").text
    assert _breadcrumbs(page) == ["Accueil", "Agenda", "Événements", "Nouvel événement"]
    page = superuser_client.get("/admin/actualites/newsitem/").text
    assert _breadcrumbs(page) == ["Accueil", "Actualités"]


def test_the_themes_list_shows_addresses_not_a_slug_column(superuser_client):
    ThemeFactory(name="Jeunesse", slug="jeunesse")
    page = superuser_client.get("/admin/cuf/theme/").text
    headers = [
        html.unescape(re.sub(r"<[^>]+>", "", header)).strip()
        for header in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', page, re.S)
    ]
    assert "Adresse" in headers and "Slug" not in headers
    assert "/themes/jeunesse/" in page


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_portals_own_wording_of_library_sentences_is_compiled(domain):
    """locale/fr/LC_MESSAGES/<domain>.mo says what <domain>.po says (compilemessages ran)."""
    import gettext
    from pathlib import Path

    from django.conf import settings

    folder = Path(settings.LOCALE_PATHS[0]) / "fr" / "LC_MESSAGES"
    source = (folder / f"{domain}.po").read_text()
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', source, re.M)
    assert pairs
    with open(folder / f"{domain}.mo", "rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    for msgid, msgstr in pairs:
        assert catalog.gettext(msgid) == msgstr


def test_the_date_widgets_and_actions_write_french_apostrophes(superuser_client):
    """The admin's scripts (calendar shortcut, time zone note, actions' warnings) say
    « Aujourd’hui », as the rest of the portal writes it."""
    script = superuser_client.get("/admin/jsi18n/").text
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalog["Today"] == "Aujourd’hui"
    sentences = [
        sentence
        for said in catalog.values()
        for sentence in (said if isinstance(said, list) else [said])
    ]
    assert [sentence for sentence in sentences if "'" in sentence] == []
