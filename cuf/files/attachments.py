"""What every type that offers attachments (``cuf.files.models.Attachment``) shares: the
query its page prefetches, the text search reads, what the API lists, and the split
between the gallery (images) and the documents to download (any other file)."""

from django.db.models import Prefetch

from cuf.content_types import ApiFile, AttachedText
from cuf.files.models import Attachment
from cuf.text.plain import join_lines


def offered_attachments() -> Prefetch:
    """``item.attachments`` as visitors are offered them: in order, never one whose file is
    gone (a version restored from before it was replaced) until its editor uploads it."""
    return Prefetch("attachments", queryset=Attachment.objects.offered())


def attachments_text(item) -> list[AttachedText]:
    """Each attachment's text for search, under its title: its caption, credit and the
    text read from it. "A sentence of its programme" finds the item, and the excerpt names
    the document it comes from."""
    return [
        AttachedText(a.title, join_lines(a.description, a.credit, a.text))
        for a in item.attachments.all()
        if a.file
    ]


API_ATTACHMENTS = "api_attachments"


def api_attachments() -> Prefetch:
    """The attachments visitors are offered, as the API lists them: without the text read
    from each file (search's: a page of 20 communiqués read megabytes for nothing, 17 ms
    of the list's queries on 100 000 items), into a plain list (a related manager built
    and filtered for each item of a page cost a sixth of an API list's time)."""
    return Prefetch(
        "attachments", queryset=_as_the_api_reads(Attachment.objects), to_attr=API_ATTACHMENTS
    )


def _as_the_api_reads(attachments):
    return attachments.offered().defer("text")


def attachment_files(item) -> list[ApiFile]:
    """The API's files: the attachments ``api_attachments`` fetched (else read now), in the
    order editors chose."""
    fetched = getattr(item, API_ATTACHMENTS, None)
    if fetched is None:
        fetched = _as_the_api_reads(item.attachments)
    return [
        ApiFile(
            title=attachment.title,
            path=attachment.file_url,
            format=attachment.format_label,
            media_type=attachment.content_type,
            size=attachment.size,
        )
        for attachment in fetched
    ]


def split_attachments(item) -> tuple[list[Attachment], list[Attachment]]:
    """(gallery, documents): the images shown under the text, the files to download."""
    gallery, documents = [], []
    for attachment in item.attachments.all():
        if attachment.file:
            (gallery if attachment.is_image else documents).append(attachment)
    return gallery, documents
