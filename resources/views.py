from django.http import Http404
from django.views.generic import DetailView, ListView

from cuf.files.attachments import offered_attachments
from cuf.files.views import ItemFileView
from cuf.public.views import PublishableDetailMixin, PublishableListMixin
from resources.models import Resource


class ResourceListView(PublishableListMixin, ListView):
    """The whole resource centre, or one kind of resource (``kind`` in the URL)."""

    model = Resource
    template_name = "resources/resource_list.html"
    context_object_name = "resources"

    def get_queryset(self):
        self.kind = self.kwargs.get("kind")
        if self.kind and self.kind not in Resource.Kind.values:
            raise Http404("Type de ressource inconnu.")
        queryset = super().get_queryset()
        return queryset.of_kind(self.kind) if self.kind else queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kind_label=Resource.Kind(self.kind).label if self.kind else None,
            doors=Resource.objects.published().kind_counts(),
            **kwargs,
        )


class ResourceDetailView(PublishableDetailMixin, DetailView):
    model = Resource
    template_name = "resources/resource_detail.html"
    context_object_name = "resource"

    def get_queryset(self):
        return super().get_queryset().prefetch_related(offered_attachments(), "themes")


class ResourceFileView(ItemFileView):
    """The resource's file: shown in the page (photo, son, vidéo) or downloaded (texte)."""

    model = Resource

    def is_attachment(self, item) -> bool:
        return item.kind == Resource.Kind.TEXT
