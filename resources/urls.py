from django.urls import path, re_path

from cuf.files.views import ImageRenditionView
from cuf.public.feeds import atom
from resources import views
from resources.feeds import ResourceFeed
from resources.models import Resource

app_name = "resources"

urlpatterns = [
    path("ressources/", views.ResourceListView.as_view(), name="list"),
    path("ressources/rss/", ResourceFeed(), name="rss"),
    path("ressources/atom/", atom(ResourceFeed)(), name="atom"),
    # The four kinds come before the slug: Resource.clean() keeps them from being slugs.
    re_path(
        r"^ressources/(?P<kind>texte|photo|son|video)/$",
        views.ResourceListView.as_view(),
        name="kind",
    ),
    path("ressources/<slug:slug>/", views.ResourceDetailView.as_view(), name="detail"),
    path("ressources/<slug:slug>/fichier", views.ResourceFileView.as_view(), name="file"),
    path(
        "ressources/<slug:slug>/image/<int:width>/",
        ImageRenditionView.as_view(
            model=Resource, field="file", lookup={"kind": Resource.Kind.PHOTO}
        ),
        name="image_rendition",
    ),
]
