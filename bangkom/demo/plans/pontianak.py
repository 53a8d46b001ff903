"""Kota Pontianak's catalogue and 2026 plan (seed 002).

The source: continuing training with other institutions; IT in public service; project
management training by the BKPSDM so that infrastructure projects are supervised and their
budgets managed; an e-learning platform, e.g. public-health courses for Dinas Kesehatan staff
in the field; attitude and work ethics next to knowledge and skills. The needs story puts
Dinas PUPR below in project and budget management and weighs digital service, integrity and
e-learning (:mod:`bangkom.demo.needs.stories`).
"""

from __future__ import annotations

from decimal import Decimal

from bangkom.demo.needs.stories import BKPSDM, PUPR
from bangkom.demo.plans.spec import PlanProgramSpec, PlanSpec, ProgramSpec
from bangkom.organisation.models import PositionClass as PC
from bangkom.planning.models import DeliveryMode as Mode

LEADERS = (PC.JPT_PRATAMA, PC.ADMINISTRATOR, PC.PENGAWAS)
UNTAN = "Universitas Tanjungpura"
BPSDM_KALBAR = "BPSDM Provinsi Kalimantan Barat"

CATALOGUE = (
    ProgramSpec(
        kode="PTK-PRY-01",
        judul="Pelatihan Manajemen Proyek Pemerintah",
        bentuk="pelatihan-teknis",
        jumlah_satuan=Decimal(40),
        hari_belajar=5,
        hari_tinggal_kerja=5,
        mode=Mode.TATAP_MUKA,
        peserta=(5, 25),
        biaya_tetap=18_000_000,
        biaya_per_peserta=2_250_000,
        competencies=(("T.4", 1), ("T.11", 1)),
        units=(PUPR,),
        penyelenggara=f"BKPSDM Kota Pontianak bersama Fakultas Teknik {UNTAN}",
        catatan_kurikulum="Merencanakan, melaksanakan dan mengevaluasi proyek: jadwal kurva S, "
        "pengendalian mutu, laporan kemajuan; studi kasus proyek jalan dan drainase kota.",
    ),
    ProgramSpec(
        kode="PTK-ANG-01",
        judul="Bimtek Pengelolaan dan Pengendalian Anggaran Proyek",
        bentuk="bimtek",
        jumlah_satuan=Decimal(24),
        hari_belajar=3,
        hari_tinggal_kerja=3,
        mode=Mode.TATAP_MUKA,
        peserta=(5, 30),
        biaya_tetap=12_000_000,
        biaya_per_peserta=1_800_000,
        competencies=(("T.5", 1),),
        kelas_jabatan=(
            PC.JPT_PRATAMA,
            PC.ADMINISTRATOR,
            PC.PELAKSANA,
            PC.AHLI_PERTAMA,
            PC.AHLI_MUDA,
        ),
        penyelenggara="BPKP Perwakilan Provinsi Kalimantan Barat; narasumber praktisi",
        catatan_kurikulum="Anggaran kas proyek, adendum kontrak, pembayaran termin, "
        "pengendalian deviasi biaya dan temuan pemeriksaan yang sering terjadi.",
    ),
    ProgramSpec(
        kode="PTK-PBL-01",
        judul="Pembelajaran Berbasis Proyek: Pengendalian Proyek Jalan dan Drainase Kota",
        bentuk="project-based",
        jumlah_satuan=Decimal(40),
        hari_belajar=10,
        bulan=3,
        hari_tinggal_kerja=4,
        mode=Mode.CAMPURAN,
        peserta=(4, 8),
        biaya_tetap=24_000_000,
        biaya_per_peserta=1_500_000,
        competencies=(("T.4", 1), ("T.5", 1), ("T.11", 1)),
        units=(PUPR,),
        penyelenggara=f"Fakultas Teknik {UNTAN} bersama Dinas PUPR Kota Pontianak",
        prasyarat="Sedang menangani paket pekerjaan konstruksi tahun berjalan.",
        catatan_kurikulum="Peserta mengendalikan satu paket pekerjaan nyata selama tiga bulan "
        "dengan pendampingan dosen; laporan akhir berupa rencana pemulihan keterlambatan.",
    ),
    ProgramSpec(
        kode="PTK-INT-01",
        judul="Pelatihan Integritas, Sikap dan Etika Kerja ASN",
        bentuk="pelatihan-manajerial",
        jumlah_satuan=Decimal(24),
        hari_belajar=3,
        hari_tinggal_kerja=3,
        mode=Mode.TATAP_MUKA,
        peserta=(6, 35),
        biaya_tetap=14_000_000,
        biaya_per_peserta=1_100_000,
        competencies=(("M.1", 1),),
        penyelenggara="Inspektorat Kota Pontianak; penyuluh antikorupsi tersertifikasi",
        catatan_kurikulum="Konflik kepentingan, gratifikasi, etika pelayanan; pembinaan sikap "
        "yang berkelanjutan, bukan hanya saat orientasi CPNS.",
    ),
    ProgramSpec(
        kode="PTK-EL-01",
        judul="E-learning Pelayanan Publik Berbasis Digital",
        bentuk="e-learning",
        jumlah_satuan=Decimal(21),
        hari_belajar=7,
        hari_tinggal_kerja=0,
        mode=Mode.DARING,
        peserta=(2, 60),
        biaya_tetap=9_000_000,
        biaya_per_peserta=450_000,
        competencies=(("T.9", 1), ("T.1", 1), ("M.5", 1)),
        penyelenggara="BKPSDM Kota Pontianak (LMS) bersama Dinas Komunikasi dan Informatika",
        catatan_kurikulum="Layanan daring Pemerintah Kota Pontianak, aplikasi e-government "
        "harian, keamanan data warga; modul dapat diakses dari ponsel.",
    ),
    ProgramSpec(
        kode="PTK-EL-02",
        judul="E-learning Kesehatan Masyarakat bagi Tenaga Kesehatan Lapangan",
        bentuk="e-learning",
        jumlah_satuan=Decimal(24),
        hari_belajar=8,
        hari_tinggal_kerja=0,
        mode=Mode.DARING,
        peserta=(4, 40),
        biaya_tetap=7_500_000,
        biaya_per_peserta=400_000,
        competencies=(("T.10", 1), ("T.12", 1)),
        units=("Dinas Kesehatan", BKPSDM),
        penyelenggara="Dinas Kesehatan Kota Pontianak melalui LMS Kementerian Kesehatan",
        catatan_kurikulum="Surveilans, promosi kesehatan dan kesehatan lingkungan; belajar "
        "daring tanpa meninggalkan tugas di lapangan.",
    ),
    ProgramSpec(
        kode="PTK-MNJ-01",
        judul="Pelatihan Kepemimpinan Kolaboratif: Kerja Sama, Hasil dan Keputusan",
        bentuk="pelatihan-manajerial",
        jumlah_satuan=Decimal(32),
        hari_belajar=4,
        hari_tinggal_kerja=4,
        mode=Mode.TATAP_MUKA,
        peserta=(6, 30),
        biaya_tetap=26_000_000,
        biaya_per_peserta=2_500_000,
        competencies=(("M.2", 1), ("M.4", 1), ("M.8", 1)),
        kelas_jabatan=(*LEADERS, PC.AHLI_MUDA),
        penyelenggara=BPSDM_KALBAR,
        catatan_kurikulum="Kolaborasi lintas perangkat daerah, sasaran kinerja berbasis hasil, "
        "pengambilan keputusan berbasis data.",
    ),
    ProgramSpec(
        kode="PTK-KOM-01",
        judul="Workshop Komunikasi dan Pelayanan Publik",
        bentuk="workshop",
        jumlah_satuan=Decimal(4),
        hari_belajar=4,
        hari_tinggal_kerja=4,
        mode=Mode.TATAP_MUKA,
        peserta=(6, 30),
        biaya_tetap=20_000_000,
        biaya_per_peserta=1_600_000,
        competencies=(("M.3", 1), ("M.5", 1)),
        penyelenggara=f"Fakultas Ilmu Sosial dan Ilmu Politik {UNTAN}",
        catatan_kurikulum="Komunikasi dengan warga dan media, standar pelayanan, menangani "
        "keluhan layanan publik.",
    ),
    ProgramSpec(
        kode="PTK-MEN-01",
        judul="Mentoring Pengembangan Diri dan Orang Lain bagi Pejabat",
        bentuk="mentoring",
        jumlah_satuan=Decimal(8),
        hari_belajar=8,
        bulan=4,
        hari_tinggal_kerja=0,
        mode=Mode.TATAP_MUKA,
        peserta=(3, 12),
        biaya_tetap=4_000_000,
        biaya_per_peserta=2_800_000,
        competencies=(("M.6", 1),),
        kelas_jabatan=(PC.JPT_PRATAMA, PC.ADMINISTRATOR),
        penyelenggara="Widyaiswara BPSDM Provinsi Kalimantan Barat",
        catatan_kurikulum="Delapan sesi mentoring dalam empat bulan: rencana pengembangan "
        "bawahan, umpan balik dan pendelegasian.",
    ),
    ProgramSpec(
        kode="PTK-SK-01",
        judul="Pelatihan Sosial Kultural: Perekat Bangsa dan Mengelola Perubahan",
        bentuk="pelatihan-sosial-kultural",
        jumlah_satuan=Decimal(24),
        hari_belajar=3,
        hari_tinggal_kerja=3,
        mode=Mode.TATAP_MUKA,
        peserta=(4, 30),
        biaya_tetap=11_000_000,
        biaya_per_peserta=1_000_000,
        competencies=(("SK.1", 1), ("M.7", 1)),
        kelas_jabatan=(*LEADERS, PC.AHLI_MUDA),
        penyelenggara="BPSDM Provinsi Kalimantan Barat bersama Badan Kesbangpol Kota Pontianak",
        catatan_kurikulum="Keberagaman masyarakat Kota Pontianak, pengelolaan perubahan "
        "layanan dan penerimaan warga.",
    ),
    ProgramSpec(
        kode="PTK-AKPK-01",
        judul="Bimtek Analisis Kebutuhan dan Evaluasi Pengembangan Kompetensi",
        bentuk="bimtek",
        jumlah_satuan=Decimal(24),
        hari_belajar=3,
        hari_tinggal_kerja=3,
        mode=Mode.CAMPURAN,
        peserta=(3, 15),
        biaya_tetap=8_000_000,
        biaya_per_peserta=2_100_000,
        competencies=(("T.15", 1), ("T.16", 1), ("T.17", 1)),
        units=(BKPSDM,),
        penyelenggara="Lembaga Administrasi Negara bersama Kantor Regional V BKN Jakarta",
        catatan_kurikulum="AKPK dari standar kompetensi jabatan, evaluasi pascapelatihan, "
        "riwayat diklat di SIASN.",
    ),
    ProgramSpec(
        kode="PTK-TIK-01",
        judul="Bimtek Keamanan Informasi Layanan Digital",
        bentuk="bimtek",
        jumlah_satuan=Decimal(24),
        hari_belajar=3,
        hari_tinggal_kerja=3,
        mode=Mode.TATAP_MUKA,
        peserta=(3, 20),
        biaya_tetap=12_000_000,
        biaya_per_peserta=2_200_000,
        competencies=(("T.18", 1), ("T.14", 1)),
        units=("Dinas Komunikasi dan Informatika",),
        penyelenggara="Badan Siber dan Sandi Negara (BSSN)",
        catatan_kurikulum="Pengamanan aplikasi layanan, penanganan insiden, pengaduan warga "
        "atas layanan digital.",
    ),
)

PLAN = PlanSpec(
    slug="pontianak",
    catalogue=CATALOGUE,
    judul="Rencana Pengembangan Kompetensi ASN Kota Pontianak Tahun 2026",
    pagu=165_000_000,
    max_hari=10,
    programs=(
        PlanProgramSpec(
            "PTK-PRY-01",
            1,
            "3",
            "Selaras dengan kompetensi teknis manajemen konstruksi Kementerian PUPR.",
            min_angkatan=1,
        ),
        PlanProgramSpec(
            "PTK-ANG-01",
            1,
            "4",
            "Mengacu pengelolaan keuangan daerah (PP 12/2019) dan pengadaan barang/jasa.",
        ),
        PlanProgramSpec(
            "PTK-PBL-01",
            1,
            "5",
            "Pembelajaran berbasis proyek sebagai pembelajaran di tempat kerja.",
        ),
        PlanProgramSpec(
            "PTK-INT-01",
            2,
            "2, 8",
            "Kompetensi manajerial Integritas (PermenPANRB 38/2017) dan nilai BerAKHLAK.",
        ),
        PlanProgramSpec("PTK-EL-01", 2, "3, 9", "Materi SPBE sesuai Perpres 95/2018."),
        PlanProgramSpec(
            "PTK-EL-02",
            1,
            "6",
            "Materi mengacu kurikulum pelatihan Kementerian Kesehatan.",
        ),
        PlanProgramSpec(
            "PTK-MNJ-01",
            1,
            "7",
            "Kurikulum pelatihan manajerial sesuai Peraturan LAN 10/2018.",
        ),
        PlanProgramSpec(
            "PTK-KOM-01",
            1,
            "5",
            "Kompetensi manajerial Komunikasi dan Pelayanan Publik (PermenPANRB 38/2017).",
        ),
        PlanProgramSpec(
            "PTK-MEN-01",
            1,
            "2",
            "Mentoring sebagai pelatihan nonklasikal (Peraturan LAN 10/2018).",
        ),
        PlanProgramSpec("PTK-SK-01", 1, "9", "Kompetensi sosial kultural (PermenPANRB 38/2017)."),
        PlanProgramSpec(
            "PTK-AKPK-01",
            1,
            "2",
            "Pedoman pengembangan kompetensi PNS (PP 11/2017 jo. PP 17/2020).",
        ),
        PlanProgramSpec("PTK-TIK-01", 1, "10", "Standar keamanan SPBE (Peraturan BSSN 4/2021)."),
    ),
    ppk_nama="H. Muhammad Rizal Hamdani, S.E., M.M.",
    ppk_jabatan="Wali Kota Pontianak",
)
