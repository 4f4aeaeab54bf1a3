from django.urls import path

from cuf.public.feeds import atom
from tests.publications import views
from tests.publications.feeds import PublicationFeed

app_name = "publications"

urlpatterns = [
    path("publications/", views.PublicationListView.as_view(), name="list"),
    path("publications/rss/", PublicationFeed(), name="rss"),
    path("publications/atom/", atom(PublicationFeed)(), name="atom"),
    path("publications/<slug:slug>/", views.PublicationDetailView.as_view(), name="detail"),
    path("themes/<slug:theme_slug>/publications.txt", views.theme_titles, name="theme_titles"),
]
