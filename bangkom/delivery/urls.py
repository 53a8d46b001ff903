from django.urls import include, path

urlpatterns = [
    path("jp/", include("bangkom.delivery.ledger.urls")),
]
