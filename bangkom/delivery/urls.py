"""Delivery's pages under /pelaksanaan/: the JP ledger (namespace ``delivery_ledger``, under
``jp/``) and partners, batches, the schedule and calendars (namespace ``delivery``)."""

from django.urls import include, path

from bangkom.delivery import views, views_attendance, views_enrolment, views_resources

schedule_patterns = [
    path("", views.batch_list, name="batch_list"),
    path("mitra/", views_resources.partner_list, name="partner_list"),
    path("mitra/baru/", views_resources.partner_create, name="partner_create"),
    path("mitra/<int:pk>/", views_resources.partner_edit, name="partner_edit"),
    path("mitra/<int:pk>/staf/", views_resources.partner_staff_add, name="partner_staff_add"),
    path("mitra/<int:pk>/perjanjian/", views_resources.agreement_create, name="agreement_create"),
    path("perjanjian/<int:pk>/", views_resources.agreement_edit, name="agreement_edit"),
    path("pengajar/", views_resources.trainer_list, name="trainer_list"),
    path("pengajar/baru/", views_resources.trainer_create, name="trainer_create"),
    path("pengajar/<int:pk>/", views_resources.trainer_edit, name="trainer_edit"),
    path("tempat/", views_resources.venue_list, name="venue_list"),
    path("tempat/baru/", views_resources.venue_create, name="venue_create"),
    path("tempat/<int:pk>/", views_resources.venue_edit, name="venue_edit"),
    path("libur/", views_resources.holiday_list, name="holiday_list"),
    path("libur/<int:pk>/hapus/", views_resources.holiday_delete_view, name="holiday_delete"),
    path("batas-unit/", views_resources.unit_limits, name="unit_limits"),
    path("rencana/<int:plan_pk>/", views.plan_batches, name="plan_batches"),
    path("rencana/<int:plan_pk>/buat/", views.plan_batches_create, name="plan_batches_create"),
    path("angkatan/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("angkatan/<int:pk>/patok/", views.batch_pin_view, name="batch_pin"),
    path("angkatan/<int:pk>/pengajar/", views.batch_trainers_view, name="batch_trainers"),
    path("jadwal/", views.schedule_list, name="schedule_list"),
    path("jadwal/susun/", views.schedule_start_view, name="schedule_start"),
    path("jadwal/penyusunan/<int:pk>/", views.schedule_run, name="schedule_run"),
    path("sesi/<int:pk>/pindah/", views.session_move_view, name="session_move"),
    path("sesi/<int:pk>/cek/", views.session_check, name="session_check"),
    path(
        "angkatan/<int:pk>/peserta/",
        views_enrolment.batch_enrolment_settings_view,
        name="batch_enrolment_settings",
    ),
    path("angkatan/<int:pk>/calonkan/", views_enrolment.batch_nominate_view, name="batch_nominate"),
    path(
        "angkatan/<int:pk>/selesaikan/", views_attendance.batch_complete_view, name="batch_complete"
    ),
    path("angkatan/<int:pk>/daftar/", views_enrolment.self_enrol_view, name="self_enrol"),
    path("sesi/<int:pk>/presensi/", views_attendance.session_attendance, name="session_attendance"),
    path("sesi/<int:pk>/hadir/", views_attendance.session_checkin, name="session_checkin"),
    path("pelatihan-saya/", views_enrolment.my_trainings, name="my_trainings"),
    path(
        "pelatihan-saya/<int:pk>/konfirmasi/",
        views_enrolment.enrolment_confirm_view,
        name="enrolment_confirm",
    ),
    path(
        "pelatihan-saya/<int:pk>/batal/",
        views_enrolment.enrolment_withdraw_view,
        name="enrolment_withdraw",
    ),
    path(
        "pelatihan-saya/<int:pk>/rencana-aksi/",
        views_attendance.action_plan_view,
        name="action_plan",
    ),
    path("pencalonan/", views_enrolment.team_nominations, name="team_nominations"),
    path("pencalonan/<int:pk>/", views_enrolment.nomination_decide, name="nomination_decide"),
    path(
        "rencana-aksi/<int:pk>/diketahui/",
        views_attendance.action_plan_acknowledge_view,
        name="action_plan_acknowledge",
    ),
    path("notifikasi/", views_enrolment.notification_list, name="notifications"),
    path("kalender/", views.my_calendar, name="my_calendar"),
    path("kalender/saya.ics", views.my_calendar_ics, name="my_calendar_ics"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("kalender/pengajar/<int:pk>.ics", views.trainer_calendar, name="trainer_calendar"),
    path("kalender/tempat/<int:pk>.ics", views.venue_calendar, name="venue_calendar"),
]

urlpatterns = [
    path("jp/", include("bangkom.delivery.ledger.urls")),
    path("elearning/", include("bangkom.delivery.urls_elearning")),
    path("magang/", include("bangkom.delivery.urls_internship")),
    path("", include((schedule_patterns, "delivery"))),
]
