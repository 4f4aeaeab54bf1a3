from django.views.generic import DetailView, ListView

from agenda.models import Event
from cuf.streams import themes_used_by
from cuf.views import PublishableDetailMixin, PublishableListMixin


class EventListView(PublishableListMixin, ListView):
    """Upcoming events, soonest first; ``?periode=passes`` lists past ones, latest first."""

    model = Event
    template_name = "agenda/event_list.html"
    context_object_name = "events"

    def get_queryset(self):
        self.show_past = self.request.GET.get("periode") == "passes"
        queryset = super().get_queryset()
        return queryset.past() if self.show_past else queryset.upcoming()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            show_past=self.show_past, filter_themes=themes_used_by(Event), **kwargs
        )


class EventDetailView(PublishableDetailMixin, DetailView):
    model = Event
    template_name = "agenda/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("themes")
