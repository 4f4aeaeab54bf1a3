"""The communiqué, as the portal's registry of content types knows it."""

from communiques import api, demo
from communiques.feeds import CommuniqueFeed
from communiques.models import Communique
from communiques.views import CommuniqueDetailView
from cuf.content_types import ATTACHMENTS_MANAGED, ContentTypeConfig, HomeBlock
from cuf.files.attachments import attachments_text
from cuf.public import structured_data
from cuf.text.plain import join_lines, plain_text


def search_text(item: Communique) -> dict:
    return {
        "details": join_lines(item.issuer, item.place),
        "body": plain_text(item.body),
        # Each document's title and text: "a sentence of its programme" finds it, and its
        # excerpt says which document it comes from.
        "attachments": attachments_text(item),
    }


def json_ld(item: Communique, absolute) -> dict:
    return structured_data.news_article(
        item, absolute, text=structured_data.description(item.body), author=item.issuer
    )


CONTENT_TYPE = ContentTypeConfig(
    key="communiques",
    model_label="communiques.Communique",
    namespace="communiques",
    label="Communiqué",
    label_plural="Communiqués",
    feminine=False,
    section_label="Communiqués",
    urls="communiques.urls",
    detail_view=CommuniqueDetailView,
    feed=CommuniqueFeed,
    json_ld=json_ld,
    search_text=search_text,
    search_related=("attachments",),
    editor_extras=ATTACHMENTS_MANAGED,
    home_block=HomeBlock(
        template="communiques/home_block.html",
        items=lambda: Communique.objects.published()[:5],
        region="main",
    ),
    demo=demo.load,
    api=api.API_FIELDS,
)
