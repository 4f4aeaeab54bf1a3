from django.http import Http404
from django.views.generic import DetailView, ListView

from actualites.models import NewsItem
from cuf.files import protected_file_response
from cuf.previews import visible_or_previewed
from cuf.renditions import rendition_response
from cuf.uploads import download_name
from cuf.views import PublishableDetailMixin, PublishableListMixin


class NewsListView(PublishableListMixin, ListView):
    model = NewsItem
    template_name = "actualites/newsitem_list.html"
    context_object_name = "news"


class NewsDetailView(PublishableDetailMixin, DetailView):
    model = NewsItem
    template_name = "actualites/newsitem_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("themes")


def news_image(request, slug: str):
    item = visible_or_previewed(request, NewsItem.objects, slug=slug)
    if not item.image:
        raise Http404("Pas d’image.")
    return protected_file_response(
        request,
        item.image,
        content_type=item.image_content_type,
        filename=download_name(item.title, item.image.name),
        attachment=False,
        public=item.is_public,
    )


def news_image_rendition(request, slug: str, width: int):
    """The image at one of the offered widths, on the same terms as the original."""
    item = visible_or_previewed(request, NewsItem.objects, slug=slug)
    return rendition_response(
        request,
        item.image,
        width=width,
        filename=download_name(item.title, item.image.name),
        public=item.is_public,
    )
