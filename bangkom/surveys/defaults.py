"""The built-in questionnaire a BKPSDM admin starts from (*templat bawaan*), in Indonesian.

Items name the competencies they stand for by official code (M.x, SK.1, stable everywhere) and
by fragments of a technical competency's name (T.x codes differ between instansi). Whatever the
instansi's dictionary holds is linked; the admin reviews the links before publishing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bangkom.surveys.models import QuestionKind

Text = str | Promise  # lazy translations, made text when a survey is created


@dataclass(frozen=True)
class TemplateItem:
    label: Text
    codes: tuple[str, ...] = ()  # always linked when the instansi can use them
    name_fragments: tuple[str, ...] = ()  # technical competencies whose name contains one
    fallback_codes: tuple[str, ...] = ()  # linked only when no name fragment matched


@dataclass(frozen=True)
class TemplateQuestion:
    kind: str
    teks: Text
    bantuan: Text = ""
    is_required: bool = True
    max_choices: int | None = None
    items: tuple[TemplateItem, ...] = ()


E_GOVERNMENT = ("e-government", "spbe", "pemerintahan berbasis elektronik")

DEFAULT_QUESTIONS: tuple[TemplateQuestion, ...] = (
    TemplateQuestion(
        kind=QuestionKind.CONFIDENCE,
        teks=_("Seberapa percaya diri Anda melakukan tugas berikut?"),
        bantuan=_(
            "1 = tidak percaya diri, 2 = kurang percaya diri, 3 = percaya diri, "
            "4 = sangat percaya diri."
        ),
        items=(
            TemplateItem(
                _("Menggunakan aplikasi e-government (SRIKANDI, e-Kinerja, OSS-RBA, SIASN)"),
                name_fragments=E_GOVERNMENT,
                fallback_codes=("M.7",),
            ),
            TemplateItem(
                _("Melayani masyarakat melalui aplikasi layanan daring"),
                codes=("M.5",),
                name_fragments=("pelayanan publik berbasis digital",),
            ),
            TemplateItem(
                _("Menyampaikan informasi dan menanggapi pengaduan masyarakat"),
                codes=("M.3",),
                name_fragments=("komunikasi publik", "pengaduan"),
            ),
            TemplateItem(
                _("Menerapkan kebijakan dan prosedur kerja yang baru"),
                codes=("M.7",),
            ),
            TemplateItem(
                _("Mengatur waktu dan menyelesaikan pekerjaan sesuai target"),
                codes=("M.4",),
                name_fragments=("manajemen waktu",),
            ),
            TemplateItem(_("Bekerja sama dalam tim lintas unit"), codes=("M.2",)),
        ),
    ),
    TemplateQuestion(
        kind=QuestionKind.TOPICS,
        teks=_("Topik pelatihan apa yang paling Anda butuhkan tahun depan?"),
        bantuan=_("Pilih paling banyak tiga."),
        max_choices=3,
        items=(
            TemplateItem(
                _("Penggunaan aplikasi e-government"),
                name_fragments=E_GOVERNMENT,
                fallback_codes=("M.7",),
            ),
            TemplateItem(
                _("Pelayanan publik berbasis digital"),
                codes=("M.5",),
                name_fragments=("pelayanan publik berbasis digital",),
            ),
            TemplateItem(
                _("Komunikasi efektif dengan masyarakat"),
                codes=("M.3",),
                name_fragments=("komunikasi publik",),
            ),
            TemplateItem(_("Manajemen waktu"), codes=("M.4",), name_fragments=("manajemen waktu",)),
            TemplateItem(
                _("Manajemen proyek dan anggaran"),
                name_fragments=("manajemen proyek", "anggaran"),
            ),
            TemplateItem(
                _("Kebijakan dan protokol kesehatan terbaru"),
                name_fragments=("protokol kesehatan",),
            ),
            TemplateItem(
                _("Regulasi perizinan berusaha"),
                name_fragments=("perizinan",),
            ),
            TemplateItem(_("Integritas dan etika pelayanan"), codes=("M.1", "SK.1")),
        ),
    ),
    TemplateQuestion(
        kind=QuestionKind.FORMS,
        teks=_("Bentuk pengembangan kompetensi apa yang Anda sukai?"),
        bantuan=_("Boleh lebih dari satu."),
        items=tuple(
            TemplateItem(label)
            for label in (
                _("Pelatihan klasikal / bimbingan teknis"),
                _("Workshop / lokakarya"),
                _("Seminar / sarasehan"),
                _("E-learning"),
                _("Pelatihan jarak jauh"),
                _("Coaching / mentoring"),
                _("Magang / praktik kerja"),
                _("Pembelajaran berbasis proyek"),
                _("Patok banding (benchmarking)"),
                _("Komunitas belajar"),
                _("Belajar mandiri"),
            )
        ),
    ),
    TemplateQuestion(
        kind=QuestionKind.TIMES,
        teks=_("Kapan waktu yang paling memungkinkan bagi Anda untuk belajar?"),
        bantuan=_("Boleh lebih dari satu."),
        items=tuple(
            TemplateItem(label)
            for label in (
                pgettext_lazy("waktu belajar", "Hari kerja, pagi"),
                pgettext_lazy("waktu belajar", "Hari kerja, siang"),
                pgettext_lazy("waktu belajar", "Hari kerja, sore"),
                pgettext_lazy("waktu belajar", "Daring, malam hari"),
                pgettext_lazy("waktu belajar", "Akhir pekan"),
            )
        ),
    ),
    TemplateQuestion(
        kind=QuestionKind.TEXT,
        teks=_("Saran atau kebutuhan pengembangan lain"),
        bantuan=_("Tidak wajib."),
        is_required=False,
    ),
)
