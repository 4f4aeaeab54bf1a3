from communiques.models import Communique
from cuf.feeds import SectionFeed


class CommuniqueFeed(SectionFeed):
    model = Communique
