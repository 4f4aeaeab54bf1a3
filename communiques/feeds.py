from communiques.models import Communique
from cuf.public.feeds import SectionFeed


class CommuniqueFeed(SectionFeed):
    model = Communique

    def item_author(self, item) -> str:
        return item.issuer
