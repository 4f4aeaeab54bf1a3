from django.views.generic import DetailView, ListView

from actualites.models import NewsItem
from cuf.files.attachments import offered_attachments
from cuf.public.views import PublishableDetailMixin, PublishableListMixin


class NewsListView(PublishableListMixin, ListView):
    model = NewsItem
    template_name = "actualites/newsitem_list.html"
    context_object_name = "news"


class NewsDetailView(PublishableDetailMixin, DetailView):
    model = NewsItem
    template_name = "actualites/newsitem_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        return super().get_queryset().prefetch_related(offered_attachments(), "themes")
