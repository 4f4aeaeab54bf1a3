from cuf.public.feeds import SectionFeed
from tests.publications.models import Publication


class PublicationFeed(SectionFeed):
    model = Publication
