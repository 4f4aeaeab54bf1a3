"""What the JSON API (api/) says of a communiqué besides what every item has."""

from django.db.models import Prefetch

from communiques.models import Communique, Document
from cuf.content_types import ApiFields, ApiFile


def files(item: Communique) -> list[ApiFile]:
    # item.documents is prefetched (``prefetch`` below), in the order editors chose.
    return [
        ApiFile(
            title=document.title,
            path=document.file_url,
            format=document.format_label,
            media_type=document.content_type,
            size=document.size,
        )
        for document in item.documents.all()
        if document.file
    ]


# Documents without their extracted text (the PDF's words, for search): a page of 20
# communiqués read megabytes for nothing (17 ms of the list's queries on 100 000 items).
API_FIELDS = ApiFields(
    fields=("issuer", "place"),
    files=files,
    prefetch=(Prefetch("documents", queryset=Document.objects.defer("text")),),
)
