from django.utils.feedgenerator import Enclosure

from cuf.public.feeds import SectionFeed, item_excerpt
from resources.models import Resource

# The files a reader fetches with the entry: a sound (podcasts), a photo, a PDF.
ENCLOSED = (Resource.Kind.SOUND, Resource.Kind.PHOTO, Resource.Kind.TEXT)


class ResourceFeed(SectionFeed):
    model = Resource

    def item_text(self, item) -> str:
        return f"{item.get_kind_display()}. {item_excerpt(item.description)}"

    def item_file(self, item) -> Enclosure | None:
        if item.kind not in ENCLOSED or not item.file or not item.content_type:
            return None
        return Enclosure(item.file_url, str(item.size), item.content_type)
