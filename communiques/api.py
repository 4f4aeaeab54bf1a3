"""What the JSON API (api/) says of a communiqué besides what every item has."""

from cuf.content_types import ApiFields
from cuf.files.attachments import api_attachments, attachment_files

API_FIELDS = ApiFields(
    fields=("issuer", "place"), files=attachment_files, prefetch=(api_attachments(),)
)
