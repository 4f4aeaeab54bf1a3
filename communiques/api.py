"""What the JSON API (api/) says of a communiqué besides what every item has."""

from cuf.content_types import ApiFields
from cuf.files.attachments import attachment_files

# item.attachments is prefetched, in the order editors chose.
API_FIELDS = ApiFields(
    fields=("issuer", "place"), files=attachment_files, prefetch=("attachments",)
)
