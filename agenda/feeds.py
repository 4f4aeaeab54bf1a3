from agenda.models import Event
from agenda.templatetags.agenda_tags import event_when
from cuf.public.feeds import SectionFeed, item_excerpt


class EventFeed(SectionFeed):
    model = Event

    def item_text(self, item) -> str:
        place = f" – {item.place}" if item.place else ""
        return f"{event_when(item)}{place}. {item_excerpt(item.body)}"

    def item_author(self, item) -> str:
        return item.organiser
