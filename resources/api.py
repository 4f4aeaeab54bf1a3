"""What the JSON API (api/) says of a resource besides what every item has: its kind, its
file or external link, its attachments, and a photo with its text alternative and resized copies."""

from cuf.content_types import ApiFields, ApiFile, ApiImage
from cuf.files.attachments import api_attachments, attachment_files
from cuf.files.renditions import WIDTHS
from resources.models import Resource


def files(item: Resource) -> list[ApiFile]:
    """Its own file first, then its attachments (prefetched)."""
    own = []
    if item.file:
        own.append(
            ApiFile(
                title=item.title,
                path=item.file_url,
                format=item.format_label,
                media_type=item.content_type,
                size=item.size,
            )
        )
    return own + attachment_files(item)


def images(item: Resource) -> list[ApiImage]:
    # No size here: reading it means opening the file, which a list must not do for each
    # photo (the page reads it once and caches it).
    if not item.is_photo_file:
        return []
    return [
        ApiImage(
            path=item.file_url,
            alt=item.image_alt,
            credit=item.credit,
            renditions=tuple((width, item.image_rendition_url(width)) for width in WIDTHS),
        )
    ]


API_FIELDS = ApiFields(
    fields=("kind", "external_url", "transcript", "credit"),
    body="description",
    files=files,
    images=images,
    prefetch=(api_attachments(),),
)
