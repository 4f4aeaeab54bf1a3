from cuf.public.feeds import SectionFeed, item_excerpt
from resources.models import Resource


class ResourceFeed(SectionFeed):
    model = Resource

    def item_text(self, item) -> str:
        return f"{item.get_kind_display()}. {item_excerpt(item.description)}"
