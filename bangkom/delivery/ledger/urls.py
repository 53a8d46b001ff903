from django.urls import path

from bangkom.delivery.ledger import views

app_name = "delivery_ledger"
urlpatterns = [
    path("saya/", views.my_jp, name="my_jp"),
    path("pegawai/<int:pk>/", views.employee_jp, name="employee_jp"),
    path("klaim/", views.claim_queue, name="claim_queue"),
    path("klaim/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("klaim/<int:pk>/sertifikat/", views.claim_certificate, name="claim_certificate"),
    path("capaian/", views.on_track, name="on_track"),
]
