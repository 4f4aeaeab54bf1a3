from django.urls import path, re_path

from cuf.feeds import ResourceFeed, atom
from resources import views

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
    path("ressources/<slug:slug>/fichier", views.resource_file, name="file"),
    path(
        "ressources/<slug:slug>/image/<int:width>/",
        views.resource_image_rendition,
        name="image_rendition",
    ),
]
