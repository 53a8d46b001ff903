from django.urls import path

from bangkom.surveys import views, views_discussions

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("baru/", views.survey_create, name="create"),
    path("saya/", views.my_surveys, name="my_surveys"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/ubah/", views.survey_edit, name="edit"),
    path("<int:pk>/terbitkan/", views.survey_publish, name="publish"),
    path("<int:pk>/pertanyaan/baru/", views.question_create, name="question_create"),
    path("<int:pk>/pertanyaan/<int:question_pk>/ubah/", views.question_edit, name="question_edit"),
    path(
        "<int:pk>/pertanyaan/<int:question_pk>/hapus/",
        views.question_delete,
        name="question_delete",
    ),
    path("<int:pk>/isi/", views.survey_answer, name="answer"),
    path("<int:pk>/hasil/", views.survey_results, name="results"),
    path("<int:pk>/jawaban/", views.survey_responses, name="responses"),
    path("<int:pk>/faktor/", views.survey_recompute_factors, name="recompute_factors"),
    path("diskusi/", views_discussions.fgd_list, name="fgd_list"),
    path("diskusi/baru/", views_discussions.fgd_create, name="fgd_create"),
    path("diskusi/<int:pk>/", views_discussions.fgd_detail, name="fgd_detail"),
    path("diskusi/<int:pk>/ubah/", views_discussions.fgd_edit, name="fgd_edit"),
    path(
        "diskusi/<int:pk>/kesimpulan/",
        views_discussions.fgd_conclusion_add,
        name="fgd_conclusion_add",
    ),
    path(
        "diskusi/<int:pk>/kesimpulan/<int:conclusion_pk>/hapus/",
        views_discussions.fgd_conclusion_delete,
        name="fgd_conclusion_delete",
    ),
    path("diskusi/<int:pk>/faktor/", views_discussions.fgd_apply_factors, name="fgd_apply_factors"),
    path(
        "diskusi/<int:pk>/lampiran/",
        views_discussions.fgd_attachment_upload,
        name="fgd_attachment_upload",
    ),
    path(
        "diskusi/<int:pk>/lampiran/<int:attachment_pk>/",
        views_discussions.fgd_attachment_download,
        name="fgd_attachment_download",
    ),
    path(
        "diskusi/<int:pk>/lampiran/<int:attachment_pk>/hapus/",
        views_discussions.fgd_attachment_delete,
        name="fgd_attachment_delete",
    ),
]
