"""The human name of every audit action, for the audit trail's readers.

Services record an action as a stable code (``planning.plan.approve``); people read
"Rencana disetujui". Every code a service writes is listed here: with ``AUDIT_ACTIONS_STRICT``
on (the test suite turns it on), :func:`bangkom.core.audit.audit_event` refuses a code that is
not, so a new action cannot reach the audit page without its name. In production an unknown
code is still recorded and shown as itself.

The codes are plain strings, so core knows the vocabulary without importing any app.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Promise] = {
    # Accounts
    "api_token.create": _("Token API dibuat"),
    "api_token.revoke": _("Token API dicabut"),
    "role.assign": _("Peran diberikan"),
    "user.create": _("Akun dibuat"),
    "user.password_set": _("Kata sandi diganti"),
    # Organisation
    "instansi.create": _("Instansi dibuat"),
    "organisation.instansi.plan_year": _("Tahun rencana instansi diubah"),
    "organisation.import.create": _("Impor data kepegawaian dimulai"),
    "organisation.import.retry": _("Impor data kepegawaian diulang"),
    "wilayah.load": _("Daftar wilayah dimuat"),
    "unit.create": _("Unit dibuat"),
    "unit.update": _("Unit diubah"),
    "position.create": _("Jabatan dibuat"),
    "position.update": _("Jabatan diubah"),
    "employee.create": _("Pegawai ditambahkan"),
    "employee.update": _("Data pegawai diubah"),
    "performance.import": _("Data kinerja (SKP) diimpor"),
    "performance.link": _("Data kinerja dikaitkan dengan pegawai"),
    "performance.update": _("Data kinerja diubah"),
    # Competencies
    "competency.load": _("Kamus kompetensi dimuat"),
    "competency.create": _("Kompetensi dibuat"),
    "competency.update": _("Kompetensi diubah"),
    "class_default.update": _("Level baku kelas jabatan diubah"),
    "duty.create": _("Uraian tugas ditambahkan"),
    "duty.update": _("Uraian tugas diubah"),
    "duty.delete": _("Uraian tugas dihapus"),
    "standard.derive": _("Standar kompetensi jabatan diturunkan"),
    "standard.set": _("Standar kompetensi jabatan ditetapkan"),
    # Assessments
    "assessment_round.create": _("Putaran penilaian dibuka"),
    "assessment_round.close": _("Putaran penilaian ditutup"),
    "assessment_rule.update": _("Aturan penggabungan penilaian diubah"),
    "assessment.self": _("Penilaian diri disimpan"),
    "assessment.supervisor": _("Penilaian atasan disimpan"),
    "assessment.calibrate": _("Penilaian dikalibrasi"),
    "assessment.centre_import": _("Hasil assessment center diimpor"),
    "assessment.centre_correct": _("Hasil assessment center dikoreksi"),
    # Surveys
    "survey.create": _("Survei dibuat"),
    "survey.update": _("Survei diubah"),
    "survey.publish": _("Survei diterbitkan"),
    "survey.question.create": _("Pertanyaan survei ditambahkan"),
    "survey.question.update": _("Pertanyaan survei diubah"),
    "survey.question.delete": _("Pertanyaan survei dihapus"),
    "survey.response.submit": _("Jawaban survei dikirim"),
    "survey.discussion.create": _("Diskusi (FGD) dicatat"),
    "survey.discussion.update": _("Catatan diskusi (FGD) diubah"),
    "survey.discussion.conclusion.create": _("Kesimpulan diskusi ditambahkan"),
    "survey.discussion.conclusion.delete": _("Kesimpulan diskusi dihapus"),
    "survey.discussion.attachment.create": _("Lampiran diskusi ditambahkan"),
    "survey.discussion.attachment.delete": _("Lampiran diskusi dihapus"),
    # Regional signals and public input
    "regional_settings.save": _("Pengaturan sinyal daerah disimpan"),
    "indicator.create": _("Indikator daerah dibuat"),
    "indicator.update": _("Indikator daerah diubah"),
    "indicator_value.create": _("Nilai indikator ditambahkan"),
    "indicator_value.update": _("Nilai indikator diubah"),
    "indicator_value.delete": _("Nilai indikator dihapus"),
    "plan_priority.create": _("Prioritas dokumen perencanaan ditambahkan"),
    "plan_priority.update": _("Prioritas dokumen perencanaan diubah"),
    "plan_priority.delete": _("Prioritas dokumen perencanaan dihapus"),
    "signal_rule.create": _("Aturan sinyal dibuat"),
    "signal_rule.update": _("Aturan sinyal diubah"),
    "signal_rule.delete": _("Aturan sinyal dihapus"),
    "signal_rule.evaluate": _("Aturan sinyal dievaluasi"),
    "public_input.submit": _("Masukan publik dikirim"),
    "public_input.approve": _("Masukan publik diterima"),
    "public_input.reject": _("Masukan publik ditolak"),
    "skm.submit": _("Jawaban SKM dikirim"),
    "skm.import": _("Berkas SKM diimpor"),
    "skm.import_delete": _("Impor SKM dihapus"),
    "skm_settings.save": _("Pengaturan SKM unit disimpan"),
    # Needs and weight factors
    "needs.recompute": _("Kebutuhan dihitung ulang"),
    "needs.recompute.queue": _("Penghitungan ulang kebutuhan dijadwalkan"),
    "needs.recompute.stale": _("Kebutuhan ditandai perlu dihitung ulang"),
    "weight_factor.replace": _("Faktor bobot diperbarui"),
    # Planning
    "planning.form.update": _("Bentuk pengembangan diubah"),
    "planning.form_table.seed": _("Tabel konversi JP dimuat"),
    "planning.template.create": _("Program katalog dibuat"),
    "planning.template.update": _("Program katalog diubah"),
    "planning.catalogue.import": _("Katalog program diimpor"),
    "planning.plan.create": _("Rencana dibuat"),
    "planning.plan.update": _("Rencana diubah"),
    "planning.plan.program_add": _("Program ditambahkan ke rencana"),
    "planning.plan.program_update": _("Program rencana diubah"),
    "planning.plan.program_remove": _("Program dikeluarkan dari rencana"),
    "planning.plan.pin": _("Penugasan rencana dikunci"),
    "planning.plan.submit": _("Rencana diajukan"),
    "planning.plan.approve": _("Rencana disetujui"),
    "planning.plan.return": _("Rencana dikembalikan untuk diperbaiki"),
    "planning.run.start": _("Optimasi rencana dijalankan"),
    "planning.run.scenario": _("Skenario rencana dijalankan"),
    # Delivery: resources
    "delivery.partner.create": _("Mitra ditambahkan"),
    "delivery.partner.update": _("Data mitra diubah"),
    "delivery.partner.delete": _("Mitra dihapus"),
    "delivery.partner_staff.create": _("Akun staf mitra dibuat"),
    "delivery.agreement.create": _("Perjanjian kerja sama ditambahkan"),
    "delivery.agreement.update": _("Perjanjian kerja sama diubah"),
    "delivery.agreement.delete": _("Perjanjian kerja sama dihapus"),
    "delivery.trainer.create": _("Pengajar ditambahkan"),
    "delivery.trainer.update": _("Data pengajar diubah"),
    "delivery.trainer.delete": _("Pengajar dihapus"),
    "delivery.venue.create": _("Tempat ditambahkan"),
    "delivery.venue.update": _("Data tempat diubah"),
    "delivery.venue.delete": _("Tempat dihapus"),
    "delivery.holiday.create": _("Hari libur ditambahkan"),
    "delivery.holiday.update": _("Hari libur diubah"),
    "delivery.holiday.delete": _("Hari libur dihapus"),
    "delivery.unit_away_limit.set": _("Batas pegawai unit yang bertugas belajar ditetapkan"),
    "delivery.unit_away_limit.delete": _("Batas pegawai unit yang bertugas belajar dihapus"),
    # Delivery: batches and schedule
    "delivery.batches_from_plan": _("Angkatan dibuat dari rencana"),
    "delivery.batch.create": _("Angkatan dibuat"),
    "delivery.batch.update": _("Angkatan diubah"),
    "delivery.batch.trainers": _("Pengajar angkatan diatur"),
    "delivery.batch.enrolment_settings": _("Pengaturan pendaftaran angkatan diubah"),
    "delivery.batch.pin": _("Jadwal angkatan dikunci"),
    "delivery.batch.unpin": _("Kunci jadwal angkatan dilepas"),
    "delivery.batch.complete": _("Angkatan dinyatakan selesai"),
    "delivery.schedule.queue": _("Penjadwalan dijadwalkan"),
    "delivery.schedule.solve": _("Jadwal disusun"),
    "delivery.session.move": _("Sesi dipindahkan"),
    "delivery.session.remind": _("Pengingat sesi dikirim"),
    "delivery.calendar_token.create": _("Tautan kalender pribadi dibuat"),
    "delivery.calendar_token.renew": _("Tautan kalender pribadi diperbarui"),
    # Delivery: enrolment and attendance
    "delivery.enrolment.nominate": _("Pegawai dinominasikan"),
    "delivery.enrolment.approve": _("Nominasi disetujui atasan"),
    "delivery.enrolment.decline": _("Nominasi ditolak atasan"),
    "delivery.enrolment.confirm": _("Keikutsertaan dikonfirmasi"),
    "delivery.enrolment.withdraw": _("Keikutsertaan dibatalkan"),
    "delivery.enrolment.promote": _("Naik dari daftar tunggu"),
    "delivery.enrolment.self_enrol": _("Mendaftar sendiri"),
    "delivery.enrolment.complete": _("Peserta dinyatakan lulus"),
    "delivery.attendance.checkin": _("Hadir lewat kode QR"),
    "delivery.attendance.mark": _("Kehadiran dicatat"),
    "delivery.action_plan.save": _("Rencana aksi disimpan"),
    "delivery.action_plan.acknowledge": _("Rencana aksi diketahui atasan"),
    "delivery.activity.record": _("Kegiatan dicatat"),
    # Delivery: e-learning, quizzes, internships
    "delivery.course.save": _("Kursus e-learning disimpan"),
    "delivery.course.enrol": _("Mendaftar kursus e-learning"),
    "delivery.course.complete": _("Kursus e-learning diselesaikan"),
    "delivery.module.add": _("Modul ditambahkan"),
    "delivery.module.done": _("Modul diselesaikan"),
    "delivery.question_bank.save": _("Bank soal disimpan"),
    "delivery.question.add": _("Soal ditambahkan"),
    "delivery.quiz.save": _("Kuis disimpan"),
    "delivery.quiz.attempt_start": _("Pengerjaan kuis dimulai"),
    "delivery.quiz.attempt_submit": _("Jawaban kuis dikirim"),
    "delivery.internship.create": _("Magang dibuat"),
    "delivery.internship.report": _("Laporan akhir magang dikirim"),
    "delivery.internship.complete": _("Magang diselesaikan"),
    "delivery.logbook.submit": _("Logbook magang dikirim"),
    "delivery.logbook.approve": _("Logbook magang disetujui mentor"),
    "delivery.logbook.return": _("Logbook magang dikembalikan mentor"),
    # Delivery: JP ledger
    "delivery.jp.credit": _("JP dikreditkan"),
    "delivery.jp.alert": _("Peringatan JP dikirim"),
    "delivery.claim.submit": _("Klaim JP diajukan"),
    "delivery.claim.approve": _("Klaim JP disetujui"),
    "delivery.claim.decline": _("Klaim JP ditolak"),
    # Evaluation
    "evaluation.reaction_submit": _("Kuesioner reaksi dijawab"),
    "evaluation.scores_import": _("Nilai pre/post-test diimpor"),
    "evaluation.decision_record": _("Keputusan evaluasi dicatat"),
    "evaluation.action_create": _("Tindak lanjut dibuat"),
    "evaluation.action_close": _("Tindak lanjut diselesaikan"),
    "evaluation.follow_ups_schedule": _("Evaluasi pasca-pelatihan dijadwalkan"),
    "evaluation.follow_up_complete": _("Evaluasi pasca-pelatihan diselesaikan"),
    # Recognition
    "recognition.certificate.issue": _("Sertifikat diterbitkan"),
    "recognition.certificate.bulk_start": _("Penerbitan sertifikat massal dimulai"),
    "recognition.certificate.revoke": _("Sertifikat dicabut"),
    "recognition.key.create": _("Kunci tanda tangan instansi dibuat"),
    "recognition.key.rotate": _("Kunci tanda tangan instansi diganti"),
}


def action_label(code: str) -> str:
    """The reader's name of ``code``; an unknown code is shown as itself."""
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else code


def is_known_action(code: str) -> bool:
    return code in ACTION_LABELS
