"""Kota Kupang's catalogue and 2026 plan (seed 001, Kelurahan Alak).

The source: health staff must know the newest health policies and apply health protocols;
Alak has run time-management and IT training, e-government application training and
communication workshops; seminars and lokakarya with a local university; collaboration with
NGOs. The needs story puts Puskesmas Alak below the health-protocol standard and the front line
of Alak below in communication and time management (:mod:`bangkom.demo.needs.stories`).
"""

from __future__ import annotations

from decimal import Decimal

from bangkom.demo.needs.stories import BKPSDM
from bangkom.demo.plans.spec import PlanProgramSpec, PlanSpec, ProgramSpec
from bangkom.organisation.models import PositionClass as PC
from bangkom.planning.models import DeliveryMode as Mode

LEADERS = (PC.JPT_PRATAMA, PC.ADMINISTRATOR, PC.PENGAWAS)
UNDANA = "Fakultas Ilmu Sosial dan Ilmu Politik Universitas Nusa Cendana"
BPSDM_NTT = "BPSDM Provinsi Nusa Tenggara Timur"

CATALOGUE = (
    ProgramSpec(
        kode="KPG-KES-01",
        judul="Bimtek Kebijakan Kesehatan Terbaru dan Protokol Pencegahan dan Pengendalian Infeksi",
        bentuk="bimtek",
        jumlah_satuan=Decimal(30),
        hari_belajar=4,
        hari_tinggal_kerja=4,
        mode=Mode.TATAP_MUKA,
        peserta=(5, 25),
        biaya_tetap=9_500_000,
        biaya_per_peserta=1_750_000,
        competencies=(("T.2", 1), ("T.10", 1)),
        units=("Dinas Kesehatan",),
        penyelenggara="Dinas Kesehatan Provinsi NTT bersama Poltekkes Kemenkes Kupang",
        catatan_kurikulum="Kebijakan kesehatan terbaru, PPI di fasilitas kesehatan tingkat "
        "pertama, simulasi alur pasien dan penggunaan APD; praktik di Puskesmas Alak.",
    ),
    ProgramSpec(
        kode="KPG-KOM-01",
        judul="Workshop Komunikasi Efektif dengan Masyarakat",
        bentuk="workshop",
        jumlah_satuan=Decimal(4),
        hari_belajar=4,
        hari_tinggal_kerja=4,
        mode=Mode.TATAP_MUKA,
        peserta=(6, 30),
        biaya_tetap=22_000_000,
        biaya_per_peserta=1_500_000,
        competencies=(("M.3", 1), ("T.6", 1)),
        penyelenggara=UNDANA,
        catatan_kurikulum="Mendengar aktif, menjelaskan persyaratan layanan dengan bahasa "
        "sederhana, menghadapi warga yang kecewa; bermain peran dengan kasus layanan kelurahan "
        "dan puskesmas.",
    ),
    ProgramSpec(
        kode="KPG-WKT-01",
        judul="Pelatihan Manajemen Waktu dan Pelayanan Prima",
        bentuk="pelatihan-teknis",
        jumlah_satuan=Decimal(24),
        hari_belajar=3,
        hari_tinggal_kerja=3,
        mode=Mode.TATAP_MUKA,
        peserta=(5, 30),
        biaya_tetap=15_000_000,
        biaya_per_peserta=1_250_000,
        competencies=(("T.7", 1), ("M.5", 1)),
        units=("Kecamatan Alak", "Dinas Kesehatan"),
        penyelenggara=BPSDM_NTT,
        catatan_kurikulum="Standar waktu layanan, prioritas dan jadwal kerja harian, antrean "
        "layanan, budaya pelayanan prima.",
    ),
    ProgramSpec(
        kode="KPG-SPBE-01",
        judul="E-learning Aplikasi SRIKANDI dan e-Kinerja",
        bentuk="e-learning",
        jumlah_satuan=Decimal(21),
        hari_belajar=7,
        hari_tinggal_kerja=0,
        mode=Mode.DARING,
        peserta=(5, 60),
        biaya_tetap=6_000_000,
        biaya_per_peserta=150_000,
        competencies=(("T.1", 1),),
        kelas_jabatan=(PC.PELAKSANA, PC.PENGAWAS, PC.TERAMPIL, PC.ADMINISTRATOR),
        penyelenggara="BKPSDM Kota Kupang bersama Dinas Komunikasi dan Informatika",
        catatan_kurikulum="Naskah dinas elektronik SRIKANDI, pengisian SKP di e-Kinerja BKN, "
        "keamanan akun; kuis tiap modul.",
    ),
    ProgramSpec(
        kode="KPG-SPBE-02",
        judul="Pendampingan Aplikasi E-Government di Tempat Kerja",
        bentuk="bimbingan-tempat-kerja",
        jumlah_satuan=Decimal(16),
        hari_belajar=8,
        hari_tinggal_kerja=0,
        mode=Mode.TATAP_MUKA,
        peserta=(3, 10),
        biaya_tetap=4_000_000,
        biaya_per_peserta=450_000,
        competencies=(("T.1", 1), ("T.19", 1)),
        units=("Kecamatan Alak",),
        penyelenggara="Dinas Komunikasi dan Informatika Kota Kupang",
        catatan_kurikulum="Pendamping datang ke kantor kecamatan dan kelurahan; praktik langsung "
        "pada layanan harian, bukan sosialisasi.",
    ),
    ProgramSpec(
        kode="KPG-MNJ-01",
        judul="Pelatihan Manajerial: Mengelola Perubahan dan Mengambil Keputusan",
        bentuk="pelatihan-manajerial",
        jumlah_satuan=Decimal(32),
        hari_belajar=4,
        hari_tinggal_kerja=4,
        mode=Mode.TATAP_MUKA,
        peserta=(6, 30),
        biaya_tetap=24_000_000,
        biaya_per_peserta=2_400_000,
        competencies=(("M.7", 1), ("M.8", 1), ("M.4", 1)),
        kelas_jabatan=LEADERS,
        penyelenggara=BPSDM_NTT,
        catatan_kurikulum="Kasus perubahan layanan di Kota Kupang, analisis masalah dan "
        "pengambilan keputusan berbasis data, rencana aksi unit.",
    ),
    ProgramSpec(
        kode="KPG-CO-01",
        judul="Coaching Kinerja dan Pengembangan Diri bagi Pejabat",
        bentuk="coaching",
        jumlah_satuan=Decimal(8),
        hari_belajar=8,
        bulan=4,
        hari_tinggal_kerja=0,
        mode=Mode.TATAP_MUKA,
        peserta=(3, 12),
        biaya_tetap=5_000_000,
        biaya_per_peserta=3_000_000,
        competencies=(("M.6", 1), ("M.4", 1)),
        kelas_jabatan=LEADERS,
        penyelenggara="Widyaiswara BPSDM Provinsi NTT (coach bersertifikat)",
        catatan_kurikulum="Delapan sesi coaching dalam empat bulan; sasaran kinerja SKP dan "
        "rencana pengembangan bawahan.",
    ),
    ProgramSpec(
        kode="KPG-SK-01",
        judul="Pelatihan Wawasan Kebangsaan, Integritas dan Nilai BerAKHLAK",
        bentuk="pelatihan-sosial-kultural",
        jumlah_satuan=Decimal(24),
        hari_belajar=3,
        hari_tinggal_kerja=3,
        mode=Mode.TATAP_MUKA,
        peserta=(6, 40),
        biaya_tetap=12_000_000,
        biaya_per_peserta=1_000_000,
        competencies=(("SK.1", 1), ("M.1", 1), ("M.2", 1)),
        penyelenggara="BPSDM Provinsi NTT bersama Badan Kesbangpol Kota Kupang",
        catatan_kurikulum="Perekat bangsa di kota yang majemuk, integritas dan kerja sama "
        "dalam nilai dasar ASN BerAKHLAK.",
    ),
    ProgramSpec(
        kode="KPG-KMT-01",
        judul="Lokakarya Kemitraan Kelurahan dengan LSM dan Perguruan Tinggi",
        bentuk="workshop",
        jumlah_satuan=Decimal(2),
        hari_belajar=2,
        hari_tinggal_kerja=2,
        mode=Mode.TATAP_MUKA,
        peserta=(4, 25),
        biaya_tetap=9_000_000,
        biaya_per_peserta=600_000,
        competencies=(("T.20", 1), ("M.2", 1)),
        units=("Kecamatan Alak",),
        penyelenggara="Forum LSM Kota Kupang bersama " + UNDANA,
        catatan_kurikulum="Memetakan mitra kelurahan, merancang kegiatan bersama warga, "
        "kesepakatan kerja sama sederhana.",
    ),
    ProgramSpec(
        kode="KPG-AKPK-01",
        judul="Bimtek Analisis Kebutuhan dan Evaluasi Pengembangan Kompetensi",
        bentuk="bimtek",
        jumlah_satuan=Decimal(24),
        hari_belajar=3,
        hari_tinggal_kerja=3,
        mode=Mode.CAMPURAN,
        peserta=(3, 15),
        biaya_tetap=8_000_000,
        biaya_per_peserta=2_000_000,
        competencies=(("T.15", 1), ("T.16", 1), ("T.17", 1)),
        units=(BKPSDM,),
        penyelenggara="Lembaga Administrasi Negara bersama Kantor Regional X BKN Denpasar",
        catatan_kurikulum="AKPK dari standar kompetensi jabatan, evaluasi Kirkpatrick, riwayat "
        "diklat di SIASN.",
    ),
    ProgramSpec(
        kode="KPG-SEM-01",
        judul="Seminar dan Lokakarya Pelayanan Publik bersama Universitas Nusa Cendana",
        bentuk="seminar",
        jumlah_satuan=Decimal(2),
        hari_belajar=2,
        hari_tinggal_kerja=2,
        mode=Mode.TATAP_MUKA,
        peserta=(8, 80),
        biaya_tetap=16_000_000,
        biaya_per_peserta=350_000,
        competencies=(("M.5", 1),),
        penyelenggara=UNDANA,
        catatan_kurikulum="Temuan riset pelayanan publik di Kota Kupang, standar pelayanan, "
        "diskusi kelompok per jenis layanan.",
    ),
)

PLAN = PlanSpec(
    slug="kupang",
    catalogue=CATALOGUE,
    judul="Rencana Pengembangan Kompetensi ASN Kota Kupang Tahun 2026",
    pagu=175_000_000,
    max_hari=10,
    programs=(
        PlanProgramSpec(
            "KPG-KES-01",
            2,
            "3, 8",
            "Sesuai kurikulum pelatihan teknis Kementerian Kesehatan tentang pencegahan dan "
            "pengendalian infeksi (Permenkes 27/2017).",
        ),
        PlanProgramSpec(
            "KPG-KOM-01",
            2,
            "4, 9",
            "Selaras dengan kompetensi manajerial Komunikasi (PermenPANRB 38/2017).",
        ),
        PlanProgramSpec(
            "KPG-WKT-01",
            2,
            "5, 10",
            "Mengacu pedoman standar pelayanan (PermenPANRB 15/2014).",
        ),
        PlanProgramSpec(
            "KPG-SPBE-01",
            2,
            "2, 7",
            "Materi SPBE sesuai Perpres 95/2018; SRIKANDI sesuai pedoman ANRI.",
        ),
        PlanProgramSpec("KPG-SPBE-02", 2, "3, 6", "Pendampingan penerapan SPBE (Perpres 95/2018)."),
        PlanProgramSpec(
            "KPG-MNJ-01",
            1,
            "6",
            "Kurikulum pelatihan manajerial sesuai Peraturan LAN 10/2018.",
        ),
        PlanProgramSpec(
            "KPG-CO-01",
            2,
            "2, 7",
            "Coaching sebagai pelatihan nonklasikal (Peraturan LAN 10/2018).",
        ),
        PlanProgramSpec(
            "KPG-SK-01",
            1,
            "8",
            "Kompetensi sosial kultural dan nilai dasar ASN BerAKHLAK.",
        ),
        PlanProgramSpec(
            "KPG-KMT-01",
            1,
            "5",
            "Kemitraan kelurahan sesuai Renstra Kecamatan Alak.",
            min_angkatan=1,
        ),
        PlanProgramSpec(
            "KPG-AKPK-01",
            1,
            "2",
            "Pedoman pengembangan kompetensi PNS (PP 11/2017 jo. PP 17/2020).",
        ),
        PlanProgramSpec(
            "KPG-SEM-01", 1, "11", "Seminar sebagai pelatihan klasikal.", min_angkatan=1
        ),
    ),
    ppk_nama="Drs. Yohanis Fanggidae, M.Si.",
    ppk_jabatan="Wali Kota Kupang",
)
