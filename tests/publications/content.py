"""The publication's one registration: nothing else in the portal names this type."""

from cuf.content_types import ContentTypeConfig, QueryParameter, Subscription
from cuf.public import structured_data
from cuf.text.plain import plain_text
from tests.publications.feeds import PublicationFeed
from tests.publications.models import Publication
from tests.publications.views import PublicationDetailView


def search_text(item: Publication) -> dict:
    return {"body": plain_text(item.body)}


def json_ld(item: Publication, absolute) -> dict:
    return structured_data.news_article(item, absolute, text=structured_data.description(item.body))


def demo(author) -> int:
    from cuf.demo import Item, at, save_item

    item = Item(
        slug="etude-cooperation-et-climat",
        title="Étude : coopération décentralisée et climat",
        published_at=at(-3),
        themes=["climat-et-transition-ecologique"],
        fields={"body": "<p>Une étude sur les projets climat des collectivités.</p>"},
    )
    return int(save_item(Publication, item, author) is not None)


CONTENT_TYPE = ContentTypeConfig(
    key="publications",
    model_label="publications.Publication",
    namespace="publications",
    label="Publication",
    label_plural="Publications",
    feminine=True,
    section_label="Publications",
    urls="tests.publications.urls",
    detail_view=PublicationDetailView,
    feed=PublicationFeed,
    json_ld=json_ld,
    search_text=search_text,
    demo=demo,
    query_parameters=(
        QueryParameter("ordre", lambda value: value == "anciennes", views=("publications:list",)),
    ),
    theme_subscriptions=(
        Subscription("titres des publications (texte)", "publications:theme_titles", "text/plain"),
    ),
)
