from django.urls import path

from agenda import views
from agenda.feeds import EventFeed
from cuf.public.feeds import atom
from cuf.public.views import follow_renamed_theme

app_name = "agenda"

urlpatterns = [
    path("agenda.ics", views.agenda_ics, name="ics"),
    path(
        "themes/<slug:theme_slug>/agenda.ics",
        follow_renamed_theme(views.agenda_ics, kwarg="theme_slug"),
        name="theme_ics",
    ),
    path("agenda/", views.EventListView.as_view(), name="list"),
    path("agenda/rss/", EventFeed(), name="rss"),
    path("agenda/atom/", atom(EventFeed)(), name="atom"),
    path("agenda/<slug:slug>.ics", views.event_ics, name="event_ics"),
    path("agenda/<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
]
