"""Forms of the e-learning, quiz and internship pages. Rules live in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bangkom.delivery.models import ActivityKind, ModuleKind, QuestionKind, Quiz
from bangkom.organisation.models import Employee
from bangkom.planning.models import DevelopmentForm


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Judul kursus"), max_length=200, required=False)
    description = forms.CharField(label=_("Deskripsi"), widget=forms.Textarea, required=False)
    form = forms.ModelChoiceField(
        label=_("Bentuk pengembangan (untuk JP)"),
        queryset=DevelopmentForm.objects.none(),
        required=False,
    )
    jp_units = forms.DecimalField(label=_("Satuan JP (jam)"), initial=2, required=False)
    final_quiz = forms.ModelChoiceField(
        label=_("Kuis akhir"), queryset=Quiz.objects.none(), required=False
    )
    self_enrol = forms.BooleanField(
        label=_("Terbuka untuk pendaftaran mandiri"), required=False, initial=True
    )
    is_published = forms.BooleanField(label=_("Terbitkan"), required=False)


class ModuleForm(forms.Form):
    title = forms.CharField(label=_("Judul modul"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Jenis modul"), choices=ModuleKind.choices)
    body = forms.CharField(label=_("Isi (teks)"), widget=forms.Textarea, required=False)
    file = forms.FileField(label=_("Berkas (PDF/JPG/PNG)"), required=False)
    video_url = forms.CharField(label=_("Tautan video (https)"), required=False)


class BankForm(forms.Form):
    name = forms.CharField(label=_("Nama bank soal"), max_length=200, required=False)


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis soal"), choices=QuestionKind.choices)
    text = forms.CharField(
        label=_("Pertanyaan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    options = forms.CharField(
        label=_("Pilihan (satu per baris; awali jawaban benar dengan *)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    accepted_answers = forms.CharField(
        label=_("Jawaban yang diterima (satu per baris)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    points = forms.IntegerField(label=_("Bobot"), initial=1, required=False)


class QuizForm(forms.Form):
    title = forms.CharField(label=_("Judul kuis"), max_length=200, required=False)
    pass_mark = forms.IntegerField(label=_("Nilai lulus (0–100)"), initial=70, required=False)
    max_attempts = forms.IntegerField(
        label=_("Paling banyak percobaan (kosong: tanpa batas)"), required=False
    )
    draw_count = forms.IntegerField(
        label=_("Jumlah soal diacak (kosong: semua soal)"), required=False
    )


class LogbookForm(forms.Form):
    week_start = forms.DateField(
        label=_("Minggu mulai"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    activities = forms.CharField(
        label=_("Kegiatan minggu ini"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class LogbookDecideForm(forms.Form):
    comment = forms.CharField(
        label=_("Catatan mentor"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReportForm(forms.Form):
    report = forms.FileField(label=_("Laporan akhir (PDF)"), required=False)


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis kegiatan"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Judul kegiatan"), max_length=200, required=False)
    date = forms.DateField(
        label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    units = forms.DecimalField(label=_("Jumlah satuan (sesi/hari/kegiatan)"), required=False)
    participants = forms.ModelMultipleChoiceField(
        label=_("Peserta"), queryset=Employee.objects.none(), required=False
    )
    output_text = forms.CharField(
        label=_("Hasil/keluaran"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    output_file = forms.FileField(label=_("Berkas keluaran"), required=False)
