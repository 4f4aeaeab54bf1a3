from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView

from communiques.models import Communique, Document
from cuf.files.serving import protected_file_response
from cuf.public.views import PublishableDetailMixin, PublishableListMixin
from cuf.publishing.previews import visible_or_previewed


class CommuniqueListView(PublishableListMixin, ListView):
    model = Communique
    template_name = "communiques/communique_list.html"
    context_object_name = "communiques"


class CommuniqueDetailView(PublishableDetailMixin, DetailView):
    model = Communique
    template_name = "communiques/communique_detail.html"
    context_object_name = "communique"

    def get_queryset(self):
        # A document whose file is gone (a version restored from before it was replaced)
        # is not offered until its editor uploads the file again.
        documents = Prefetch("documents", queryset=Document.objects.exclude(file=""))
        return super().get_queryset().prefetch_related(documents, "themes")


def document_download(request, pk: int, filename: str):
    """A document, as an attachment, while its communiqué is public (or to staff, or to
    a browser that opened the communiqué's preview link)."""
    document = get_object_or_404(Document, pk=pk)
    communique = visible_or_previewed(request, Communique.objects, pk=document.communique_id)
    if filename != document.filename:
        return redirect(document.get_absolute_url(), permanent=True)
    return protected_file_response(
        request,
        document.file,
        content_type=document.content_type or "application/octet-stream",
        filename=document.filename,
        attachment=True,
        public=communique.is_public,
    )
