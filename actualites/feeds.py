from actualites.models import NewsItem
from cuf.public.feeds import SectionFeed, item_excerpt


class NewsFeed(SectionFeed):
    model = NewsItem

    def item_text(self, item) -> str:
        return item.summary or item_excerpt(item.body)

    def item_author(self, item) -> str:
        return item.source
