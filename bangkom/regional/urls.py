"""Regional needs under ``/daerah/``; the public forms under ``/daerah/publik/``."""

from django.urls import path

from bangkom.regional.views import (
    configuration,
    indicators,
    moderation,
    priorities,
    public,
    rules,
    skm,
    skm_moderation,
)

app_name = "regional"
urlpatterns = [
    path("indikator/", indicators.indicator_list, name="indicator_list"),
    path("indikator/baru/", indicators.indicator_create, name="indicator_create"),
    path("indikator/impor/", indicators.indicator_import, name="indicator_import"),
    path("indikator/<int:pk>/", indicators.indicator_detail, name="indicator_detail"),
    path("indikator/<int:pk>/ubah/", indicators.indicator_edit, name="indicator_edit"),
    path("indikator/nilai/<int:pk>/hapus/", indicators.value_delete_view, name="value_delete"),
    path("aturan/", rules.rule_list, name="rule_list"),
    path("aturan/baru/", rules.rule_create, name="rule_create"),
    path("aturan/evaluasi/", rules.evaluate_all, name="evaluate_all"),
    path("aturan/<int:pk>/", rules.rule_detail, name="rule_detail"),
    path("aturan/<int:pk>/ubah/", rules.rule_edit, name="rule_edit"),
    path("aturan/<int:pk>/evaluasi/", rules.rule_evaluate_view, name="rule_evaluate"),
    path("aturan/<int:pk>/hapus/", rules.rule_delete_view, name="rule_delete"),
    path("prioritas/", priorities.priority_list, name="priority_list"),
    path("prioritas/baru/", priorities.priority_create, name="priority_create"),
    path("prioritas/<int:pk>/", priorities.priority_edit, name="priority_edit"),
    path("prioritas/<int:pk>/hapus/", priorities.priority_delete_view, name="priority_delete"),
    path("masukan/", moderation.moderation, name="moderation"),
    path("masukan/<int:pk>/", moderation.input_detail, name="input_detail"),
    path("masukan/<int:pk>/setujui/", moderation.input_approve_view, name="input_approve"),
    path("masukan/<int:pk>/tolak/", moderation.input_reject_view, name="input_reject"),
    path("skm/", skm.skm_results, name="skm_results"),
    path("skm/impor/", skm.skm_import_view, name="skm_import"),
    path("skm/impor/<int:pk>/hapus/", skm.skm_import_delete_view, name="skm_import_delete"),
    path("skm/unit/<int:pk>/", skm.skm_unit, name="skm_unit"),
    path("skm/unit/<int:pk>/pengaturan/", skm.skm_unit_settings, name="skm_unit_settings"),
    path("skm/unit/<int:pk>/sinyal/", skm.skm_signal, name="skm_signal"),
    path("skm/unit/<int:pk>/moderasi/", skm_moderation.skm_moderation, name="skm_moderation"),
    path("skm/unit/<int:pk>/kode/", skm_moderation.skm_code_print, name="skm_code"),
    path(
        "skm/unit/<int:pk>/kode/baru/", skm_moderation.skm_code_rotate_view, name="skm_code_rotate"
    ),
    path("pengaturan/", configuration.settings_view, name="settings"),
    path("publik/skm/<int:unit_id>/", public.public_skm, name="public_skm"),
    path("publik/skm/<int:unit_id>/terima-kasih/", public.public_skm_done, name="public_skm_done"),
    path("publik/<str:kode_wilayah>/masukan/", public.public_input, name="public_input"),
    path(
        "publik/<str:kode_wilayah>/masukan/terkirim/",
        public.public_input_done,
        name="public_input_done",
    ),
]
