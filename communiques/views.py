from django.views.generic import DetailView, ListView

from communiques.models import Communique
from cuf.files.attachments import offered_attachments
from cuf.public.views import PublishableDetailMixin, PublishableListMixin


class CommuniqueListView(PublishableListMixin, ListView):
    model = Communique
    template_name = "communiques/communique_list.html"
    context_object_name = "communiques"


class CommuniqueDetailView(PublishableDetailMixin, DetailView):
    model = Communique
    template_name = "communiques/communique_detail.html"
    context_object_name = "communique"

    def get_queryset(self):
        return super().get_queryset().prefetch_related(offered_attachments(), "themes")
