"""The resource, as the portal's registry of content types knows it."""

from cuf.content_types import ATTACHMENTS_MANAGED, AttachedText, ContentTypeConfig, HomeBlock, Link
from cuf.files.attachments import attachments_text
from cuf.text.plain import join_lines, plain_text
from resources import api, demo
from resources.feeds import ResourceFeed
from resources.models import Resource
from resources.structured_data import resource as json_ld
from resources.views import ResourceDetailView


def search_text(item: Resource) -> dict:
    return {
        "details": join_lines(item.get_kind_display(), item.credit),
        "body": join_lines(plain_text(item.description), item.transcript),
        # The resource's own file (no title of its own), then its other documents.
        "attachments": [AttachedText("", item.text), *attachments_text(item)],
    }


def doors():
    """The resource centre's four doors, with how many published resources each."""
    return Resource.objects.published().kind_counts()


def sub_pages() -> list[Link]:
    return [Link(door["label"], door["url"]) for door in doors()]


CONTENT_TYPE = ContentTypeConfig(
    key="ressources",
    model_label="resources.Resource",
    namespace="resources",
    label="Ressource",
    label_plural="Ressources",
    feminine=True,
    section_label="Centre de ressources",
    urls="resources.urls",
    detail_view=ResourceDetailView,
    feed=ResourceFeed,
    json_ld=json_ld,
    search_text=search_text,
    search_related=("attachments",),
    editor_extras=ATTACHMENTS_MANAGED,
    home_block=HomeBlock(template="resources/home_block.html", items=doors),
    sub_pages=sub_pages,
    demo=demo.load,
    api=api.API_FIELDS,
)
