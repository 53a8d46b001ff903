from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("bangkom.accounts.urls")),
    path("organisasi/", include("bangkom.organisation.urls")),
    path("kompetensi/", include("bangkom.competencies.urls")),
    path("penilaian/", include("bangkom.assessments.urls")),
    path("kebutuhan/", include("bangkom.needs.urls")),
    path("daerah/", include("bangkom.regional.urls")),
    path("survei/", include("bangkom.surveys.urls")),
    path("rencana/", include("bangkom.planning.urls")),
    path("pelaksanaan/", include("bangkom.delivery.urls")),
    path("evaluasi/", include("bangkom.evaluation.urls")),
    path("api/v1/", include("bangkom.api.urls")),
    path("", include("bangkom.recognition.urls")),
    path("", include("bangkom.dashboard.urls")),
    path("", include("bangkom.core.urls")),
]
