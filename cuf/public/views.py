"""The core's pages (home, themes, previews, information pages) and the mixins every
content type's list and detail views share."""

from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.validators import slug_re
from django.http import FileResponse, Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from cuf import content_types
from cuf.accounts.two_factor import acts_as_staff
from cuf.content_types import Link, QueryParameter
from cuf.members.access import can_read_body, teaser_summary
from cuf.public import accessibility
from cuf.public.calendars import CALENDAR, CalendarSubscription
from cuf.publishing.page_cache import never_shared
from cuf.publishing.previews import PreviewLinkError, item_for_token, remember_preview
from cuf.text.querystrings import integer, readable
from cuf.themes.models import Theme, ThemeRedirect
from cuf.themes.selectors import (
    MAX_NEIGHBOUR_THEMES,
    LinkPaginator,
    theme_counts,
    theme_neighbours,
    theme_stream,
)

PAGE_SIZE = 20
# A reserved item's page for whoever may not read it (cuf.members.access).
RESERVED_TEMPLATE = "cuf/reserved_item.html"
# The page number and the theme filter every list reads (search reads them too).
MAX_PAGE = 100_000
# Each type's list (and the resource kinds' lists, "resources:kind"), a theme's page for
# the page number, and search.
LIST_VIEWS = ("*:list", "*:kind", "search:results")
LIST_PARAMETERS = (
    QueryParameter(
        "page",
        lambda value: integer(value, minimum=1, maximum=MAX_PAGE) is not None,
        views=(*LIST_VIEWS, "cuf:theme_detail"),
    ),
    QueryParameter(
        "theme",
        lambda value: readable(value) and slug_re.fullmatch(value) is not None,
        views=LIST_VIEWS,
    ),
)


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
    # Set only by the admin's "Prévisualiser" (cuf.admin.form_preview): the form's state,
    # saved in a transaction that is rolled back once the page is drawn.
    unsaved_preview = False

    def get_queryset(self):
        if self.preview_pk is not None:
            return super().get_queryset().filter(pk=self.preview_pk)
        return super().get_queryset().visible_to(self.request.user)

    def readable(self) -> bool:
        """Whether the reader gets the whole item or its teaser (cuf.members.access); a
        preview link shows the whole draft, as to staff."""
        return self.preview_pk is not None or can_read_body(self.object, self.request)

    def get_template_names(self):
        if not self.readable():
            # The teaser: title, surtitre, the item's own summary and a sign-in link; a
            # type may add what it shows of itself (``<app>/<model>_reserved.html``).
            meta = self.object._meta
            return [f"{meta.app_label}/{meta.model_name}_reserved.html", RESERVED_TEMPLATE]
        return super().get_template_names()

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        reserved_read = self.object.is_reserved and context.get("reserved_teaser") is False
        if not self.object.is_public or context.get("edit_url") or reserved_read:
            # A page only staff or a preview link may see, or one with staff's "Modifier"
            # link: no cache keeps it.
            never_shared(response)
        return response

    def edit_url(self) -> str:
        """The item's admin page, for staff who may open it ("" for anyone else)."""
        user = self.request.user
        if not acts_as_staff(user):
            return ""
        opts = self.object._meta
        if not any(
            user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
            for action in ("change", "view")
        ):
            return ""
        config = content_types.for_model(self.object)
        return reverse(config.admin_url_name("change"), args=[self.object.pk])

    def get_context_data(self, **kwargs):
        # The detail views prefetch the themes: "Sur ces thèmes" reuses them.
        themes = list(self.object.themes.all())
        return super().get_context_data(
            neighbours=theme_neighbours(self.object, themes),
            more_themes=themes[MAX_NEIGHBOUR_THEMES:],
            preview_link=self.preview_pk is not None,
            reserved_teaser=not self.readable(),
            teaser_summary=teaser_summary(self.object),
            unsaved_preview=self.unsaved_preview,
            edit_url="" if self.unsaved_preview else self.edit_url(),
            # The home page's sidebar (next events, latest news, the resource centre's
            # doors) stands beside every item too, as on the network's former site.
            sidebar_blocks=blocks("aside", beside=self.object),
            **kwargs,
        )


class PublishableListMixin:
    """A public list: published items only, optionally narrowed to one theme (?theme=)."""

    paginate_by = PAGE_SIZE

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A renamed or merged theme: the list on its former address moves with it.
            slug = request.GET.get("theme")
            moved = (
                ThemeRedirect.objects.select_related("theme").filter(old_slug=slug).first()
                if slug and readable(slug)
                else None
            )
            if moved is None:
                raise
            params = request.GET.copy()
            params["theme"] = moved.theme.slug
            return HttpResponsePermanentRedirect(f"{request.path}?{params.urlencode()}")

    def get_queryset(self):
        queryset = super().get_queryset().published().prefetch_related("themes")
        self.theme = None
        slug = self.request.GET.get("theme")
        if slug:
            # A value no theme can have (cuf.text.querystrings) is an unknown theme too.
            if not readable(slug):
                raise Http404("Thème inconnu.")
            self.theme = get_object_or_404(Theme, slug=slug)
            queryset = queryset.filter(themes=self.theme)
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            theme=self.theme, content_type=content_types.for_model(self.model), **kwargs
        )


def blocks(region: str, *, beside=None) -> list[dict]:
    """The home page blocks of ``region`` (cuf.content_types.HomeBlock), in registration
    order, each with its items (one query each); ``beside`` is the item whose page they
    stand beside, left out of its own type's block."""
    found = []
    for config in content_types.all_types():
        block = config.home_block
        if block is None or block.region != region:
            continue
        if beside is not None and block.items_beside and isinstance(beside, config.model):
            items = block.items_beside(beside)
        else:
            items = block.items()
        found.append({"template": block.template, "items": items, "strip": block.strip_template})
    return found


class HomeView(TemplateView):
    """The home page: each content type's block (cuf.content_types.HomeBlock), in the
    main column or the sidebar."""

    template_name = "cuf/home.html"

    def get_context_data(self, **kwargs):
        aside = blocks("aside")
        return super().get_context_data(
            main_blocks=blocks("main"),
            aside_blocks=aside,
            # The same items (one query): a strip on a phone, the block on a wide screen.
            strip_blocks=[block for block in aside if block["strip"]],
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
        page = LinkPaginator(theme_stream(self.object), PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        subscriptions, calendar = [], None
        for found in content_types.theme_subscriptions():
            url = reverse(found.url_name, args=[self.object.slug])
            if found.media_type == CALENDAR and calendar is None:
                # Offered as a calendar to subscribe to (webcal, Google, Outlook).
                calendar = CalendarSubscription(f"{self.object.name} – {settings.SITE_NAME}", url)
            else:
                subscriptions.append(Link(found.label, url))
        return super().get_context_data(
            page_obj=page,
            items=page.object_list,
            subscriptions=subscriptions,
            calendar=calendar,
            **kwargs,
        )


def preview(request, token: str):
    """A draft's real page, for whoever holds a valid preview link (no account needed)."""
    try:
        item = item_for_token(token)
    except PreviewLinkError as error:
        response = render(request, "cuf/preview_invalid.html", {"message": str(error)}, status=410)
    else:
        remember_preview(request, item, token)
        view = content_types.for_model(item).detail_view
        response = view.as_view(preview_pk=item.pk)(request, slug=item.slug)
        response.render()
    # The link is a secret: never cached by a proxy, never indexed.
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class OrganisationPageView(TemplateView):
    """A plain information page about the network that publishes the portal."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=settings.ORGANISATION, **kwargs)


class AccessibilityView(OrganisationPageView):
    """The accessibility statement, with how it was established (cuf.public.accessibility)."""

    template_name = "cuf/accessibility.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            made_on=accessibility.MADE_ON,
            updated_on=accessibility.UPDATED_ON,
            test_environment=accessibility.TEST_ENVIRONMENT,
            assistive_technologies=accessibility.ASSISTIVE_TECHNOLOGIES,
            pages_checked=accessibility.pages_checked(),
            **kwargs,
        )


class SiteMapView(TemplateView):
    """Every section with the pages under it, and every theme with published content."""

    template_name = "cuf/site_map.html"

    def get_context_data(self, **kwargs):
        sections = [
            {
                "link": Link(config.section_label, config.list_url),
                "sub_pages": config.sub_pages() if config.sub_pages else [],
            }
            for config in content_types.all_types()
        ]
        return super().get_context_data(themes=theme_counts(), sections=sections, **kwargs)


FAVICON = Path(__file__).resolve().parent.parent / "static" / "cuf" / "img" / "favicon.ico"


@require_safe
@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request):
    """/favicon.ico, where browsers and feed readers look for it whatever the page says."""
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")
