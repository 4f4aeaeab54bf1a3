from django.urls import path

from actualites import views
from cuf.feeds import NewsFeed, atom

app_name = "actualites"

urlpatterns = [
    path("actualites/", views.NewsListView.as_view(), name="list"),
    path("actualites/rss/", NewsFeed(), name="rss"),
    path("actualites/atom/", atom(NewsFeed)(), name="atom"),
    path("actualites/<slug:slug>/", views.NewsDetailView.as_view(), name="detail"),
    path("actualites/<slug:slug>/image", views.news_image, name="image"),
    path(
        "actualites/<slug:slug>/image/<int:width>/",
        views.news_image_rendition,
        name="image_rendition",
    ),
]
