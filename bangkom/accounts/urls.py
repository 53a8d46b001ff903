from django.urls import path

from bangkom.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", views.logout_view, name="logout"),
    path("token/", views.tokens, name="tokens"),
    path("token/<int:pk>/cabut/", views.token_revoke, name="token_revoke"),
]
