"""The members area (namespace "members"), under /espace-adherents/."""

from django.urls import path

from cuf.members import views

app_name = "members"

urlpatterns = [
    path("espace-adherents/", views.MemberHomeView.as_view(), name="home"),
    path("espace-adherents/connexion/", views.MemberLoginView.as_view(), name="login"),
    path("espace-adherents/deconnexion/", views.MemberLogoutView.as_view(), name="logout"),
    path(
        "espace-adherents/mot-de-passe-oublie/",
        views.MemberPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "espace-adherents/mot-de-passe-oublie/envoye/",
        views.MemberResetSentView.as_view(),
        name="password_reset_done",
    ),
    path(
        "espace-adherents/nouveau-mot-de-passe/<uidb64>/<token>/",
        views.MemberNewPasswordView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "espace-adherents/nouveau-mot-de-passe/enregistre/",
        views.MemberNewPasswordSavedView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "espace-adherents/invitation/<str:token>/",
        views.MemberInvitationView.as_view(),
        name="invitation",
    ),
    path(
        "espace-adherents/invitation-acceptee/",
        views.MemberInvitationDoneView.as_view(),
        name="invitation_done",
    ),
]
