from django.urls import path

from agenda import views

app_name = "agenda"

urlpatterns = [
    path("agenda/", views.EventListView.as_view(), name="list"),
    path("agenda/<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
]
