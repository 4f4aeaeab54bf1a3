from django.views.generic import DetailView, ListView

from cuf.public.views import PublishableDetailMixin, PublishableListMixin
from tests.publications.models import Publication


class PublicationListView(PublishableListMixin, ListView):
    model = Publication
    template_name = "publications/publication_list.html"
    context_object_name = "publications"


class PublicationDetailView(PublishableDetailMixin, DetailView):
    model = Publication
    template_name = "publications/publication_detail.html"
    context_object_name = "publication"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("themes")
