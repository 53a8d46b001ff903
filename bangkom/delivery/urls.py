"""Delivery's pages under /pelaksanaan/: the JP ledger (namespace ``delivery_ledger``, under
``jp/``) and partners, batches, the schedule and calendars (namespace ``delivery``)."""

from django.urls import include, path

from bangkom.delivery import views, views_resources

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
    path("kalender/", views.my_calendar, name="my_calendar"),
    path("kalender/saya.ics", views.my_calendar_ics, name="my_calendar_ics"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("kalender/pengajar/<int:pk>.ics", views.trainer_calendar, name="trainer_calendar"),
    path("kalender/tempat/<int:pk>.ics", views.venue_calendar, name="venue_calendar"),
]

urlpatterns = [
    path("jp/", include("bangkom.delivery.ledger.urls")),
    path("", include((schedule_patterns, "delivery"))),
]
