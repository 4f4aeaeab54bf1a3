"""A second run of the import keeps what moderators did to the themes it made: a renamed
theme keeps its name and items, a merged one stays merged."""

import pytest

from actualites.models import NewsItem
from cuf.themes.models import Theme
from cuf.themes.services import theme_merge, theme_rename
from tests.spip_import.helpers import run_import

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_second_import_keeps_the_renamed_and_merged_themes(spip, img):
    spip.rubrique(2, "Actualités")
    spip.groupe(1, "Thèmes")
    spip.groupe(2, "Zones géographiques")
    spip.mot(7, "Maroc", 2)
    spip.mot(15, "Associations", 1)
    spip.mot(17, "Grand public", 1)
    spip.article(1, 2, "Tiznit : un forage", texte="Le forage.")
    for id_mot in (7, 15, 17):
        spip.tag(id_mot, "article", 1)
    spip.article(2, 2, "Une association à Tiznit", texte="Le marché.")
    spip.tag(15, "article", 2)
    run_import(spip, img, actualites=[2], pays_groups=[2])

    theme_rename(theme=Theme.objects.get(name="Maroc"), name="Royaume du Maroc")
    theme_merge(
        sources=[Theme.objects.get(name="Associations")],
        target=Theme.objects.get(name="Grand public"),
    )
    run_import(spip, img, actualites=[2], pays_groups=[2])

    assert sorted(Theme.objects.values_list("name", flat=True)) == [
        "Grand public",
        "Royaume du Maroc",
    ]
    themes_of = lambda title: sorted(  # noqa: E731
        NewsItem.objects.get(title=title).themes.values_list("name", flat=True)
    )
    assert themes_of("Tiznit : un forage") == ["Grand public", "Royaume du Maroc"]
    assert themes_of("Une association à Tiznit") == ["Grand public"]


def test_a_second_import_keeps_a_theme_a_moderator_added_and_follows_spip_for_the_others(spip, img):
    spip.rubrique(2, "Actualités")
    spip.groupe(1, "Thèmes")
    spip.mot(1, "Eau", 1)
    spip.mot(2, "Jeunesse", 1)
    spip.article(1, 2, "Tiznit : un forage", texte="Le forage.")
    spip.tag(1, "article", 1)
    spip.tag(2, "article", 1)
    run_import(spip, img, actualites=[2])
    item = NewsItem.objects.get()
    item.themes.add(Theme.objects.create(name="Sahel", slug="sahel"))

    spip.execute("DELETE FROM spip_mots_liens WHERE id_mot = 2")  # unlinked in SPIP since
    run_import(spip, img, actualites=[2])

    assert sorted(item.themes.values_list("name", flat=True)) == ["Eau", "Sahel"]
