import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from communiques.models import Document
from tests.factories import CommuniqueFactory, DocumentFactory
from tests.files import image_upload, pdf_upload


@pytest.mark.django_db
def test_checked_document_records_its_size_type_and_format():
    upload = pdf_upload()
    document = DocumentFactory(file=upload)
    document.refresh_from_db()
    assert document.size == upload.size > 0
    assert document.content_type == "application/pdf"
    assert document.format_label == "PDF"


@pytest.mark.django_db
def test_document_is_stored_under_a_generated_name_in_documents():
    document = DocumentFactory(file=pdf_upload(name="Note confidentielle Dupont.PDF"))
    assert re.fullmatch(r"documents/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", document.file.name)
    assert document.file.storage.exists(document.file.name)
    with document.file.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"


@pytest.mark.django_db
def test_document_is_downloaded_under_its_title():
    document = DocumentFactory(title="Programme du séminaire")
    assert document.filename == "programme-du-seminaire.pdf"
    assert document.get_absolute_url() == f"/documents/{document.pk}/programme-du-seminaire.pdf"
    assert str(document) == "Programme du séminaire"


@pytest.mark.django_db
def test_image_is_refused_as_a_document_with_a_french_message():
    document = Document(communique=CommuniqueFactory(), title="Affiche", file=image_upload())
    with pytest.raises(ValidationError) as caught:
        document.full_clean()
    assert caught.value.message_dict == {
        "file": [
            "Ce type de fichier n’est pas accepté ici. "
            "Formats acceptés pour un document : PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX."
        ]
    }


@pytest.mark.django_db
def test_web_page_renamed_pdf_is_refused_as_a_document():
    page = SimpleUploadedFile("programme.pdf", b"<html><script>alert(1)</script></html>")
    document = Document(communique=CommuniqueFactory(), title="Programme", file=page)
    with pytest.raises(ValidationError) as caught:
        document.full_clean()
    assert caught.value.message_dict["file"] == [
        "Le contenu du fichier ne correspond pas à son extension (.pdf) : "
        "ce n’est pas un fichier PDF valide."
    ]


@pytest.mark.django_db
def test_document_without_a_file_is_refused():
    document = Document(communique=CommuniqueFactory(), title="Programme")
    with pytest.raises(ValidationError) as caught:
        document.full_clean()
    assert list(caught.value.message_dict) == ["file"]


@pytest.mark.django_db
def test_editing_the_title_of_a_stored_document_keeps_its_file_and_measures():
    document = DocumentFactory()
    stored_name, size = document.file.name, document.size
    document = Document.objects.get(pk=document.pk)
    document.title = "Programme définitif"
    document.full_clean()
    document.save()
    document.refresh_from_db()
    assert (document.file.name, document.size, document.format_label) == (stored_name, size, "PDF")


@pytest.mark.django_db
def test_documents_are_listed_by_position_then_in_the_order_added():
    communique = CommuniqueFactory()
    annexe = DocumentFactory(communique=communique, title="Annexe", position=2)
    programme = DocumentFactory(communique=communique, title="Programme", position=0)
    inscription = DocumentFactory(communique=communique, title="Inscription", position=1)
    carte = DocumentFactory(communique=communique, title="Carte", position=1)
    DocumentFactory(title="Document d’un autre communiqué", position=0)

    assert list(communique.documents.all()) == [programme, inscription, carte, annexe]


@pytest.mark.django_db
def test_deleting_a_communique_deletes_its_documents():
    document = DocumentFactory()
    document.communique.delete()
    assert not Document.objects.filter(pk=document.pk).exists()
