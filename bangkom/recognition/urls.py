from django.urls import path

from bangkom.recognition import views, views_awards, views_public, views_siasn

app_name = "recognition"
urlpatterns = [
    # Public, no login.
    path("verifikasi/", views_public.verify_form, name="verify"),
    path("verifikasi/<str:code>/", views_public.verify_code, name="verify_code"),
    path("penerbit/<str:kode>/", views_public.issuer_profile, name="issuer_profile"),
    path("status/<str:kode>/<int:year>/", views_public.status_list, name="status_list"),
    path(
        "papan-unit/<str:kode>/<int:year>/",
        views_awards.leaderboard_public,
        name="leaderboard_public",
    ),
    # Signed in.
    path("sertifikat/", views.certificate_register, name="register"),
    path("sertifikat/saya/", views.my_certificates, name="my_certificates"),
    path("sertifikat/terbitkan/", views.certificate_bulk_issue, name="bulk_issue"),
    path("sertifikat/tugas/<int:pk>/", views.job_status, name="job_status"),
    path("sertifikat/siasn/", views_siasn.siasn_page, name="siasn"),
    path(
        "sertifikat/siasn/unduh/<str:file_format>/",
        views_siasn.siasn_download,
        name="siasn_download",
    ),
    path("sertifikat/<int:pk>/pdf/", views.certificate_pdf_download, name="pdf"),
    path("sertifikat/<int:pk>/kredensial/", views.certificate_credential, name="credential"),
    path("sertifikat/<int:pk>/cabut/", views.certificate_revoke_view, name="revoke"),
    path("penghargaan/", views_awards.scheme_list, name="award_schemes"),
    path("penghargaan/papan-unit/", views_awards.leaderboard, name="leaderboard"),
    path("penghargaan/<int:pk>/", views_awards.scheme_detail, name="award_scheme"),
    path("penghargaan/<int:pk>/usul/", views_awards.nominate, name="award_nominate"),
    path("penghargaan/usulan/<int:pk>/putuskan/", views_awards.decide, name="award_decide"),
    path("penghargaan/piagam/<int:pk>/pdf/", views_awards.award_pdf_download, name="award_pdf"),
    path(
        "penghargaan/piagam/<int:pk>/kredensial/",
        views_awards.award_credential,
        name="award_credential",
    ),
]
