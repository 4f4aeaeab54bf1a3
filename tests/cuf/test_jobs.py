"""Slow work is a job: what a request does (queue, never read a PDF's text nor send a
mail), what the jobs do (read under limits, deliver with retries), and where an operator
sees them. The real worker, as a process, is in tests/test_worker.py."""

import datetime
import re
import smtplib
import time
from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cuf.files import extract
from cuf.files.models import Attachment
from cuf.files.text_jobs import TextStatus
from cuf.operations.mail import deliver_mail, message_to_json
from tests.communiques.test_admin import add_form_data
from tests.factories import AttachmentFactory, CommuniqueFactory
from tests.files import (
    crafted_pdf_many_operators,
    crafted_pdf_shared_empty_stream,
    pdf_upload,
    ten_page_pdf,
    zip_as_pdf,
)

pytestmark = pytest.mark.django_db

ADD = "/admin/communiques/communique/add/"
RESET = "/admin/mot-de-passe-oublie/"
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queued(settings):
    """Jobs go to the database queue, as in production, and wait there."""
    settings.TASKS = QUEUE
    settings.EMAIL_BACKEND = "cuf.operations.mail.QueuedEmailBackend"
    cache.clear()
    return DBTaskResult.objects


def _no_text_read(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("le texte d’un PDF a été lu dans la requête")

    monkeypatch.setattr(extract, "_read_text", refuse)


# PDF text


def test_saving_a_document_queues_one_job_and_reads_no_text_in_the_request(
    editor_client, queued, monkeypatch
):
    _no_text_read(monkeypatch)
    upload = SimpleUploadedFile("programme.pdf", ten_page_pdf(), content_type="application/pdf")
    response = editor_client.post(ADD, add_form_data(documents=[("Programme", upload)]))
    assert response.status_code == 302
    document = Attachment.objects.get()
    assert (document.text, document.text_status) == ("", TextStatus.PENDING)
    (job,) = queued.all()
    assert job.task_path == "cuf.files.text_jobs.extract_text"
    assert job.args_kwargs["args"] == ["cuf.Attachment", document.pk, document.file.name]


def test_the_job_reads_the_text_and_the_item_enters_search(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = AttachmentFactory(
            item=CommuniqueFactory(title="Rencontres"),
            file=SimpleUploadedFile("rapport.pdf", ten_page_pdf("Tombouctou")),
        )
    document.refresh_from_db()
    assert document.text_status == TextStatus.EXTRACTED
    assert "Tombouctou" in document.text
    assert "Rencontres" in client.get("/recherche/", {"q": "Tombouctou"}).text


@pytest.mark.parametrize(
    "crafted", [crafted_pdf_many_operators, crafted_pdf_shared_empty_stream], ids=["ops", "pages"]
)
def test_crafted_pdfs_are_accepted_then_marked_unreadable_within_seconds(crafted):
    started = time.monotonic()
    document = AttachmentFactory(file=SimpleUploadedFile("piege.pdf", crafted()))
    document.refresh_from_db()
    assert document.text_status == TextStatus.UNREADABLE
    assert document.get_text_status_display() == "texte illisible"
    assert time.monotonic() - started < 10
    assert document.file.size == len(crafted())  # still there, still served


def test_a_child_over_its_cpu_time_is_stopped_and_reported(settings):
    settings.PDF_LIMITS = {**settings.PDF_LIMITS, "cpu_seconds": 1}
    from cuf.files.limits import LimitReached, Limits, run_limited

    started = time.monotonic()
    with pytest.raises(LimitReached):
        run_limited(_spin, limits=Limits(cpu_seconds=1, memory_mb=256))
    assert time.monotonic() - started < 5


def _spin():
    while True:
        pass


def test_a_child_over_its_memory_is_stopped_and_reported():
    from cuf.files.limits import LimitReached, Limits, run_limited

    with pytest.raises(LimitReached):
        run_limited(_hoard, limits=Limits(cpu_seconds=5, memory_mb=64))


def _hoard():
    return len(bytearray(512 * 1024 * 1024))


def test_a_zip_behind_a_pdf_line_is_refused_at_upload_in_french(editor_client, queued):
    upload = SimpleUploadedFile("rapport.pdf", zip_as_pdf(), content_type="application/pdf")
    response = editor_client.post(ADD, add_form_data(documents=[("Rapport", upload)]))
    assert response.status_code == 200
    assert "Ce fichier PDF est illisible" in response.text
    assert not Attachment.objects.exists() and not queued.exists()


def test_the_other_fields_are_checked_before_the_file_is_read(monkeypatch):
    def refuse(uploaded):
        raise AssertionError("le fichier a été lu alors que le titre était refusé")

    monkeypatch.setattr("cuf.files.checks.pdf_opens", refuse)
    document = Attachment(
        item=CommuniqueFactory(), title="Deux\nlignes", file=pdf_upload(), position=1
    )
    with pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert set(refused.value.message_dict) == {"title"}


def test_a_replaced_file_keeps_the_newer_text():
    document = AttachmentFactory(file=pdf_upload(text="Premier programme."))
    document.file = pdf_upload(text="Second programme.")
    document.full_clean()
    document.save()
    document.refresh_from_db()
    assert "Second programme." in document.text and "Premier" not in document.text


# Mail


def _post_reset(client, address, **extra):
    return client.post(RESET, {"email": address}, **extra)


@pytest.fixture
def staff_with_email(editor):
    editor.email = "redactrice@example.org"
    editor.save()
    return editor


def _shape(queries) -> list[str]:
    """The statements, without their values."""
    return [re.sub(r"'(?:[^']|'')*'|\b\d+\b", "?", query["sql"]) for query in queries]


def test_the_reset_request_does_the_same_work_whatever_the_address(
    client, queued, staff_with_email
):
    answers, shapes = [], []
    for address in ["redactrice@example.org", "personne@example.org"]:
        with CaptureQueriesContext(connection) as queries:
            answers.append(_post_reset(client, address))
        shapes.append(_shape(queries.captured_queries))
    assert answers[0].status_code == answers[1].status_code == 302
    assert answers[0]["Location"] == answers[1]["Location"]
    assert shapes[0] == shapes[1]
    assert mail.outbox == []  # nothing sent inside the request
    jobs = list(queued.order_by("enqueued_at"))
    assert [job.task_path for job in jobs] == [
        "cuf.accounts.password_reset.send_password_reset"
    ] * 2
    assert [job.args_kwargs["args"] for job in jobs] == [
        ["redactrice@example.org"],
        ["personne@example.org"],
    ]


def test_the_reset_mail_links_to_site_url_never_to_the_host_asked(
    client, staff_with_email, settings
):
    settings.ALLOWED_HOSTS = ["portail.test"]
    cache.clear()
    _post_reset(client, "redactrice@example.org", HTTP_HOST="portail.test:31337")
    (message,) = mail.outbox
    assert "https://portail.example.org/admin/nouveau-mot-de-passe/" in message.body
    assert "31337" not in message.body and "portail.test" not in message.body
    assert "1 heure" in message.body
    assert message.body.rstrip().endswith(settings.ORGANISATION["name"])
    assert "L’équipe" not in message.body and "L'équipe" not in message.body


def test_a_queued_mail_is_delivered_by_its_job(settings, queued):
    from django.core.mail import send_mail

    send_mail("Objet", "Texte", None, ["a@example.org"])
    assert mail.outbox == []
    (job,) = queued.all()
    deliver_mail.call(*job.args_kwargs["args"], **job.args_kwargs["kwargs"])
    (message,) = mail.outbox
    assert (message.subject, message.body, message.to) == ("Objet", "Texte", ["a@example.org"])


class RefusingBackend:
    error: Exception = ConnectionRefusedError(111, "Connection refused")

    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        raise self.error

    def __exit__(self, *exc):
        return False


class RejectingBackend(RefusingBackend):
    error = smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"No such user")})


def _message() -> dict:
    return message_to_json(mail.EmailMessage("Objet", "Texte", "p@example.org", ["a@example.org"]))


def test_a_mail_server_that_does_not_answer_gets_another_attempt_later(settings, queued):
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.RefusingBackend"
    before = timezone.now()
    outcome = deliver_mail.call(_message())
    assert "nouvel essai" in outcome
    (retry,) = queued.all()
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    delay = settings.MAIL_RETRY_DELAYS[0]
    assert before + datetime.timedelta(seconds=delay - 1) <= retry.run_after
    assert not queued.ready().exists()  # not before its time


def test_the_last_attempt_fails_for_the_admin_to_see(settings, queued):
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.RefusingBackend"
    with pytest.raises(ConnectionRefusedError):
        deliver_mail.call(_message(), attempt=len(settings.MAIL_RETRY_DELAYS) + 1)
    assert not queued.exists()


def test_a_refused_address_is_not_tried_again(settings, queued):
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.RejectingBackend"
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        deliver_mail.call(_message())
    assert not queued.exists()


# Where operators see jobs


def test_failed_jobs_are_listed_in_french_in_the_admin(superuser_client, queued):
    job = deliver_mail.enqueue(_message())
    DBTaskResult.objects.filter(pk=job.id).update(
        status="FAILED",
        exception_class_path="ConnectionRefusedError",
        traceback="Traceback…",
        finished_at=timezone.now(),
    )
    page = superuser_client.get(
        "/admin/django_tasks_database/dbtaskresult/", {"etat": "FAILED"}
    ).text
    assert "Tâches de fond" in page
    assert "Envoyer un message" in page
    assert "échouée" in page and "ConnectionRefusedError" in page
    assert "Task" not in re.sub(r"<[^>]+>", "", page)


def test_editors_do_not_see_the_job_queue(editor_client):
    response = editor_client.get("/admin/django_tasks_database/dbtaskresult/")
    assert response.status_code == 403


def test_the_editor_sees_whether_a_documents_text_is_read(editor_client, queued):
    document = AttachmentFactory(file=SimpleUploadedFile("piege.pdf", crafted_pdf_many_operators()))
    change = f"/admin/communiques/communique/{document.item.pk}/change/"
    assert "texte en cours d’extraction" in editor_client.get(change).text
    job = queued.get()
    from cuf.files.text_jobs import extract_text

    extract_text.call(*job.args_kwargs["args"])
    assert "texte illisible" in editor_client.get(change).text


def test_a_file_gone_from_storage_is_marked_unreadable_not_a_crash(queued):
    document = AttachmentFactory(file=pdf_upload())
    document.file.storage.delete(document.file.name)
    from cuf.files.text_jobs import extract_text

    job = queued.get()
    assert "illisible" in extract_text.call(*job.args_kwargs["args"])
    document.refresh_from_db()
    assert document.text_status == TextStatus.UNREADABLE


def _nightly_prune_arguments() -> list[str]:
    """The arguments the nightly unit gives the prune command, read from the unit file."""
    unit = (Path(__file__).resolve().parents[2] / "deploy" / "cuf-sauvegarde.service").read_text()
    (line,) = [line for line in unit.splitlines() if "prune_db_task_results" in line]
    return line.split("prune_db_task_results", 1)[1].split()


def test_the_nightly_run_forgets_old_finished_jobs_and_keeps_failures_longer(queued):
    now = timezone.now()
    ages = {"recent": (2, "SUCCESSFUL"), "old": (40, "SUCCESSFUL"), "failed": (40, "FAILED")}
    ages["old failure"] = (100, "FAILED")
    jobs = {}
    for name, (days, status) in ages.items():
        job = deliver_mail.enqueue(_message())
        finished = now - datetime.timedelta(days=days)
        queued.filter(pk=job.id).update(status=status, finished_at=finished)
        jobs[name] = job.id
    waiting = deliver_mail.enqueue(_message()).id

    call_command("prune_db_task_results", *_nightly_prune_arguments(), verbosity=0)

    kept = {str(pk) for pk in queued.values_list("pk", flat=True)}
    assert kept == {jobs["recent"], jobs["failed"], waiting}
