from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.module_loading import import_string
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView, TemplateView

from actualites.models import NewsItem
from agenda.models import Event
from communiques.models import Communique
from cuf.files import protected_file_response
from cuf.models import EditorImage, Theme, ThemeRedirect
from cuf.previews import PreviewLinkError, item_for_token, remember_preview
from cuf.roles import CONTENT_MODELS
from cuf.services import editor_image_create
from cuf.streams import (
    MAX_NEIGHBOUR_THEMES,
    StreamPaginator,
    content_stream,
    theme_counts,
    theme_neighbours,
)
from resources.models import Resource

PAGE_SIZE = 20

# The public detail page of each content type, which a preview link renders as is.
DETAIL_VIEWS = {
    "communiques.communique": "communiques.views.CommuniqueDetailView",
    "agenda.event": "agenda.views.EventDetailView",
    "actualites.newsitem": "actualites.views.NewsDetailView",
    "resources.resource": "resources.views.ResourceDetailView",
}


def follow_renamed_theme(view, *, kwarg: str = "slug"):
    """Wrap a view of one theme so that a renamed or merged theme's former address (feeds,
    calendar) redirects to the same view of the theme it became, as its page does."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            moved = (
                ThemeRedirect.objects.select_related("theme").filter(old_slug=kwargs[kwarg]).first()
            )
            if moved is None:
                raise
            match = request.resolver_match
            return redirect(
                f"{match.namespace}:{match.url_name}",
                permanent=True,
                **{**kwargs, kwarg: moved.theme.slug},
            )

    return wrapper


class PublishableDetailMixin:
    """Visitors see published items only; staff may preview drafts and scheduled items.

    ``preview_pk`` is set only by ``preview`` (a checked, signed link), never from a URL.
    """

    preview_pk = None

    def get_queryset(self):
        if self.preview_pk is not None:
            return super().get_queryset().filter(pk=self.preview_pk)
        return super().get_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        # The detail views prefetch the themes: "Sur ces thèmes" reuses them.
        themes = list(self.object.themes.all())
        return super().get_context_data(
            neighbours=theme_neighbours(self.object, themes),
            more_themes=themes[MAX_NEIGHBOUR_THEMES:],
            preview_link=self.preview_pk is not None,
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

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A renamed or merged theme: its former address leads to where it went.
            moved = get_object_or_404(
                ThemeRedirect.objects.select_related("theme"), old_slug=kwargs["slug"]
            )
            return redirect(moved.theme, permanent=True)

    def get_context_data(self, **kwargs):
        page = StreamPaginator(content_stream(themes=[self.object]), PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(page_obj=page, items=page.object_list, **kwargs)


def preview(request, token: str):
    """A draft's real page, for whoever holds a valid preview link (no account needed)."""
    try:
        item = item_for_token(token)
    except PreviewLinkError as error:
        response = render(request, "cuf/preview_invalid.html", {"message": str(error)}, status=410)
    else:
        remember_preview(request, item, token)
        view = import_string(DETAIL_VIEWS[item._meta.label_lower])
        response = view.as_view(preview_pk=item.pk)(request, slug=item.slug)
        response.render()
    # The link is a secret: never cached by a proxy, never indexed.
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _writes_bodies(user) -> bool:
    return (
        user.is_active
        and user.is_staff
        and any(user.has_perm("{}.change_{}".format(*label.split("."))) for label in CONTENT_MODELS)
    )


@require_POST
def editor_upload(request):
    """The rich-text editor's image upload: staff who edit content, checked like any image."""
    if not _writes_bodies(request.user):
        return JsonResponse(
            {"error": {"message": "Vous n’avez pas le droit d’envoyer des images."}}, status=403
        )
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": "Aucun fichier reçu."}}, status=400)
    try:
        image = editor_image_create(upload=upload, user=request.user)
    except ValidationError as error:
        return JsonResponse({"error": {"message": " ".join(error.messages)}}, status=400)
    return JsonResponse({"url": image.get_absolute_url()})


@require_GET
def editor_image(request, name: str):
    """An image from a body. Its generated name is the key: see the README on drafts."""
    image = get_object_or_404(EditorImage, file__endswith=f"/{name}")
    # Public but unguessable (see EditorImage): kept by browsers like any public image.
    return protected_file_response(
        request,
        image.file,
        content_type=image.content_type,
        filename=name,
        attachment=False,
        public=True,
    )


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
