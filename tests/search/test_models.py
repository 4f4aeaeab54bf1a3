"""The index follows the content: after each commit, for every kind of change."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

from cuf.demo import load_demo
from cuf.publishing.rule import published_q
from resources.models import Resource
from search import indexing
from search.indexing import rebuild_index
from search.models import SearchEntry, SearchWord
from tests.factories import (
    AttachmentFactory,
    CommuniqueFactory,
    EventFactory,
    NewsItemFactory,
    ThemeFactory,
    resource_with_file,
)
from tests.files import pdf_upload
from tests.helpers import days_from_now

pytestmark = pytest.mark.django_db


def entry_of(item) -> SearchEntry:
    kind = {
        "communique": "communiques",
        "event": "agenda",
        "newsitem": "actualites",
        "resource": "ressources",
        "theme": "themes",
    }[item._meta.model_name]
    return SearchEntry.objects.get(kind=kind, object_id=item.pk)


def test_a_new_item_is_indexed_once_its_transaction_commits(committed):
    with committed():
        news = NewsItemFactory(title="Jumelage avec Kyoto", summary="Une belle rencontre.")
    entry = entry_of(news)
    assert entry.title == "Jumelage avec Kyoto"
    assert "belle rencontre" in entry.summary
    assert " kyoto " in entry.plain
    assert entry.get_absolute_url() == news.get_absolute_url()


def test_nothing_is_indexed_for_a_rolled_back_transaction(committed):
    with committed():
        try:
            with transaction.atomic():
                CommuniqueFactory(title="Jamais enregistré")
                raise RuntimeError("annulé")
        except RuntimeError:
            pass
    assert not SearchEntry.objects.filter(title="Jamais enregistré").exists()


def test_an_item_saved_many_times_in_one_transaction_is_indexed_once(committed, monkeypatch):
    indexed = []
    index_item = indexing.index_item
    monkeypatch.setattr(
        indexing,
        "index_item",
        lambda model, pk: (indexed.append((model, pk)), index_item(model, pk)),
    )
    themes = [ThemeFactory(), ThemeFactory()]
    with committed(), transaction.atomic():
        communique = CommuniqueFactory(themes=themes)
        communique.title = "Titre corrigé"
        communique.save()
        AttachmentFactory(item=communique)
    assert indexed.count((type(communique), communique.pk)) == 1
    assert entry_of(communique).title == "Titre corrigé"


def test_an_item_saved_again_after_its_commit_is_indexed_again(committed):
    with committed():
        communique = CommuniqueFactory(title="Premier titre")
    with committed():
        communique.title = "Second titre"
        communique.save()
    assert entry_of(communique).title == "Second titre"


def test_a_rolled_back_savepoint_does_not_keep_its_item_from_being_indexed(committed):
    with committed(), transaction.atomic():
        communique = CommuniqueFactory(title="Avant")
        try:
            with transaction.atomic():
                communique.title = "Annulé"
                communique.save()
                raise RuntimeError("annulé")
        except RuntimeError:
            pass
        communique.title = "Après"
        communique.save()
    assert entry_of(communique).title == "Après"


def test_editing_an_item_updates_its_entry(committed):
    with committed():
        event = EventFactory(title="Forum de Lyon", place="Lyon")
    with committed():
        event.title = "Forum de Lille"
        event.place = "Lille"
        event.save()
    entry = entry_of(event)
    assert entry.title == "Forum de Lille"
    assert "Lille" in entry.details and "Lyon" not in entry.details


def test_themes_added_or_removed_reach_the_entry(committed):
    haiti, sahel = ThemeFactory(name="Haïti"), ThemeFactory(name="Sahel")
    with committed():
        communique = CommuniqueFactory()
    with committed():
        communique.themes.set([haiti, sahel])
    assert set(entry_of(communique).themes.all()) == {haiti, sahel}
    assert "Haïti" in entry_of(communique).theme_names
    with committed():
        communique.themes.remove(sahel)
    assert list(entry_of(communique).themes.all()) == [haiti]
    assert "Sahel" not in entry_of(communique).theme_names


def test_a_renamed_theme_is_renamed_in_the_entries_of_its_items(committed):
    with committed():
        theme = ThemeFactory(name="Climat")
        news = NewsItemFactory(themes=[theme])
    with committed():
        theme.name = "Climat et transition écologique"
        theme.save()
    assert "transition écologique" in entry_of(news).theme_names
    assert "transition ecologique" in entry_of(news).plain
    assert entry_of(theme).title == "Climat et transition écologique"


def test_a_deleted_theme_leaves_the_index_and_its_items(committed):
    theme = ThemeFactory(name="Japon")
    with committed():
        news = NewsItemFactory(themes=[theme])
    with committed():
        theme.delete()
    assert not SearchEntry.objects.filter(kind="themes").exists()
    assert "Japon" not in entry_of(news).theme_names


def test_document_text_is_indexed_with_its_communique_and_leaves_with_it(committed):
    with committed():
        communique = CommuniqueFactory()
        document = AttachmentFactory(
            item=communique,
            title="Programme détaillé",
            file=pdf_upload(text="Seize heures : table ronde sur l'assainissement."),
        )
    entry = entry_of(communique)
    assert "Programme détaillé" in entry.attachments
    assert "table ronde sur l'assainissement" in entry.attachments
    with committed():
        document.delete()
    assert "assainissement" not in entry_of(communique).attachments


def test_a_deleted_item_leaves_the_index(committed):
    with committed():
        communique = CommuniqueFactory()
        AttachmentFactory(item=communique)
    with committed():
        communique.delete()
    assert not SearchEntry.objects.filter(kind="communiques").exists()


def test_drafts_are_indexed_but_never_public(committed):
    with committed():
        draft = CommuniqueFactory(status="draft")
        scheduled = CommuniqueFactory(published_at=days_from_now(1))
        public = CommuniqueFactory()
    found = set(SearchEntry.objects.public().values_list("object_id", flat=True))
    assert found == {public.pk}
    assert SearchEntry.objects.filter(object_id__in=[draft.pk, scheduled.pk]).count() == 2


def test_the_index_copies_every_field_the_publication_rule_reads():
    # If the rule gains a condition (an end of publication), the index must copy that
    # field too, or search would show what the rule hides.
    fields = {field.name for field in SearchEntry._meta.get_fields()}

    def lookups(q):
        for child in q.children:
            yield from lookups(child) if hasattr(child, "children") else [child[0]]

    read = list(lookups(published_q()))
    assert {"status", "published_at", "expires_at"} <= {lookup.split("__")[0] for lookup in read}
    for lookup in read:
        assert lookup.split("__")[0] in fields, lookup


def test_themes_are_indexed_and_always_public(committed):
    with committed():
        theme = ThemeFactory(name="Jeunesse", description="Volontariat et mobilité.")
    entry = entry_of(theme)
    assert entry.get_absolute_url() == f"/themes/{theme.slug}/"
    assert SearchEntry.objects.public().filter(pk=entry.pk).exists()


def test_rebuild_replaces_the_whole_index_and_the_word_list(committed):
    CommuniqueFactory(title="Coopération avec Haïti")  # written without the on_commit hooks
    NewsItemFactory(title="Mobilité des jeunes")
    SearchEntry.objects.create(
        kind="agenda", object_id=999, slug="x", title="Orphelin", status="published"
    )
    assert rebuild_index() == 2
    assert set(SearchEntry.objects.values_list("title", flat=True)) == {
        "Coopération avec Haïti",
        "Mobilité des jeunes",
    }
    assert SearchWord.objects.filter(word="coopération", folded="cooperation").exists()


def test_rebuild_search_index_command_says_how_many_entries(capsys):
    CommuniqueFactory()
    call_command("rebuild_search_index")
    assert "1 entrées" in capsys.readouterr().out


def test_the_demo_content_is_searchable_once_loaded(committed):
    with committed():
        created = load_demo()
    # One entry per item for everyone; a reserved item's teaser and whole text are two.
    entries = SearchEntry.objects.exclude(kind="themes")
    assert entries.exclude(audience="members").count() == sum(created.values())


def test_pdf_text_is_extracted_by_a_job_once_a_document_is_saved():
    document = AttachmentFactory(file=pdf_upload(text="Dix-sept heures : clôture des travaux."))
    document.refresh_from_db()
    assert "Dix-sept heures : clôture des travaux." in document.text
    assert document.get_text_status_display() == "texte extrait"


def test_a_pdf_that_does_not_open_is_refused_at_upload_in_french():
    damaged = SimpleUploadedFile("casse.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 200)
    with pytest.raises(ValidationError) as refused:
        AttachmentFactory(file=damaged)
    assert "Ce fichier PDF est illisible" in refused.value.message_dict["file"][0]


def test_text_resources_keep_the_text_of_their_pdf():
    resource = resource_with_file(
        kind=Resource.Kind.TEXT, upload=pdf_upload(text="Guide de l'eau potable au Sahel.")
    )
    resource.refresh_from_db()
    assert "eau potable au Sahel" in resource.text


def test_a_resource_that_trades_its_file_for_a_link_loses_the_text():
    resource = resource_with_file(kind=Resource.Kind.TEXT, upload=pdf_upload(text="Ancien texte."))
    resource.kind = Resource.Kind.VIDEO
    resource.file = ""
    resource.external_url = "https://video.example.org/v"
    resource.full_clean()
    assert resource.text == ""


def test_expired_items_are_never_found(committed):
    with committed():
        expired = CommuniqueFactory(published_at=days_from_now(-10), expires_at=days_from_now(-1))
        public = CommuniqueFactory()
    found = set(SearchEntry.objects.public().values_list("object_id", flat=True))
    assert found == {public.pk}
    assert SearchEntry.objects.filter(object_id=expired.pk).exists()


def test_merging_themes_updates_the_moved_items_in_the_index(committed):
    from cuf.themes.services import theme_merge

    with committed():
        source, target = ThemeFactory(name="Covid"), ThemeFactory(name="COVID-19 pandémie")
        item = CommuniqueFactory(themes=[source])
    with committed():
        theme_merge(sources=[source], target=target)
    entry = SearchEntry.objects.get(kind="communiques", object_id=item.pk)
    assert "COVID-19 pandémie" in entry.theme_names


def test_words_of_drafts_are_never_offered_as_suggestions(committed):
    from search.indexing import rebuild_index
    from search.models import SearchWord

    with committed():
        CommuniqueFactory(title="Plan confidentiel", draft=True)
        CommuniqueFactory(title="Rapport public")
    assert not SearchWord.objects.filter(word="confidentiel").exists()
    assert SearchWord.objects.filter(word="rapport").exists()
    rebuild_index()
    assert not SearchWord.objects.filter(word="confidentiel").exists()
    assert SearchWord.objects.filter(word="rapport").exists()
