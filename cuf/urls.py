from django.contrib import admin
from django.urls import include, path

from cuf import views

admin.site.site_header = "Administration du portail"
admin.site.site_title = "Portail de la coopération décentralisée"
admin.site.index_title = "Contenus du portail"

cuf_patterns = (
    [
        path("", views.HomeView.as_view(), name="home"),
        path("themes/", views.ThemeListView.as_view(), name="theme_list"),
        path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    ],
    "cuf",
)

urlpatterns = [
    path("", include(cuf_patterns)),
    path("", include("communiques.urls")),
    path("", include("agenda.urls")),
    path("", include("actualites.urls")),
    path("", include("resources.urls")),
    path("", include("search.urls")),
    path("admin/editeur/envoi/", views.editor_upload, name="editor_upload"),
    path("admin/", admin.site.urls),
]
