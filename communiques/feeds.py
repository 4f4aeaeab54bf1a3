from communiques.models import Communique
from cuf.public.feeds import SectionFeed


class CommuniqueFeed(SectionFeed):
    model = Communique
