from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from cuf.public.views import PublishableDetailMixin, PublishableListMixin
from cuf.themes.models import Theme
from tests.publications.models import Publication


class PublicationListView(PublishableListMixin, ListView):
    """``?ordre=anciennes``: oldest first."""

    model = Publication
    template_name = "publications/publication_list.html"
    context_object_name = "publications"

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.GET.get("ordre") == "anciennes":
            return queryset.order_by("published_at", "pk")
        return queryset


def theme_titles(request, theme_slug: str):
    """The titles of a theme's publications, one a line: a theme subscription."""
    theme = get_object_or_404(Theme, slug=theme_slug)
    titles = Publication.objects.published().filter(themes=theme).values_list("title", flat=True)
    return HttpResponse("".join(f"{title}\n" for title in titles), content_type="text/plain")


class PublicationDetailView(PublishableDetailMixin, DetailView):
    model = Publication
    template_name = "publications/publication_detail.html"
    context_object_name = "publication"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("themes")
