"""Evaluation pages under /evaluasi/ (namespace ``evaluation``)."""

from django.urls import path

from bangkom.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("", views.batch_list, name="batch_list"),
    path("reaksi/", views.my_reactions, name="my_reactions"),
    path("reaksi/<int:batch>/", views.reaction_form, name="reaction_form"),
    path("angkatan/<int:pk>/", views.batch_evaluation, name="batch"),
    path("angkatan/<int:pk>/nilai/", views.scores_upload, name="scores_upload"),
    path("angkatan/<int:pk>/hasil/", views.batch_results, name="batch_results"),
    path("angkatan/<int:pk>/keputusan/", views.decide, name="decide"),
    path("angkatan/<int:pk>/tindak-lanjut/", views.action_add, name="action_add"),
    path("tindak-lanjut/", views.action_list, name="action_list"),
    path("tindak-lanjut/<int:pk>/selesai/", views.action_done, name="action_done"),
    path("indeks/", views.indices, name="indices"),
    path("angkatan/<int:pk>/pasca/", views.follow_ups_plan, name="follow_ups_plan"),
    path("pasca/", views.follow_up_list, name="follow_up_list"),
    path("pasca/<int:pk>/", views.follow_up_form, name="follow_up_form"),
]
