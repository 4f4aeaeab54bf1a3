"""What the JSON API (api/) says of a news item besides what every item has: its source,
its summary, its attachments and its image with its text alternative and resized copies."""

from actualites.models import NewsItem
from cuf.content_types import ApiFields, ApiImage
from cuf.files.attachments import api_attachments, attachment_files
from cuf.files.renditions import WIDTHS


def images(item: NewsItem) -> list[ApiImage]:
    if not item.image:
        return []
    return [
        ApiImage(
            path=item.image_url,
            alt=item.image_alt,
            credit=item.image_credit,
            width=item.image_width,
            height=item.image_height,
            renditions=tuple((width, item.image_rendition_url(width)) for width in WIDTHS),
        )
    ]


API_FIELDS = ApiFields(
    fields=("source",),
    summary=lambda item: item.summary,
    files=attachment_files,
    images=images,
    prefetch=(api_attachments(),),
)
