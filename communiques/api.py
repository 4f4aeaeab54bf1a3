"""What the JSON API (api/) says of a communiqué besides what every item has."""

from communiques.models import Communique
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


API_FIELDS = ApiFields(fields=("issuer", "place"), files=files, prefetch=("documents",))
