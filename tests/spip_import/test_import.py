"""The import of a SPIP site into the portal: fields, statuses, themes, files, events, and
a second run that changes nothing."""

import datetime

import pytest
from django.utils import timezone

from actualites.models import NewsItem
from agenda.models import Event
from communiques.models import Communique
from cuf.publishing.rule import Status
from cuf.themes.models import Theme
from resources.models import Resource
from search.models import SearchEntry
from spip_import.models import SpipObject
from tests.spip_import.helpers import run_import

pytestmark = pytest.mark.django_db(transaction=True)

PARIS = datetime.timezone(datetime.timedelta(hours=2))  # summer time, as in the dates below


@pytest.fixture
def site(spip):
    spip.rubrique(1, "Communiqués")
    spip.rubrique(2, "Archives", id_parent=1)
    spip.rubrique(3, "Actualités")
    spip.rubrique(4, "Ressources")
    spip.rubrique(9, "Hors import")
    return spip


def test_article_fields_become_the_communique(site, img):
    site.article(
        12,
        1,
        "10. Appel à projets Jeunesse",
        surtitre="MEAE/DAECT",
        soustitre="Édition 2020",
        chapo="Un {{appel}} ouvert.",
        texte="Le texte.",
        ps="Post-scriptum.",
        date="2020-05-12 10:30:00",
        date_redac="2020-05-01 09:00:00",
    )
    report = run_import(site, img, communiques=[1])

    item = Communique.objects.get()
    assert item.title == "Appel à projets Jeunesse"
    assert item.surtitre == "MEAE/DAECT"
    assert item.status == Status.PUBLISHED
    # The date SPIP shows is "date"; "date_redac" is an earlier writing date.
    assert item.published_at == datetime.datetime(2020, 5, 12, 10, 30, tzinfo=PARIS)
    assert item.body == (
        "<p><strong>Édition 2020</strong></p><p>Un <strong>appel</strong> ouvert.</p>"
        "<p>Le texte.</p><p>Post-scriptum.</p>"
    )
    assert report.counts[("Communiqués", "created")] == 1


def test_zero_date_redac_means_the_article_date(site, img):
    site.article(12, 1, "Titre", date="2019-03-04 08:00:00", date_redac="0000-00-00 00:00:00")
    run_import(site, img, communiques=[1])
    assert Communique.objects.get().published_at == datetime.datetime(
        2019, 3, 4, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
    )


def test_sub_rubriques_are_imported_and_others_are_not(site, img):
    site.article(1, 1, "Dans la rubrique")
    site.article(2, 2, "Dans la sous-rubrique")
    site.article(3, 9, "Ailleurs")
    run_import(site, img, communiques=[1])
    assert sorted(Communique.objects.values_list("title", flat=True)) == [
        "Dans la rubrique",
        "Dans la sous-rubrique",
    ]


def test_statuses_publie_prop_prepa_refuse_poubelle(site, img):
    site.article(1, 1, "Publié", statut="publie")
    site.article(2, 1, "Proposé", statut="prop")
    site.article(3, 1, "En rédaction", statut="prepa")
    site.article(4, 1, "Refusé", statut="refuse")
    site.article(5, 1, "Jeté", statut="poubelle")
    report = run_import(site, img, communiques=[1])

    statuses = dict(Communique.objects.values_list("title", "status"))
    assert statuses == {
        "Publié": Status.PUBLISHED,
        "Proposé": Status.DRAFT,
        "En rédaction": Status.DRAFT,
    }
    assert "article 4 : refusé" in report.skipped
    assert "article 5 : à la poubelle" in report.skipped
    assert "Ignorés : 2" in report.lines()


def test_news_item_summary_from_chapo_or_descriptif(site, img):
    site.article(1, 3, "Avec chapô", chapo="Le {chapô}.", descriptif="Ignoré", texte="Corps")
    site.article(2, 3, "Sans chapô", descriptif="Le descriptif.", texte="Corps")
    run_import(site, img, actualites=[3])
    summaries = dict(NewsItem.objects.values_list("title", "summary"))
    assert summaries == {"Avec chapô": "Le chapô.", "Sans chapô": "Le descriptif."}
    assert NewsItem.objects.get(title="Avec chapô").body == "<p>Corps</p>"


def test_news_image_from_the_logo_document(site, img):
    img("jpg/logo.jpg")
    site.article(1, 3, "Avec logo")
    site.document(5, "jpg/logo.jpg", mode="logoon", titre="Une place de village", credits="CUF")
    site.attach(5, 1)
    run_import(site, img, actualites=[3])
    item = NewsItem.objects.get()
    assert item.image
    assert item.image_alt == "Une place de village"
    assert item.image_credit == "CUF"
    assert (item.image_width, item.image_height) == (40, 30)


def test_news_image_from_a_spip3_logo_file(site, img):
    img("arton1.png")
    site.article(1, 3, "Logo SPIP 3")
    run_import(site, img, actualites=[3])
    item = NewsItem.objects.get()
    assert item.image
    assert item.image_alt == "Logo SPIP 3"


def test_documents_attached_in_order_with_titles(site, img):
    img("pdf/programme.pdf")
    img("pdf/annexe.pdf")
    site.article(1, 1, "Avec documents")
    site.document(7, "pdf/annexe.pdf", titre="Annexe")
    site.document(8, "pdf/programme.pdf", titre="Programme")
    site.attach(7, 1, rang=2)
    site.attach(8, 1, rang=1)
    run_import(site, img, communiques=[1])
    documents = Communique.objects.get().attachments.all()
    assert [d.title for d in documents] == ["Programme", "Annexe"]
    assert documents[0].format_label == "PDF"
    assert "Quinze heures" in documents[0].text


def test_missing_and_refused_files_are_reported_and_the_item_imported(site, img):
    img("pdf/faux.pdf", b"ceci n'est pas un PDF")
    site.article(1, 1, "Fichiers à problèmes")
    site.document(7, "pdf/absent.pdf", titre="Absent")
    site.document(8, "pdf/faux.pdf", titre="Faux")
    site.attach(7, 1)
    site.attach(8, 1)
    report = run_import(site, img, communiques=[1])
    assert Communique.objects.get().attachments.count() == 0
    assert "document 7 (IMG/pdf/absent.pdf) : fichier introuvable" in report.files
    assert any(line.startswith("document 8 (IMG/pdf/faux.pdf) : refusé") for line in report.files)


def test_oversized_image_is_refused(site, img, settings):
    settings.IMAGE_MAX_PIXELS = 100
    img("arton1.png")
    site.article(1, 3, "Logo trop grand")
    report = run_import(site, img, actualites=[3])
    assert not NewsItem.objects.get().image
    assert any("trop grande" in line for line in report.files)


def test_resource_kind_from_its_main_document(site, img):
    img("jpg/photo.jpg")
    img("wav/son.wav")
    img("pdf/guide.pdf")
    for number, name in ((1, "jpg/photo.jpg"), (2, "wav/son.wav"), (3, "pdf/guide.pdf")):
        site.article(number, 4, f"Ressource {number}")
        site.document(number, name, credits=f"Crédit {number}")
        site.attach(number, number)
    site.article(4, 4, "Sans document")
    report = run_import(site, img, ressources=[4])
    kinds = dict(Resource.objects.values_list("title", "kind"))
    assert kinds == {
        "Ressource 1": "photo",
        "Ressource 2": "son",
        "Ressource 3": "texte",
        "Sans document": "texte",
    }
    assert Resource.objects.get(title="Ressource 2").credit == "Crédit 2"
    # Nothing to download: its text waits as a draft for its file, and the report says so.
    assert Resource.objects.get(title="Sans document").status == "draft"
    assert report.drafts == [
        "article 4 : ressource sans fichier ni lien utilisable, importée en brouillon"
    ]
    assert not [line for line in report.skipped if line.startswith("article 4")]
    assert not [line for line in report.skipped if line.startswith("article 1")]
    # A photo needs a text alternative: without a document title, the article's title.
    assert Resource.objects.get(title="Ressource 1").image_alt == "Ressource 1"


def test_a_photo_resource_takes_its_documents_title_as_text_alternative(site, img):
    img("jpg/puits.jpg")
    site.article(1, 4, "Album du forum")
    site.document(1, "jpg/puits.jpg", titre="Un puits neuf à Kaya")
    site.attach(1, 1)
    run_import(site, img, ressources=[4])
    photo = Resource.objects.get()
    assert (photo.kind, photo.image_alt) == ("photo", "Un puits neuf à Kaya")
    photo.image_alt = "Le puits neuf de Kaya, au soleil"
    photo.save()
    run_import(site, img, ressources=[4])
    assert Resource.objects.get().image_alt == "Le puits neuf de Kaya, au soleil"


def test_a_photo_resource_gets_its_text_alternative(site, img):
    img("jpg/forage.jpg")
    img("jpg/sans-titre.jpg")
    site.article(1, 4, "Inauguration du forage")
    site.document(1, "jpg/forage.jpg", titre="Le maire devant le forage")
    site.attach(1, 1)
    site.article(2, 4, "Délégation japonaise")
    site.document(2, "jpg/sans-titre.jpg")
    site.attach(2, 2)
    report = run_import(site, img, ressources=[4])

    alts = dict(Resource.objects.values_list("title", "image_alt"))
    assert alts == {
        "Inauguration du forage": "Le maire devant le forage",
        "Délégation japonaise": "Délégation japonaise",
    }
    assert not report.skipped


def test_agenda_events_with_their_article_text(site, img):
    site.article(30, 9, "Article de l’événement", texte="Le {{programme}}.")
    site.event(
        1,
        id_article=30,
        titre="Assises",
        date_debut="2024-11-18 09:00:00",
        date_fin="2024-11-21 17:00:00",
        lieu="Palais des congrès",
        adresse="2 place de la Porte Maillot, Paris",
        horaire="oui",
        descriptif="Quatre jours.",
    )
    site.event(2, titre="Journée", date_debut="2024-06-03 00:00:00", horaire="non")
    site.event(3, titre="Refusé", date_debut="2024-06-03 00:00:00", statut="refuse")
    report = run_import(site, img, communiques=[1])

    assises = Event.objects.get(title="Assises")
    paris = timezone.get_current_timezone()
    assert timezone.localtime(assises.starts_at, paris).replace(tzinfo=None) == datetime.datetime(
        2024, 11, 18, 9, 0
    )
    assert timezone.localtime(assises.ends_at, paris).hour == 17
    assert not assises.all_day
    assert assises.place == "Palais des congrès, 2 place de la Porte Maillot, Paris"
    assert assises.body == "<p>Quatre jours.</p><p>Le <strong>programme</strong>.</p>"
    journee = Event.objects.get(title="Journée")
    assert journee.all_day
    assert not Event.objects.filter(title="Refusé").exists()
    assert "événement 3 : refusé" in report.skipped


def test_keywords_become_themes(site, img):
    Theme.objects.create(name="Haïti", slug="haiti")
    site.groupe(1, "Thématiques")
    site.groupe(2, "Pays")
    site.groupe(3, "Autres")
    site.mot(1, "Jeunesse", 1)
    site.mot(2, "Sénégal", 2)
    site.mot(3, "jeunesse", 3)  # the same name in another groupe
    site.mot(4, "HAITI", 2)  # already in the portal, without its accent
    site.article(1, 1, "Classé")
    for mot in (1, 2, 3, 4):
        site.tag(mot, "article", 1)
    run_import(site, img, communiques=[1], pays_groups=[2])

    assert sorted(Theme.objects.values_list("name", "kind")) == [
        ("Haïti", "thematique"),
        ("Jeunesse", "thematique"),
        ("Sénégal", "pays-region"),
    ]
    assert sorted(t.name for t in Communique.objects.get().themes.all()) == [
        "Haïti",
        "Jeunesse",
        "Sénégal",
    ]


def test_direction_overrides_in_spip_titles_are_dropped_and_the_article_imported(site, img):
    # The portal refuses them in one-line fields; an invisible character is not worth
    # losing an article over.
    site.groupe(1, "Pays")
    site.mot(1, "\u202bLiban\u202c", 1)
    site.article(1, 1, "\u202eAtelier \u2067بيروت\u2069", surtitre="\u202dCUF")
    site.tag(1, "article", 1)
    report = run_import(site, img, communiques=[1])

    item = Communique.objects.get()
    assert (item.title, item.surtitre) == ("Atelier بيروت", "CUF")
    assert [t.name for t in item.themes.all()] == ["Liban"]
    assert not report.skipped


def test_a_second_run_changes_nothing_and_a_third_follows_spip(site, img):
    img("pdf/programme.pdf")
    img("arton2.png")
    site.groupe(1, "Thèmes")
    site.mot(1, "Eau", 1)
    site.article(1, 1, "Communiqué", texte="Voir [l’actu->art2] et <doc8>.")
    site.article(2, 3, "Actualité", texte="Texte")
    site.document(8, "pdf/programme.pdf", titre="Programme")
    site.attach(8, 1)
    site.tag(1, "article", 1)
    site.event(1, id_article=2, titre="Rencontre", date_debut="2024-06-03 10:00:00")
    site.event(2, titre="Journée", date_debut="2024-06-04 00:00:00", horaire="non")
    run_import(site, img, communiques=[1], actualites=[3])
    first = {
        model: list(model.objects.order_by("pk").values())
        for model in (Communique, NewsItem, Event, Theme, SpipObject)
    }
    report = run_import(site, img, communiques=[1], actualites=[3])
    assert {model: list(model.objects.order_by("pk").values()) for model in first} == first
    assert not any(action != "unchanged" for _, action in report.counts)

    site.update("spip_articles", {"id_article": 1}, titre="Communiqué modifié")
    report = run_import(site, img, communiques=[1], actualites=[3])
    assert Communique.objects.get().title == "Communiqué modifié"
    assert report.counts[("Communiqués", "updated")] == 1
    assert Communique.objects.count() == 1


def test_dry_run_changes_nothing_and_says_what_it_would_do(site, img):
    img("pdf/programme.pdf")
    site.article(1, 1, "Communiqué")
    site.document(8, "pdf/programme.pdf")
    site.attach(8, 1)
    report = run_import(site, img, communiques=[1], dry_run=True)
    assert report.counts[("Communiqués", "created")] == 1
    assert report.lines()[0].startswith("Import SPIP (essai à blanc")
    assert not Communique.objects.exists()
    assert not SpipObject.objects.exists()


def test_internal_links_and_images_are_rewritten(site, img):
    img("jpg/carte.jpg")
    img("pdf/programme.pdf")
    site.article(
        1,
        1,
        "Liens",
        texte="[L’autre->art2], [la rubrique->rub3], [le programme->doc8], <img9|left>",
    )
    site.article(2, 1, "Autre article")
    site.document(8, "pdf/programme.pdf", titre="Programme")
    site.document(9, "jpg/carte.jpg", titre="Carte du réseau")
    site.attach(8, 1)
    site.attach(9, 1, vu="oui")
    run_import(site, img, communiques=[1, 3])
    item = Communique.objects.get(title="Liens")
    other = Communique.objects.get(title="Autre article")
    document = item.attachments.get()
    assert f'<a href="{other.get_absolute_url()}"' in item.body
    assert '<a href="/communiques/"' in item.body
    assert f'<a href="{document.get_absolute_url()}"' in item.body
    assert '<img src="/editeur/images/' in item.body
    assert 'alt="Carte du réseau"' in item.body


def test_unconverted_shortcuts_are_reported_with_the_article(site, img):
    site.article(1, 1, "Modèle", texte="Voir <article77> et [ceci->art999].")
    report = run_import(site, img, communiques=[1])
    assert "article 1 : <article77>" in report.unconverted
    assert "article 1 : [ceci->art999]" in report.unconverted
    assert "&lt;article77&gt;" in Communique.objects.get().body


def test_a_text_that_is_only_an_unconverted_shortcut_is_kept(site, img):
    site.article(1, 1, "Seul", texte="<doc77>")
    run_import(site, img, communiques=[1])
    assert Communique.objects.get().body == "<p>&lt;doc77&gt;</p>"


def test_imported_items_are_found_by_search(site, img, client):
    site.article(1, 1, "Assises de la coopération", texte="Le programme des assises.")
    site.article(2, 1, "Brouillon introuvable", statut="prop")
    run_import(site, img, communiques=[1])
    assert SearchEntry.objects.filter(title="Assises de la coopération").exists()
    found = client.get("/recherche/", {"q": "assises"}).content.decode()
    assert "<mark>Assises</mark> de la coopération" in found
    assert "introuvable" not in client.get("/recherche/", {"q": "brouillon"}).content.decode()


def test_notes_come_after_the_post_scriptum(site, img):
    site.article(1, 1, "Notes", texte="Texte[[Une note.]]", ps="Post-scriptum.")
    run_import(site, img, communiques=[1])
    assert Communique.objects.get().body == (
        '<p>Texte&nbsp;<a href="#note-1" id="appel-1" rel="noopener noreferrer">[1]</a></p>'
        "<p>Post-scriptum.</p><h2>Notes</h2>"
        '<p id="note-1"><a href="#appel-1" rel="noopener noreferrer">[1]</a>&nbsp;Une note.</p>'
    )


def test_an_attached_image_the_text_does_not_show_is_in_the_communiques_gallery(site, img, client):
    img("jpg/photo.jpg")
    site.article(1, 1, "Image jointe")
    site.document(9, "jpg/photo.jpg", titre="Photo", descriptif="Le {port}", credits="A. Diallo")
    site.attach(9, 1)
    report = run_import(site, img, communiques=[1])
    assert not report.files
    (image,) = Communique.objects.get().attachments.all()
    assert (image.title, image.description, image.credit) == ("Photo", "Le port", "A. Diallo")
    assert image.is_image
    page = client.get(Communique.objects.get().get_absolute_url()).content.decode()
    assert '<section class="attached-images"' in page and image.get_absolute_url() in page
    # Its old address leads to it.
    response = client.get("/IMG/jpg/photo.jpg")
    assert response.status_code == 301 and response["Location"] == image.get_absolute_url()


def test_a_news_items_pdf_is_its_attachment_and_a_resources_second_document_too(site, img, client):
    img("pdf/rapport.pdf")
    img("pdf/guide.pdf")
    img("pdf/annexe.pdf")
    site.article(1, 3, "Une actualité", texte="Téléchargez-le ci-dessous.")
    site.document(7, "pdf/rapport.pdf", titre="Rapport annuel")
    site.attach(7, 1)
    site.article(2, 4, "Un guide")
    site.document(8, "pdf/guide.pdf", titre="Guide")
    site.document(9, "pdf/annexe.pdf", titre="Annexe du guide")
    site.attach(8, 2, rang=1)
    site.attach(9, 2, rang=2)
    dry = run_import(site, img, actualites=[3], ressources=[4], dry_run=True)
    report = run_import(site, img, actualites=[3], ressources=[4])
    assert not report.files and dry.counts == report.counts
    assert report.counts[("Documents", "created")] == 2
    news, resource = NewsItem.objects.get(), Resource.objects.get()
    assert [a.title for a in news.attachments.all()] == ["Rapport annuel"]
    assert [a.title for a in resource.attachments.all()] == ["Annexe du guide"]
    for item, old in ((news, "/IMG/pdf/rapport.pdf"), (resource, "/IMG/pdf/annexe.pdf")):
        attachment = item.attachments.get()
        page = client.get(item.get_absolute_url()).content.decode()
        assert "Documents à télécharger" in page and attachment.get_absolute_url() in page
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"] == attachment.get_absolute_url()
        assert client.get(response["Location"]).status_code == 200
    # A second run changes nothing.
    again = run_import(site, img, actualites=[3], ressources=[4])
    assert again.counts[("Documents", "unchanged")] == 2


def test_a_drafts_attachments_and_their_old_addresses_stay_private(site, img, client):
    img("pdf/rapport.pdf")
    site.article(1, 3, "Brouillon", statut="prepa")
    site.document(7, "pdf/rapport.pdf", titre="Rapport confidentiel")
    site.attach(7, 1)
    run_import(site, img, actualites=[3])
    attachment = NewsItem.objects.get().attachments.get()
    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert client.get("/IMG/pdf/rapport.pdf").status_code == 404


def test_a_remote_document_is_reported_with_its_reason(site, img):
    site.article(1, 1, "Avec un lien")
    site.document(7, "https://example.org/rapport.pdf", titre="Rapport", distant="oui")
    site.attach(7, 1)
    report = run_import(site, img, communiques=[1])
    assert report.files == [
        "document 7 (article 1) : distant (https://example.org/rapport.pdf), non joint : "
        "une pièce jointe du portail est un fichier (un lien vers lui peut être ajouté au texte)"
    ]
