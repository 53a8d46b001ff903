"""The needs story of each demo region for plan year 2026, from its source document.

- Everywhere (seeds 000, 001, 002, 004): the training-needs survey, with less confidence in
  e-government applications among front-line staff (:mod:`.answers`).
- Kupang (seed 001): health staff of Puskesmas Alak below the health-protocol standard, a
  Renstra priority of Dinas Kesehatan, communication and time management in Alak.
- Pontianak (seed 002): Dinas PUPR below in project and budget management, with a late-project
  indicator; RPJMD themes of digital service and integrity (attitude and ethics); e-learning.
- Mataram (seed 003): Cakranegara's population grows; the community, the private sector and
  academia say what its front-line staff need; the kecamatan's SKM shows a low U6.
- Medan (seed 004): business-permit applications in Medan Marelan up 22.4 % in a year; its
  licensing staff need the regulation, communication and public service.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bangkom.demo.needs.spec import (
    IndicatorSpec,
    InputSpec,
    NeedsStory,
    PrioritySpec,
    RuleSpec,
    SkmSpec,
    SurveyStory,
    WeakSpot,
)
from bangkom.organisation.models import PositionClass as PC
from bangkom.regional.models import (
    IndicatorKind,
    Periodicity,
    PlanDocument,
    RuleCondition,
    StakeholderKind,
)

PLAN_YEAR = 2026
PUPR = "Dinas Pekerjaan Umum dan Penataan Ruang"
DPMPTSP = "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"
BKPSDM = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"


def _months(first: date, values: tuple[int, ...]) -> tuple[tuple[date, int], ...]:
    """Monthly values from ``first`` on."""
    result = []
    year, month = first.year, first.month
    for value in values:
        result.append((date(year, month, 1), value))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(result)


def _years(first: int, values: tuple[int, ...]) -> tuple[tuple[date, int], ...]:
    return tuple((date(first + index, 1, 1), value) for index, value in enumerate(values))


KUPANG = NeedsStory(
    slug="kupang",
    weak_spots=(
        WeakSpot("Puskesmas Alak", ("T.2",), strong=True),
        WeakSpot("Puskesmas Alak", ("M.3", "T.7")),
        WeakSpot("Kecamatan Alak", ("M.3", "T.7", "T.1")),
    ),
    survey=SurveyStory(
        low_tasks=(("T.7", "Kecamatan Alak"), ("T.7", "Puskesmas Alak")),
        topics=(
            ("T.2", "Puskesmas Alak", 7),
            ("T.2", "Dinas Kesehatan", 2),
            ("T.7", "Kecamatan Alak", 3),
            ("M.3", "Kecamatan Alak", 3),
        ),
        forms=(4, 4, 4, 2, 2, 3, 1, 1, 1, 1, 2),
        suggestions=(
            "Mohon pelatihan protokol kesehatan terbaru dilaksanakan di puskesmas agar pelayanan "
            "tidak berhenti.",
            "Perlu pendampingan langsung memakai aplikasi SRIKANDI dan e-Kinerja, bukan hanya "
            "sosialisasi.",
            "Workshop komunikasi dengan warga bersama universitas lokal sangat membantu.",
            "Pelatihan manajemen waktu untuk petugas layanan kecamatan dan kelurahan.",
        ),
    ),
    priorities=(
        PrioritySpec(
            tema="Penguatan penerapan protokol kesehatan",
            dokumen=PlanDocument.RENSTRA,
            referensi="Renstra Dinas Kesehatan Kota Kupang 2025–2029, Sasaran Strategis 2",
            uraian=(
                "Seluruh fasilitas kesehatan menerapkan kebijakan kesehatan terbaru serta "
                "protokol pencegahan dan pengendalian infeksi secara konsisten."
            ),
            codes=("T.2",),
            units=("Dinas Kesehatan",),
            factor=Decimal("1.5"),
        ),
        PrioritySpec(
            tema="Pelayanan prima: komunikasi efektif dan ketepatan waktu layanan",
            dokumen=PlanDocument.RENSTRA,
            referensi="Renstra Kecamatan Alak 2025–2029, Program Peningkatan Pelayanan Publik",
            uraian=(
                "Petugas layanan berkomunikasi efektif dengan warga dan menyelesaikan layanan "
                "sesuai standar waktu."
            ),
            codes=("M.3", "T.7"),
            units=("Kecamatan Alak", "Puskesmas Alak"),
            factor=Decimal("1.2"),
        ),
    ),
    # Residents and the local university, partners of the story's workshops, write in.
    public_input_open=True,
)

PONTIANAK = NeedsStory(
    slug="pontianak",
    weak_spots=(
        WeakSpot(PUPR, ("T.4", "T.5"), strong=True),
        WeakSpot(PUPR, ("T.11",)),
        WeakSpot("", ("M.1",)),
        WeakSpot("Dinas Kesehatan", ("T.12",)),
    ),
    survey=SurveyStory(
        # Health staff in the field use the applications less than their office colleagues.
        low_tasks=(("T.1", "Dinas Kesehatan"),),
        topics=(
            ("T.4", PUPR, 7),
            ("M.1", "", 2),
            ("T.12", "Dinas Kesehatan", 2),
        ),
        forms=(3, 3, 2, 7, 4, 3, 1, 2, 1, 2, 3),
        suggestions=(
            "Materi e-learning sebaiknya bisa diakses dari ponsel saat bertugas di lapangan.",
            "Pelatihan manajemen proyek perlu studi kasus proyek jalan dan drainase kota.",
            "Perlu pelatihan pengendalian anggaran proyek bersama praktisi.",
            "Pembinaan sikap dan etika kerja sebaiknya rutin, tidak hanya saat orientasi CPNS.",
        ),
    ),
    priorities=(
        PrioritySpec(
            tema="Infrastruktur kota yang tepat waktu dan tepat anggaran",
            dokumen=PlanDocument.RPJMD,
            referensi="RPJMD Kota Pontianak 2025–2029, Misi 3",
            uraian=(
                "Proyek infrastruktur berjalan sesuai rencana dan anggaran melalui perencanaan, "
                "pengawasan dan pengelolaan anggaran yang baik."
            ),
            codes=("T.4", "T.5"),
            units=(PUPR,),
            factor=Decimal("1.3"),
        ),
        PrioritySpec(
            tema="Transformasi digital pelayanan publik",
            dokumen=PlanDocument.RPJMD,
            referensi="RPJMD Kota Pontianak 2025–2029, Misi 1",
            uraian="Masyarakat dilayani cepat dan efisien melalui platform digital.",
            codes=("T.1", "T.9"),
            factor=Decimal("1.2"),
        ),
        PrioritySpec(
            tema="Aparatur berintegritas, beretika dan profesional",
            dokumen=PlanDocument.RPJMD,
            referensi="RPJMD Kota Pontianak 2025–2029, Misi 4",
            uraian=(
                "Pengembangan kompetensi ASN tidak hanya menambah pengetahuan dan keterampilan, "
                "tetapi juga membentuk sikap dan etika kerja yang profesional."
            ),
            codes=("M.1",),
            factor=Decimal("1.3"),
        ),
        PrioritySpec(
            tema="Pembelajaran daring (e-learning) bagi ASN",
            dokumen=PlanDocument.RENSTRA,
            referensi="Renstra BKPSDM Kota Pontianak 2025–2029, Sasaran 1",
            uraian=(
                "ASN, termasuk tenaga kesehatan di lapangan, mengikuti pelatihan secara daring "
                "tanpa meninggalkan tugas."
            ),
            codes=("T.12",),
            units=(BKPSDM, "Dinas Kesehatan"),
            factor=Decimal("1.2"),
        ),
    ),
    indicators=(
        IndicatorSpec(
            kode="PUPR-TEPAT-WAKTU",
            nama="Paket pekerjaan konstruksi selesai tepat waktu",
            satuan="persen",
            jenis=IndicatorKind.OTHER,
            periodisitas=Periodicity.YEARLY,
            unit=PUPR,
            values=_years(2021, (84, 80, 77, 71)),
            sumber="Laporan kinerja Dinas PUPR Kota Pontianak",
            uraian="Persentase paket pekerjaan konstruksi yang selesai sesuai jadwal kontrak.",
        ),
    ),
    rules=(
        RuleSpec(
            nama="Ketepatan waktu proyek konstruksi di bawah 75%",
            indicator="PUPR-TEPAT-WAKTU",
            kondisi=RuleCondition.AT_MOST,
            ambang=Decimal(75),
            codes=("T.4", "T.11"),
            factor=Decimal("1.25"),
        ),
    ),
)

MATARAM = NeedsStory(
    slug="mataram",
    weak_spots=(
        WeakSpot("Kecamatan Cakranegara", ("M.5",), strong=True),
        WeakSpot("Kecamatan Cakranegara", ("T.19", "T.9", "M.3")),
    ),
    survey=SurveyStory(
        topics=(
            ("T.9", "Kecamatan Cakranegara", 4),
            ("M.3", "Kecamatan Cakranegara", 3),
        ),
        forms=(3, 5, 4, 2, 1, 2, 2, 5, 1, 2, 1),
        suggestions=(
            "Pelatihan sebaiknya berbasis proyek: memperbaiki alur layanan kantor lurah bersama "
            "warga.",
            "Gedung pertemuan kecamatan dapat dipakai untuk pelatihan agar tidak perlu ke kota.",
            "Perlu pelatihan aplikasi layanan daring karena jumlah pemohon terus bertambah.",
        ),
    ),
    indicators=(
        IndicatorSpec(
            kode="PENDUDUK-CAKRA",
            nama="Jumlah penduduk",
            satuan="jiwa",
            jenis=IndicatorKind.POPULATION,
            periodisitas=Periodicity.YEARLY,
            wilayah="52.71.03",
            values=_years(2020, (66_412, 67_386, 68_512, 69_745, 71_163)),
            sumber="Dinas Kependudukan dan Pencatatan Sipil Kota Mataram (data semester II)",
        ),
    ),
    rules=(
        RuleSpec(
            nama="Pertumbuhan penduduk Cakranegara ≥ 1,5% per tahun",
            indicator="PENDUDUK-CAKRA",
            kondisi=RuleCondition.GROWTH,
            ambang=Decimal("1.5"),
            codes=("M.5", "T.19"),
            factor=Decimal("1.3"),
            position_classes=(PC.PELAKSANA,),
        ),
    ),
    inputs=(
        InputSpec(
            kategori=StakeholderKind.COMMUNITY,
            topik="Antrean layanan surat keterangan di kelurahan makin panjang",
            isi=(
                "Sejak banyak keluarga baru pindah ke Cakranegara, antrean surat keterangan "
                "domisili dan pengantar KTP di kantor lurah bisa setengah hari. Petugasnya ramah, "
                "tetapi sering harus bertanya dulu soal persyaratan. Mohon petugas dilatih agar "
                "pelayanan lebih cepat dan jelas."
            ),
            received=date(2025, 4, 14),
            nama="Baiq Nurul Aini",
            organisasi="Forum RT/RW Kelurahan Cakranegara Timur",
            wilayah="52.71.03",
            codes=("M.5", "T.19"),
            units=("Kecamatan Cakranegara",),
            position_classes=(PC.PELAKSANA,),
            factor=Decimal("1.2"),
        ),
        InputSpec(
            kategori=StakeholderKind.PRIVATE,
            topik="Pendampingan pelaku usaha dalam layanan daring",
            isi=(
                "Banyak pedagang Pasar Cakranegara belum bisa mengurus surat keterangan usaha dan "
                "NIB melalui aplikasi. Petugas kecamatan perlu menguasai layanan daring supaya "
                "dapat mendampingi pelaku usaha, bukan meminta mereka datang berkali-kali."
            ),
            received=date(2025, 5, 6),
            nama="H. Lalu Muhammad Saleh",
            organisasi="Paguyuban Pedagang Pasar Cakranegara",
            wilayah="52.71.03",
            codes=("T.9", "M.5"),
            units=("Kecamatan Cakranegara",),
            factor=Decimal("1.2"),
        ),
        InputSpec(
            kategori=StakeholderKind.ACADEMIA,
            topik="Komunikasi pelayanan untuk warga yang makin beragam",
            isi=(
                "Pengabdian masyarakat kami di Cakranegara menunjukkan pendatang baru dan warga "
                "lanjut usia sering tidak memahami alur layanan. Kami menyarankan pelatihan "
                "komunikasi pelayanan dan pembelajaran berbasis proyek bersama kampus, misalnya "
                "menata ulang alur layanan PATEN bersama petugas."
            ),
            received=date(2025, 6, 3),
            nama="Dr. Ni Made Suastini",
            organisasi="Fakultas Ilmu Sosial dan Ilmu Politik Universitas Mataram",
            wilayah="52.71.03",
            codes=("M.3", "T.19"),
            units=("Kecamatan Cakranegara",),
            factor=Decimal("1.2"),
        ),
    ),
    skm=(
        SkmSpec(
            unit="Kecamatan Cakranegara/Seksi Pelayanan Umum",
            tahun=2025,
            populasi_tahunan=1_100,
            jenis_layanan="Surat keterangan\nRekomendasi dan izin yang dilimpahkan\nLegalisasi",
            profiles=(
                (2, 14, 60, 24),  # U1 persyaratan
                (2, 15, 60, 23),  # U2 prosedur
                (4, 22, 56, 18),  # U3 waktu: the queues of a growing kecamatan
                (0, 3, 45, 52),  # U4 biaya: free of charge
                (1, 10, 63, 26),  # U5 produk
                (6, 29, 51, 14),  # U6 kompetensi pelaksana: below 3.00
                (2, 12, 60, 26),  # U7 perilaku pelaksana
                (3, 20, 58, 19),  # U8 sarana
                (3, 18, 60, 19),  # U9 pengaduan
            ),
        ),
    ),
    public_input_open=True,
)

# Business-permit applications per month in Medan Marelan, July 2023 – June 2024 and the twelve
# months after: 1,493 → 1,827 (+22.4 %).
PERMITS_BEFORE = (118, 124, 121, 131, 127, 139, 112, 119, 128, 116, 125, 133)
PERMITS_AFTER = (141, 150, 149, 158, 157, 171, 138, 146, 158, 143, 153, 163)

MEDAN = NeedsStory(
    slug="medan",
    weak_spots=(
        # The OSS-RBA rules keep changing: whoever handles permits in Marelan is behind on them.
        WeakSpot("Kecamatan Medan Marelan", ("T.3",), strong=True),
        WeakSpot("Kecamatan Medan Marelan", ("M.3", "M.5"), keyword="perizinan"),
    ),
    survey=SurveyStory(
        low_tasks=(("M.3", "Kecamatan Medan Marelan"),),
        topics=(
            ("T.3", "Kecamatan Medan Marelan", 5),
            ("T.3", DPMPTSP, 5),
            ("M.3", "Kecamatan Medan Marelan", 2),
        ),
        forms=(4, 3, 3, 2, 1, 3, 4, 2, 1, 1, 1),
        suggestions=(
            "Perlu narasumber praktisi OSS-RBA karena aturan perizinan sering berubah.",
            "ASN muda bisa magang di perguruan tinggi atau mal pelayanan publik.",
            "Pelatihan komunikasi untuk menghadapi pemohon izin yang kecewa.",
        ),
    ),
    indicators=(
        IndicatorSpec(
            kode="IZIN-USAHA-MARELAN",
            nama="Permohonan izin usaha",
            satuan="permohonan",
            jenis=IndicatorKind.SERVICE_DEMAND,
            periodisitas=Periodicity.MONTHLY,
            wilayah="12.71.12",
            values=_months(date(2023, 7, 1), (*PERMITS_BEFORE, *PERMITS_AFTER)),
            sumber="Rekap OSS-RBA dan register PATEN Kecamatan Medan Marelan",
        ),
    ),
    rules=(
        RuleSpec(
            nama="Lonjakan permohonan izin usaha di Medan Marelan",
            indicator="IZIN-USAHA-MARELAN",
            kondisi=RuleCondition.GROWTH,
            ambang=Decimal(20),
            codes=("T.3", "M.3", "M.5"),
            factor=Decimal("1.5"),
            position_keyword="perizinan",
        ),
    ),
    # Permit applicants and the university's interns write in through the public form.
    public_input_open=True,
)

STORIES: dict[str, NeedsStory] = {
    story.slug: story for story in (KUPANG, PONTIANAK, MATARAM, MEDAN)
}
