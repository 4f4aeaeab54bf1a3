"""The text of a stored file, read by a job: saving never waits for it.

A model whose files have text for search (a communiqué's document, a text resource) keeps
``text`` and ``text_status``. When a new file is checked, its status becomes "en cours"
(``mark_new_file``); the change signal of its save (cuf.changes) then queues one
``extract_text`` job (``queue_extraction``), in the same transaction as the row: the job
exists exactly when the row does. The worker reads the text under limits
(``cuf.files.extract``) and saves it with its status; that save re-indexes the item, so
it enters search when its text is ready.
"""

import logging

from django.apps import apps
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from cuf.files.extract import Extraction, pdf_text

logger = logging.getLogger(__name__)


class TextStatus(models.TextChoices):
    PENDING = "en_cours", _("texte en cours d’extraction")
    EXTRACTED = "extrait", _("texte extrait")
    UNREADABLE = "illisible", _("texte illisible")
    NONE = "sans", _("pas de texte à lire")


def text_status_field() -> models.CharField:
    return models.CharField(
        _("texte du fichier"),
        max_length=10,
        choices=TextStatus.choices,
        default=TextStatus.NONE,
        editable=False,
        help_text=_(
            "Le texte d’un PDF est lu après l’enregistrement, pour la recherche. "
            "« Texte illisible » : le fichier est abîmé ou dépasse les limites de lecture ; "
            "il reste téléchargeable, seul le texte lu avant la limite est cherchable."
        ),
    )


def mark_new_file(instance, *, has_text: bool) -> None:
    """A newly checked file: its text is to be read (PDF) or there is none to read."""
    instance.text = ""
    instance.text_status = TextStatus.PENDING if has_text else TextStatus.NONE


def _on_content_changed(sender, row=None, deleted=False, **kwargs):
    # A written file of an item or of one of its parts (a document): queued with the row,
    # in the same transaction.
    if row is not None and not deleted and hasattr(row, "text_status"):
        queue_extraction(row)


def connect() -> None:
    from cuf.changes import content_changed

    content_changed.connect(_on_content_changed, dispatch_uid="file-text")


def queue_extraction(instance) -> None:
    """After a save: queue the reading of a pending file's text, once per file."""
    if instance.text_status != TextStatus.PENDING or not instance.file:
        return
    if getattr(instance, "_text_queued_for", None) == instance.file.name:
        return
    extract_text.enqueue(instance._meta.label, instance.pk, instance.file.name)
    instance._text_queued_for = instance.file.name


@task()
def extract_text(model_label: str, pk: int, file_name: str) -> str:
    """Read the text of ``model_label`` ``pk``'s file, if it still is ``file_name``."""
    model = apps.get_model(model_label)
    item = model.objects.filter(pk=pk, file=file_name).first()
    if item is None or item.text_status != TextStatus.PENDING:
        return "remplacé, supprimé ou déjà lu"
    try:
        with item.file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        # A version restored from the history whose file was replaced since: the editor
        # is asked for the file again; until then there is no text to read.
        extraction = Extraction("", complete=False, reason="fichier introuvable")
    else:
        extraction = pdf_text(data)
    with transaction.atomic():
        # The file may have been replaced while it was read: the newer one has its job.
        item = model.objects.select_for_update().filter(pk=pk, file=file_name).first()
        if item is None or item.text_status != TextStatus.PENDING:
            return "remplacé ou supprimé pendant la lecture"
        item.text = extraction.text
        item.text_status = TextStatus.EXTRACTED if extraction.complete else TextStatus.UNREADABLE
        item.save(update_fields=["text", "text_status"])
    if not extraction.complete:
        logger.warning(
            "Texte illisible (%s) : %s %s (%s)", extraction.reason, model_label, pk, file_name
        )
    return f"{item.text_status} ({len(extraction.text)} caractères)"
