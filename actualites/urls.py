from django.urls import path

from actualites import views
from actualites.feeds import NewsFeed
from actualites.models import NewsItem
from cuf.files.views import ImageRenditionView, ItemFileView
from cuf.public.feeds import atom

app_name = "actualites"

urlpatterns = [
    path("actualites/", views.NewsListView.as_view(), name="list"),
    path("actualites/rss/", NewsFeed(), name="rss"),
    path("actualites/atom/", atom(NewsFeed)(), name="atom"),
    path("actualites/<slug:slug>/", views.NewsDetailView.as_view(), name="detail"),
    path(
        "actualites/<slug:slug>/image",
        ItemFileView.as_view(model=NewsItem, field="image"),
        name="image",
    ),
    path(
        "actualites/<slug:slug>/image/<int:width>/",
        ImageRenditionView.as_view(model=NewsItem, field="image"),
        name="image_rendition",
    ),
]
