"""What the core app serves: the home page, themes, preview links, editor images, the
information pages and the site map (namespace "cuf")."""

from django.urls import path, re_path

from cuf.files import views as file_views
from cuf.public import views
from cuf.public.feeds import StreamFeed, ThemeFeed, atom
from cuf.public.manifest import manifest
from cuf.public.subscriptions import FeedPageView

app_name = "cuf"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("rss/", StreamFeed(), name="rss"),
    path("atom/", atom(StreamFeed)(), name="atom"),
    path("abonnement/", FeedPageView.as_view(), name="feed_page"),
    path("themes/", views.ThemeListView.as_view(), name="theme_list"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path("themes/<slug:slug>/rss/", views.follow_renamed_theme(ThemeFeed()), name="theme_rss"),
    path(
        "themes/<slug:slug>/atom/",
        views.follow_renamed_theme(atom(ThemeFeed)()),
        name="theme_atom",
    ),
    path(
        "themes/<slug:slug>/abonnement/",
        views.follow_renamed_theme(FeedPageView.as_view()),
        name="theme_feed_page",
    ),
    # Each registered type's feed, found by its section's address (cuf.public.subscriptions);
    # after the theme pages, whose addresses it would otherwise take.
    re_path(r"^(?P<section>[\w-]+)/abonnement/$", FeedPageView.as_view(), name="section_feed_page"),
    path("apercu/<str:token>/", views.preview, name="preview"),
    # An item's attachments (cuf.files.models.Attachment), whatever its type; the address
    # communiqués' documents always had.
    path("documents/<int:pk>/<str:filename>", file_views.attachment_download, name="attachment"),
    path(
        "documents/<int:pk>/<int:width>/",
        file_views.attachment_rendition,
        name="attachment_rendition",
    ),
    re_path(
        r"^editeur/images/(?P<name>[0-9a-f]{32}\.(?:jpg|jpeg|png|gif|webp))$",
        file_views.editor_image,
        name="editor_image",
    ),
    path(
        "mentions-legales/",
        views.OrganisationPageView.as_view(template_name="cuf/legal_notice.html"),
        name="legal_notice",
    ),
    path(
        "accessibilite/",
        views.AccessibilityView.as_view(),
        name="accessibility",
    ),
    path(
        "contact/",
        views.OrganisationPageView.as_view(template_name="cuf/contact.html"),
        name="contact",
    ),
    path("plan-du-site/", views.SiteMapView.as_view(), name="site_map"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("manifest.webmanifest", manifest, name="manifest"),
]
