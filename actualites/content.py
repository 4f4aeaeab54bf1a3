"""The news item, as the portal's registry of content types knows it."""

from actualites import api, demo
from actualites.feeds import NewsFeed
from actualites.models import NewsItem
from actualites.views import NewsDetailView
from cuf.content_types import ATTACHMENTS_MANAGED, ContentTypeConfig, HomeBlock
from cuf.files.attachments import attachments_text
from cuf.public import structured_data
from cuf.text.plain import join_lines, plain_text


def search_text(item: NewsItem) -> dict:
    return {
        "summary": item.summary,
        # The image's text alternative finds the item, but is not text a visitor reads:
        # never an excerpt.
        "details": join_lines(item.source, item.image_alt),
        "body": plain_text(item.body),
        "attachments": attachments_text(item),
    }


def json_ld(item: NewsItem, absolute) -> dict:
    return structured_data.news_article(
        item,
        absolute,
        text=item.summary or structured_data.description(item.body),
        author=item.source,
        image_sources=item.image_sources,
    )


CONTENT_TYPE = ContentTypeConfig(
    key="actualites",
    model_label="actualites.NewsItem",
    namespace="actualites",
    label="Actualité",
    label_plural="Actualités",
    feminine=True,
    section_label="Actualités",
    urls="actualites.urls",
    detail_view=NewsDetailView,
    feed=NewsFeed,
    json_ld=json_ld,
    search_text=search_text,
    search_related=("attachments",),
    editor_extras=ATTACHMENTS_MANAGED,
    home_block=HomeBlock(
        template="actualites/home_block.html",
        items=lambda: NewsItem.objects.published()[:3],
        items_beside=lambda item: NewsItem.objects.published().exclude(pk=item.pk)[:3],
    ),
    demo=demo.load,
    api=api.API_FIELDS,
)
