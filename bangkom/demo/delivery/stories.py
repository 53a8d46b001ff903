"""Who carries out each city's approved 2026 plan, after its source story (/work/shared/seeds):

- Kupang (Alak, seed 001): time management with an NGO, e-government and communication with
  Universitas Nusa Cendana; the e-government training shows a low gain, the participants ask
  for more practice, and BKPSDM adjusts its method.
- Pontianak (seed 002): BKPSDM's project trainings (with Universitas Tanjungpura, and BPKP on
  project budgets) show a significant gain and are continued; Dinas Kesehatan staff learn public
  health online.
- Mataram (Cakranegara, seed 003): batches in the kantor camat and at Universitas Mataram.
- Medan (Marelan, seed 004): a young ASN interns at Universitas Sumatera Utara; practitioner
  speakers teach business licensing.
"""

from __future__ import annotations

import datetime as dt

from bangkom.demo.delivery.spec import (
    ClaimStory,
    CourseStory,
    DeliverySpec,
    InternshipStory,
    LearningStory,
    PartnerSpec,
    ProgramDelivery,
    ReactionProfile,
    TrainerSpec,
    VenueSpec,
)

UNIVERSITY = "university"
NGO = "ngo"
GOVERNMENT = "government_body"
PRIVATE = "private_company"
BUILDING = "government_building"
CAMPUS = "partner_campus"
WIDYAISWARA = "widyaiswara"
COACH = "internal_coach"
PRACTITIONER = "external_practitioner"

KUPANG = DeliverySpec(
    slug="kupang",
    partners=(
        PartnerSpec(
            "undana",
            "Universitas Nusa Cendana",
            UNIVERSITY,
            "LPPM Undana, Jl. Adisucipto Penfui, Kupang",
            "PKS/07/BKPSDM-UNDANA/I/2026",
            "Workshop komunikasi efektif dan pelatihan aplikasi e-government bagi ASN Kota Kupang",
        ),
        PartnerSpec(
            "lsm",
            "Perkumpulan Tata Kelola Flobamora",
            NGO,
            "Sekretariat: Jl. Frans Seda, Kupang",
            "PKS/11/BKPSDM-PTKF/II/2026",
            "Pelatihan manajemen waktu dan pelayanan prima di kecamatan dan puskesmas",
            valid_from=dt.date(2026, 2, 2),
        ),
        PartnerSpec(
            "bpsdm",
            "BPSDM Provinsi Nusa Tenggara Timur",
            GOVERNMENT,
            "Jl. Polisi Militer, Kupang",
            "MoU/003/BPSDM-NTT/I/2026",
            "Pelatihan manajerial dan wawasan kebangsaan ASN kabupaten/kota",
            agreement_kind="mou",
        ),
        PartnerSpec(
            "poltekkes",
            "Poltekkes Kemenkes Kupang",
            GOVERNMENT,
            "Jl. Piet A. Tallo, Liliba, Kupang",
            "PKS/21/BKPSDM-POLTEKKES/II/2026",
            "Bimbingan teknis kebijakan kesehatan dan pencegahan infeksi bagi tenaga puskesmas",
        ),
    ),
    mitra_partner="undana",
    venues=(
        VenueSpec(
            "camat",
            "Aula Kantor Camat Alak",
            BUILDING,
            40,
            "Jl. Alak Raya, Kecamatan Alak, Kupang",
            "Proyektor, pengeras suara, 40 kursi",
        ),
        VenueSpec(
            "kampus",
            "Ruang Seminar FISIP Universitas Nusa Cendana",
            CAMPUS,
            60,
            "Kampus Undana Penfui, Kupang",
            "Laboratorium komputer 30 unit, proyektor",
            partner="undana",
        ),
    ),
    trainers=(
        TrainerSpec("amalo", "Dr. Godlief Amalo, M.Si.", PRACTITIONER, "undana"),
        TrainerSpec("ledo", "Yohanes Ledo, S.Kom., M.T.", PRACTITIONER, "undana"),
        TrainerSpec("tefa", "Maria Tefa, S.Sos.", PRACTITIONER, "lsm"),
        TrainerSpec("widyaiswara", "Drs. Petrus Manek, M.Si.", WIDYAISWARA, "bpsdm"),
        TrainerSpec("poltekkes", "Ns. Ruth Bessie, M.Kep.", PRACTITIONER, "poltekkes"),
    ),
    programs={
        "KPG-WKT-01": ProgramDelivery("lsm", ("tefa",), ("camat",)),
        "KPG-SPBE-01": ProgramDelivery("undana", ("ledo",)),
        "KPG-KOM-01": ProgramDelivery("undana", ("amalo",), ("kampus",)),
        "KPG-SEM-01": ProgramDelivery("undana", ("amalo",), ("kampus",)),
        "KPG-MNJ-01": ProgramDelivery("bpsdm", ("widyaiswara",), ("camat",)),
        "KPG-SK-01": ProgramDelivery("bpsdm", ("widyaiswara",), ("camat",)),
        "KPG-KES-01": ProgramDelivery("poltekkes", ("poltekkes",), ("camat",)),
        "KPG-KMT-01": ProgramDelivery("lsm", ("tefa", "amalo"), ("camat",)),
        "KPG-CO-01": ProgramDelivery("bpsdm", ("widyaiswara",), ("camat",)),
        "KPG-SPBE-02": ProgramDelivery("undana", ("ledo",), ("camat",)),
    },
    upcoming=("KPG-MNJ-01", "KPG-SK-01", "KPG-KES-01"),
    signatory=("Drs. Yeri Padji Kana, M.Si.", "Kepala BKPSDM Kota Kupang"),
    action_plan=(
        "Menyusun jadwal kerja mingguan pelayanan di Puskesmas Alak dan menerapkan antrean "
        "berdasarkan janji temu untuk pemeriksaan rutin."
    ),
    learning=(
        LearningStory(
            programs=("KPG-SPBE-01",),
            pre_mean=58,
            pre_spread=9,
            gain_share=0.10,
            gain_spread=0.08,
            decision="adjust_method",
            reaction=ReactionProfile(
                material=4.4,
                trainers=4.3,
                organisation=3.9,
                facilities=3.7,
                relevance=4.5,
                comments=(
                    "Materi bagus, tetapi terlalu banyak ceramah. Mohon lebih banyak praktik "
                    "langsung di aplikasi.",
                    "Perlu praktik memakai SRIKANDI dengan surat kita sendiri, bukan contoh saja.",
                    "Waktu praktik terlalu singkat; sebaiknya ada sesi pendampingan di kantor.",
                ),
            ),
            action=(
                "Ubah metode pelatihan e-government: separuh waktu praktik langsung di aplikasi "
                "SRIKANDI dan e-Kinerja dengan pendampingan di kantor masing-masing"
            ),
        ),
    ),
    claim=ClaimStory(
        title="Webinar Nasional Pencegahan Stunting di Layanan Primer",
        organiser="Kementerian Kesehatan RI",
        start=dt.date(2026, 9, 15),
        end=dt.date(2026, 9, 15),
        form="seminar",
        units="1",
    ),
    revoke=(
        "Diterbitkan atas nama peserta yang salah; diganti dengan sertifikat yang benar "
        "setelah daftar hadir diperbaiki."
    ),
)

PONTIANAK = DeliverySpec(
    slug="pontianak",
    partners=(
        PartnerSpec(
            "untan",
            "Universitas Tanjungpura",
            UNIVERSITY,
            "Fakultas Teknik Untan, Jl. Prof. Dr. H. Hadari Nawawi, Pontianak",
            "PKS/05/BKPSDM-UNTAN/I/2026",
            "Pelatihan manajemen proyek pemerintah, pembelajaran berbasis proyek dan workshop "
            "komunikasi pelayanan publik",
        ),
        PartnerSpec(
            "bpsdm",
            "BPSDM Provinsi Kalimantan Barat",
            GOVERNMENT,
            "Jl. Sutan Syahrir, Pontianak",
            "MoU/012/BPSDM-KALBAR/I/2026",
            "Mentoring pejabat dan pelatihan sosial kultural ASN Kota Pontianak",
            agreement_kind="mou",
        ),
        PartnerSpec(
            "bapelkes",
            "Bapelkes Kementerian Kesehatan Pontianak",
            GOVERNMENT,
            "LMS Kemenkes (plataran sehat)",
            "PKS/09/DINKES-BAPELKES/II/2026",
            "E-learning kesehatan masyarakat bagi tenaga kesehatan lapangan Dinas Kesehatan",
        ),
        PartnerSpec(
            "bpkp",
            "BPKP Perwakilan Provinsi Kalimantan Barat",
            GOVERNMENT,
            "Jl. Ahmad Yani, Pontianak",
            "PKS/17/BKPSDM-BPKP/II/2026",
            "Bimbingan teknis pengelolaan dan pengendalian anggaran proyek pemerintah daerah",
        ),
    ),
    mitra_partner="bpsdm",
    venues=(
        VenueSpec(
            "aula",
            "Aula BKPSDM Kota Pontianak",
            BUILDING,
            40,
            "Jl. Rahadi Usman, Pontianak",
            "Proyektor, 40 kursi, ruang diskusi kelompok",
        ),
        VenueSpec(
            "kampus",
            "Ruang Sidang Fakultas Teknik Universitas Tanjungpura",
            CAMPUS,
            50,
            "Kampus Untan, Pontianak",
            "Studio gambar, perangkat lunak penjadwalan proyek",
            partner="untan",
        ),
    ),
    trainers=(
        TrainerSpec("dosen", "Dr. Ir. Eka Priadi, M.T.", PRACTITIONER, "untan"),
        TrainerSpec("fisip", "Dr. Rini Sulistyowati, M.Si.", PRACTITIONER, "untan"),
        TrainerSpec("ngadi", "Herkulanus Ngadi, S.Sos., M.Si.", WIDYAISWARA, "bpsdm"),
        TrainerSpec("bapelkes", "dr. Nurul Hidayah, M.K.M.", PRACTITIONER, "bapelkes"),
        TrainerSpec("inspektorat", "Ir. Syarif Hamid, M.Si.", COACH),
        TrainerSpec("bpkp", "Dra. Marlina Tan, Ak., CA.", PRACTITIONER, "bpkp"),
    ),
    programs={
        "PTK-PRY-01": ProgramDelivery("untan", ("dosen",), ("aula", "kampus")),
        "PTK-PBL-01": ProgramDelivery("untan", ("dosen",), ("kampus",)),
        "PTK-ANG-01": ProgramDelivery("bpkp", ("bpkp",), ("aula",)),
        "PTK-KOM-01": ProgramDelivery("untan", ("fisip",), ("kampus",)),
        "PTK-EL-02": ProgramDelivery("bapelkes", ("bapelkes",)),
        "PTK-EL-01": ProgramDelivery(""),
        "PTK-MEN-01": ProgramDelivery("bpsdm", ("ngadi",), ("aula",)),
        "PTK-SK-01": ProgramDelivery("bpsdm", ("ngadi",), ("aula",)),
        "PTK-INT-01": ProgramDelivery("", ("inspektorat",), ("aula",)),
    },
    upcoming=("PTK-SK-01", "PTK-MEN-01", "PTK-INT-01"),
    signatory=("Dr. H. Amirullah, S.STP., M.Si.", "Kepala BKPSDM Kota Pontianak"),
    action_plan=(
        "Menerapkan jadwal induk dan kurva-S untuk pengawasan paket pekerjaan jalan lingkungan "
        "Bidang Bina Marga, dilaporkan setiap bulan kepada kepala bidang."
    ),
    learning=(
        LearningStory(
            # The project-management training itself when its batch is large enough for the
            # rules (six pairs; with five, even all gains positive give p = 1/16 two-sided),
            # else the project trainings that share its participants' need.
            programs=("PTK-PRY-01", "PTK-PBL-01", "PTK-ANG-01"),
            pre_mean=52,
            pre_spread=9,
            gain_share=0.48,
            gain_spread=0.12,
            decision="continue",
            reaction=ReactionProfile(
                material=4.5,
                trainers=4.6,
                organisation=4.3,
                facilities=4.1,
                relevance=4.6,
                comments=(
                    "Studi kasus proyek drainase kota sangat membantu pekerjaan kami.",
                    "Latihan kurva-S dan jadwal induk langsung bisa dipakai di kantor.",
                ),
            ),
        ),
    ),
    course=CourseStory(
        program="PTK-EL-02",
        title="Kesehatan Masyarakat untuk Tenaga Lapangan: Modul Mandiri",
        description=(
            "Kursus daring mandiri Dinas Kesehatan: surveilans sederhana, promosi kesehatan dan "
            "pencegahan penyakit menular di wilayah kerja puskesmas."
        ),
        unit="Dinas Kesehatan",
        learners=3,
        modules=(
            (
                "Surveilans berbasis masyarakat",
                "Mengenali, mencatat dan melaporkan kasus penyakit menular di tingkat RT/RW.",
            ),
            (
                "Promosi kesehatan di posyandu",
                "Menyusun pesan kesehatan yang sederhana untuk ibu hamil dan balita.",
            ),
            (
                "Pencegahan demam berdarah",
                "Gerakan 3M Plus, pemeriksaan jentik berkala dan pelaporan kasus.",
            ),
        ),
        questions=(
            (
                "Gerakan 3M Plus untuk mencegah demam berdarah mencakup…",
                ("Menguras, menutup, mendaur ulang", "Mencuci tangan saja", "Fogging harian"),
                0,
            ),
            (
                "Kasus penyakit menular di tingkat RT dilaporkan pertama kali kepada…",
                ("Puskesmas wilayah kerja", "Kementerian Kesehatan", "Rumah sakit provinsi"),
                0,
            ),
            (
                "Pesan promosi kesehatan yang baik di posyandu adalah…",
                ("Singkat, jelas dan sesuai sasaran", "Panjang dan teknis", "Hanya tertulis"),
                0,
            ),
            (
                "Pemeriksaan jentik berkala dilakukan…",
                ("Setiap minggu", "Setahun sekali", "Hanya saat ada kasus"),
                0,
            ),
        ),
    ),
)

MATARAM = DeliverySpec(
    slug="mataram",
    partners=(
        PartnerSpec(
            "unram",
            "Universitas Mataram",
            UNIVERSITY,
            "FISIP Unram, Jl. Majapahit No. 62, Mataram",
            "PKS/04/BKPSDM-UNRAM/I/2026",
            "Workshop komunikasi pelayanan, pembelajaran berbasis proyek PATEN dan seminar "
            "pelayanan publik di Kecamatan Cakranegara",
        ),
        PartnerSpec(
            "bpsdm",
            "BPSDM Provinsi Nusa Tenggara Barat",
            GOVERNMENT,
            "Jl. Majapahit No. 1, Mataram",
            "MoU/008/BPSDM-NTB/I/2026",
            "Pelatihan manajerial, integritas dan coaching ASN Kota Mataram",
            agreement_kind="mou",
        ),
        PartnerSpec(
            "dukcapil",
            "Ditjen Dukcapil Kementerian Dalam Negeri",
            GOVERNMENT,
            "Jl. Medan Merdeka Utara No. 7, Jakarta",
            "PKS/470/DUKCAPIL-MTR/II/2026",
            "Bimbingan teknis administrasi kependudukan bagi petugas kecamatan dan kelurahan",
        ),
    ),
    mitra_partner="unram",
    venues=(
        VenueSpec(
            "camat",
            "Aula Kantor Camat Cakranegara",
            BUILDING,
            35,
            "Jl. Selaparang, Cakranegara, Mataram",
            "Proyektor, pengeras suara, 35 kursi",
        ),
        VenueSpec(
            "kampus",
            "Gedung Pascasarjana Universitas Mataram",
            CAMPUS,
            60,
            "Jl. Pendidikan No. 37, Mataram",
            "Ruang kelas, ruang diskusi kelompok",
            partner="unram",
        ),
    ),
    trainers=(
        TrainerSpec("suparman", "Dr. Lalu Gede Suparman, M.Si.", PRACTITIONER, "unram"),
        TrainerSpec("unram", "Dr. Baiq Rindang Ayu, M.A.", PRACTITIONER, "unram"),
        TrainerSpec("widyaiswara", "Drs. H. Muhammad Saleh, M.Pd.", WIDYAISWARA, "bpsdm"),
        TrainerSpec("dukcapil", "Agus Salim, S.Kom.", PRACTITIONER, "dukcapil"),
    ),
    programs={
        "MTR-KOM-01": ProgramDelivery("unram", ("unram",), ("kampus",)),
        "MTR-PBL-01": ProgramDelivery("unram", ("suparman",), ("camat",)),
        "MTR-SEM-01": ProgramDelivery("unram", ("suparman",), ("kampus",)),
        "MTR-MNJ-01": ProgramDelivery("bpsdm", ("widyaiswara",), ("camat",)),
        "MTR-INT-01": ProgramDelivery("bpsdm", ("widyaiswara",), ("camat",)),
        "MTR-CO-01": ProgramDelivery("bpsdm", ("widyaiswara",), ("camat",)),
        "MTR-ADK-01": ProgramDelivery("dukcapil", ("dukcapil",), ("camat",)),
    },
    upcoming=("MTR-SEM-01", "MTR-INT-01", "MTR-MNJ-01"),
    signatory=("H. Zulkarwin, S.Sos., M.H.", "Kepala BKPSDM Kota Mataram"),
    action_plan=(
        "Menerapkan sapaan dan penjelasan persyaratan yang ramah di loket PATEN Kecamatan "
        "Cakranegara, serta mencatat keluhan warga setiap pekan."
    ),
)

MEDAN = DeliverySpec(
    slug="medan",
    partners=(
        PartnerSpec(
            "usu",
            "Universitas Sumatera Utara",
            UNIVERSITY,
            "FISIP USU, Jl. Dr. A. Sofian No. 1, Medan",
            "PKS/15/BKPSDM-USU/I/2026",
            "Program magang ASN muda, pelatihan komunikasi pelayanan dan lokakarya kemitraan "
            "kelurahan di Kecamatan Medan Marelan",
        ),
        PartnerSpec(
            "praktisi",
            "Asosiasi Praktisi Perizinan Sumatera Utara",
            PRIVATE,
            "Jl. Gatot Subroto, Medan",
            "PKS/22/BKPSDM-APPSU/II/2026",
            "Narasumber praktisi perizinan berusaha berbasis risiko (OSS RBA)",
            valid_from=dt.date(2026, 2, 2),
        ),
        PartnerSpec(
            "bpsdm",
            "BPSDM Provinsi Sumatera Utara",
            GOVERNMENT,
            "Jl. Ngumban Surbakti, Medan",
            "MoU/019/BPSDM-SUMUT/I/2026",
            "Pelatihan manajerial, wawasan kebangsaan dan mentoring ASN Kota Medan",
            agreement_kind="mou",
        ),
    ),
    mitra_partner="praktisi",
    venues=(
        VenueSpec(
            "camat",
            "Aula Kantor Camat Medan Marelan",
            BUILDING,
            40,
            "Jl. Marelan Raya, Medan Marelan",
            "Proyektor, 40 kursi",
        ),
        VenueSpec(
            "kampus",
            "Ruang Kuliah FISIP Universitas Sumatera Utara",
            CAMPUS,
            60,
            "Kampus USU Padang Bulan, Medan",
            "Ruang kelas, laboratorium komputer",
            partner="usu",
        ),
    ),
    trainers=(
        TrainerSpec("nasution", "Rahmat Nasution, S.H.", PRACTITIONER, "praktisi"),
        TrainerSpec("ginting", "Ir. Daniel Ginting", PRACTITIONER, "praktisi"),
        TrainerSpec("usu", "Dr. Nurlela Harahap, M.Si.", PRACTITIONER, "usu"),
        TrainerSpec("widyaiswara", "Drs. Saut Sihombing, M.Si.", WIDYAISWARA, "bpsdm"),
        TrainerSpec("kominfo", "Fadli Lubis, S.Kom.", COACH),
    ),
    programs={
        "MDN-OSS-01": ProgramDelivery("praktisi", ("nasution", "ginting"), ("camat",)),
        "MDN-KOM-01": ProgramDelivery("usu", ("usu",), ("kampus",)),
        "MDN-KMT-01": ProgramDelivery("usu", ("usu",), ("camat",)),
        "MDN-MAG-01": ProgramDelivery("usu", ("usu",)),
        "MDN-TIK-01": ProgramDelivery("", ("kominfo",), ("camat",)),
        "MDN-MNJ-01": ProgramDelivery("bpsdm", ("widyaiswara",), ("camat",)),
        "MDN-SK-01": ProgramDelivery("bpsdm", ("widyaiswara",), ("camat",)),
        "MDN-MEN-01": ProgramDelivery("bpsdm", ("widyaiswara",), ("camat",)),
    },
    upcoming=("MDN-SK-01", "MDN-MNJ-01", "MDN-MEN-01"),
    signatory=("Dr. Muhammad Sofyan, S.STP., M.AP.", "Kepala BKPSDM Kota Medan"),
    action_plan=(
        "Menyusun daftar periksa persyaratan izin usaha mikro di OSS RBA untuk loket "
        "Kecamatan Medan Marelan dan menjelaskannya kepada pemohon."
    ),
    internship=InternshipStory(
        partner="usu",
        mentor_name="Dr. Nurlela Harahap, M.Si. (dosen pembimbing magang, USU)",
        start=dt.date(2026, 8, 3),
        end=dt.date(2026, 9, 25),
        goals=(
            "Mempelajari layanan perizinan terpadu dan riset kepuasan pemohon di pusat kajian "
            "kebijakan publik USU, lalu merancang perbaikan alur izin di Kecamatan Medan Marelan."
        ),
        weeks=(
            "Orientasi di Pusat Kajian Kebijakan Publik FISIP USU; membaca regulasi OSS RBA.",
            "Mengikuti wawancara pemohon izin bersama tim peneliti.",
            "Menyusun kuesioner kepuasan pemohon untuk loket kecamatan.",
            "Mengolah data survei kepuasan dari tiga kecamatan pembanding.",
            "Studi banding ke Mal Pelayanan Publik Kota Medan.",
            "Merancang alur layanan izin usaha mikro yang lebih singkat.",
            "Menyusun draf laporan dan rekomendasi bersama mentor.",
            "Presentasi rekomendasi di hadapan camat dan dosen pembimbing.",
        ),
    ),
)

DELIVERIES: dict[str, DeliverySpec] = {
    spec.slug: spec for spec in (KUPANG, PONTIANAK, MATARAM, MEDAN)
}
