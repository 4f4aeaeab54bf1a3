from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from actualites.models import NewsItem
from agenda.models import Event
from communiques.models import Communique
from cuf.models import Theme
from cuf.streams import (
    MAX_NEIGHBOUR_THEMES,
    StreamPaginator,
    content_stream,
    theme_counts,
    theme_neighbours,
)
from resources.models import Resource

PAGE_SIZE = 20


class PublishableDetailMixin:
    """Visitors see published items only; staff may preview drafts and scheduled items."""

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        # The detail views prefetch the themes: "Sur ces thèmes" reuses them.
        themes = list(self.object.themes.all())
        return super().get_context_data(
            neighbours=theme_neighbours(self.object, themes),
            more_themes=themes[MAX_NEIGHBOUR_THEMES:],
            **kwargs,
        )


class PublishableListMixin:
    """A public list: published items only, optionally narrowed to one theme (?theme=)."""

    paginate_by = PAGE_SIZE

    def get_queryset(self):
        queryset = super().get_queryset().published().prefetch_related("themes")
        self.theme = None
        slug = self.request.GET.get("theme")
        if slug:
            self.theme = get_object_or_404(Theme, slug=slug)
            queryset = queryset.filter(themes=self.theme)
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(theme=self.theme, **kwargs)


class HomeView(TemplateView):
    template_name = "cuf/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            communiques=Communique.objects.published()[:5],
            events=Event.objects.published().upcoming()[:3],
            news=NewsItem.objects.published()[:3],
            resource_doors=Resource.objects.published().kind_counts(),
            **kwargs,
        )


class ThemeListView(ListView):
    template_name = "cuf/theme_list.html"
    context_object_name = "themes"

    def get_queryset(self):
        return theme_counts()


class ThemeDetailView(DetailView):
    model = Theme
    template_name = "cuf/theme_detail.html"
    context_object_name = "theme"

    def get_context_data(self, **kwargs):
        page = StreamPaginator(content_stream(themes=[self.object]), PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(page_obj=page, items=page.object_list, **kwargs)


class OrganisationPageView(TemplateView):
    """A plain information page about the network that publishes the portal."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=settings.ORGANISATION, **kwargs)


class SiteMapView(TemplateView):
    """Every section, every kind of resource and every theme with published content."""

    template_name = "cuf/site_map.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            themes=theme_counts(),
            resource_doors=Resource.objects.published().kind_counts(),
            **kwargs,
        )


def editor_upload(request):
    """The rich-text editor's upload endpoint: uploading from the editor is not offered."""
    return JsonResponse(
        {"error": {"message": "L’envoi d’images depuis l’éditeur n’est pas disponible."}},
        status=403,
    )
