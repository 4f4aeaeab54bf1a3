from django.urls import path

from communiques import views
from communiques.feeds import CommuniqueFeed
from cuf.public.feeds import atom

app_name = "communiques"

urlpatterns = [
    path("communiques/", views.CommuniqueListView.as_view(), name="list"),
    path("communiques/rss/", CommuniqueFeed(), name="rss"),
    path("communiques/atom/", atom(CommuniqueFeed)(), name="atom"),
    path("communiques/<slug:slug>/", views.CommuniqueDetailView.as_view(), name="detail"),
]
