from django.contrib.auth import views as auth_views
from django.urls import path

from bangkom.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", views.logout_view, name="logout"),
    path("kata-sandi/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "kata-sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_done.html"),
        name="password_change_done",
    ),
    path("lupa-kata-sandi/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "lupa-kata-sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_sent.html"),
        name="password_reset_done",
    ),
    path(
        "atur-ulang/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "atur-ulang/selesai/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_done.html"),
        name="password_reset_complete",
    ),
    path("token/", views.tokens, name="tokens"),
    path("token/<int:pk>/cabut/", views.token_revoke, name="token_revoke"),
]
