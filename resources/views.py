from django.http import Http404
from django.views.generic import DetailView, ListView

from cuf.files import protected_file_response
from cuf.previews import visible_or_previewed
from cuf.renditions import rendition_response
from cuf.uploads import download_name
from cuf.views import PublishableDetailMixin, PublishableListMixin
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
        return super().get_queryset().prefetch_related("themes")


def resource_file(request, slug: str):
    """The resource's file: shown in the page (photo, son, vidéo) or downloaded (texte)."""
    resource = visible_or_previewed(request, Resource.objects, slug=slug)
    if not resource.file:
        raise Http404("Cette ressource n’a pas de fichier.")
    return protected_file_response(
        request,
        resource.file,
        content_type=resource.content_type or "application/octet-stream",
        filename=download_name(resource.title, resource.file.name),
        attachment=resource.kind == Resource.Kind.TEXT,
        public=resource.is_public,
    )


def resource_image_rendition(request, slug: str, width: int):
    """A photo at one of the offered widths, on the same terms as the original file."""
    resource = visible_or_previewed(request, Resource.objects, slug=slug, kind=Resource.Kind.PHOTO)
    return rendition_response(
        request,
        resource.file,
        width=width,
        filename=download_name(resource.title, resource.file.name),
        public=resource.is_public,
    )
