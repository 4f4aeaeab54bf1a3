import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cuf.files.models import Attachment
from tests.factories import AttachmentFactory, CommuniqueFactory
from tests.files import image_upload, pdf_upload


@pytest.mark.django_db
def test_checked_document_records_its_size_type_and_format():
    upload = pdf_upload()
    document = AttachmentFactory(file=upload)
    document.refresh_from_db()
    assert document.size == upload.size > 0
    assert document.content_type == "application/pdf"
    assert document.format_label == "PDF"


@pytest.mark.django_db
def test_document_is_stored_under_a_generated_name_in_documents():
    document = AttachmentFactory(file=pdf_upload(name="Note confidentielle Dupont.PDF"))
    assert re.fullmatch(r"documents/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", document.file.name)
    assert document.file.storage.exists(document.file.name)
    with document.file.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"


@pytest.mark.django_db
def test_document_is_downloaded_under_its_title():
    document = AttachmentFactory(title="Programme du séminaire")
    assert document.filename == "programme-du-seminaire.pdf"
    assert document.get_absolute_url() == f"/documents/{document.pk}/programme-du-seminaire.pdf"
    assert str(document) == "Programme du séminaire"


@pytest.mark.django_db
def test_an_image_is_accepted_as_an_attachment_and_an_svg_is_refused_in_french():
    image = Attachment(item=CommuniqueFactory(), title="Affiche", file=image_upload())
    image.full_clean()
    assert image.is_image and image.format_label == "PNG"
    svg = SimpleUploadedFile("affiche.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    document = Attachment(item=CommuniqueFactory(), title="Affiche", file=svg)
    with pytest.raises(ValidationError) as caught:
        document.full_clean()
    assert caught.value.message_dict == {
        "file": [
            "Ce type de fichier n’est pas accepté ici. "
            "Formats acceptés pour un document ou une image : PDF, ODT, ODS, ODP, DOCX, XLSX, "
            "PPTX, JPEG, PNG, GIF, WebP."
        ]
    }


@pytest.mark.django_db
def test_web_page_renamed_pdf_is_refused_as_a_document():
    page = SimpleUploadedFile("programme.pdf", b"<html><script>alert(1)</script></html>")
    document = Attachment(item=CommuniqueFactory(), title="Programme", file=page)
    with pytest.raises(ValidationError) as caught:
        document.full_clean()
    assert caught.value.message_dict["file"] == [
        "Le contenu du fichier ne correspond pas à son extension (.pdf) : "
        "ce n’est pas un fichier PDF valide."
    ]


@pytest.mark.django_db
def test_document_without_a_file_is_refused():
    document = Attachment(item=CommuniqueFactory(), title="Programme")
    with pytest.raises(ValidationError) as caught:
        document.full_clean()
    assert list(caught.value.message_dict) == ["file"]


@pytest.mark.django_db
def test_editing_the_title_of_a_stored_document_keeps_its_file_and_measures():
    document = AttachmentFactory()
    stored_name, size = document.file.name, document.size
    document = Attachment.objects.get(pk=document.pk)
    document.title = "Programme définitif"
    document.full_clean()
    document.save()
    document.refresh_from_db()
    assert (document.file.name, document.size, document.format_label) == (stored_name, size, "PDF")


@pytest.mark.django_db
def test_documents_are_listed_by_position_then_in_the_order_added():
    communique = CommuniqueFactory()
    annexe = AttachmentFactory(item=communique, title="Annexe", position=2)
    programme = AttachmentFactory(item=communique, title="Programme", position=0)
    inscription = AttachmentFactory(item=communique, title="Inscription", position=1)
    carte = AttachmentFactory(item=communique, title="Carte", position=1)
    AttachmentFactory(title="Document d’un autre communiqué", position=0)

    assert list(communique.attachments.all()) == [programme, inscription, carte, annexe]


@pytest.mark.django_db
def test_deleting_a_communique_deletes_its_documents():
    document = AttachmentFactory()
    document.item.delete()
    assert not Attachment.objects.filter(pk=document.pk).exists()
