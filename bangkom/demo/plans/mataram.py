"""Kota Mataram's catalogue and 2026 plan (seed 003, Kecamatan Cakranegara).

The source: a growing population that needs better public service; the community, the private
sector and academia say which competencies are needed; workshops, seminars and project-based
learning; ICT training for public-service staff; training held in local government buildings
or with educational institutions. The needs story puts Cakranegara's front line below in
public service, PATEN, digital service and communication (:mod:`bangkom.demo.needs.stories`).
"""

from __future__ import annotations

from decimal import Decimal

from bangkom.demo.needs.stories import BKPSDM
from bangkom.demo.plans.spec import PlanProgramSpec, PlanSpec, ProgramSpec
from bangkom.organisation.models import PositionClass as PC
from bangkom.planning.models import DeliveryMode as Mode

LEADERS = (PC.JPT_PRATAMA, PC.ADMINISTRATOR, PC.PENGAWAS)
CAKRANEGARA = "Kecamatan Cakranegara"
UNRAM = "Fakultas Ilmu Sosial dan Ilmu Politik Universitas Mataram"
BPSDM_NTB = "BPSDM Provinsi Nusa Tenggara Barat"

CATALOGUE = (
    ProgramSpec(
        kode="MTR-PLY-01",
        judul="Pelatihan Pelayanan Prima bagi Petugas Garda Depan",
        bentuk="pelatihan-teknis",
        jumlah_satuan=Decimal(24),
        hari_belajar=3,
        hari_tinggal_kerja=3,
        mode=Mode.TATAP_MUKA,
        peserta=(6, 30),
        biaya_tetap=12_000_000,
        biaya_per_peserta=1_200_000,
        competencies=(("M.5", 1), ("T.19", 1)),
        units=(CAKRANEGARA, "Dinas Kependudukan dan Pencatatan Sipil"),
        penyelenggara=f"{BPSDM_NTB}; di Aula Kantor Camat Cakranegara",
        catatan_kurikulum="Persyaratan dan alur layanan surat keterangan, antrean, standar "
        "waktu layanan, sikap melayani.",
    ),
    ProgramSpec(
        kode="MTR-PBL-01",
        judul="Pembelajaran Berbasis Proyek: Menata Ulang Alur Layanan PATEN bersama Warga",
        bentuk="project-based",
        jumlah_satuan=Decimal(40),
        hari_belajar=10,
        bulan=3,
        hari_tinggal_kerja=4,
        mode=Mode.CAMPURAN,
        peserta=(4, 15),
        biaya_tetap=10_000_000,
        biaya_per_peserta=900_000,
        competencies=(("T.19", 1), ("M.5", 1), ("M.2", 1)),
        units=(CAKRANEGARA,),
        penyelenggara=UNRAM,
        catatan_kurikulum="Peserta dan dosen memetakan alur PATEN bersama Forum RT/RW, "
        "mengujicobakan perbaikan di satu kelurahan, lalu menyusun standar pelayanan baru.",
    ),
    ProgramSpec(
        kode="MTR-KOM-01",
        judul="Workshop Komunikasi Pelayanan untuk Warga yang Beragam",
        bentuk="workshop",
        jumlah_satuan=Decimal(4),
        hari_belajar=4,
        hari_tinggal_kerja=4,
        mode=Mode.TATAP_MUKA,
        peserta=(6, 30),
        biaya_tetap=18_000_000,
        biaya_per_peserta=1_350_000,
        competencies=(("M.3", 1), ("SK.1", 1)),
        penyelenggara=UNRAM,
        catatan_kurikulum="Menjelaskan alur layanan kepada pendatang baru dan warga lanjut usia, "
        "bahasa yang santun dalam masyarakat majemuk Cakranegara.",
    ),
    ProgramSpec(
        kode="MTR-TIK-01",
        judul="Bimtek Aplikasi Layanan Daring dan Pendampingan Pelaku Usaha",
        bentuk="bimtek",
        jumlah_satuan=Decimal(24),
        hari_belajar=3,
        hari_tinggal_kerja=3,
        mode=Mode.TATAP_MUKA,
        peserta=(5, 25),
        biaya_tetap=10_000_000,
        biaya_per_peserta=1_100_000,
        competencies=(("T.1", 1), ("T.9", 1)),
        kelas_jabatan=(PC.PELAKSANA, PC.PENGAWAS, PC.AHLI_PERTAMA, PC.ADMINISTRATOR),
        penyelenggara="Dinas Komunikasi dan Informatika Kota Mataram",
        catatan_kurikulum="Aplikasi layanan daring kota, surat keterangan usaha dan NIB, "
        "mendampingi pedagang Pasar Cakranegara mengurus layanan dari ponsel.",
    ),
    ProgramSpec(
        kode="MTR-SEM-01",
        judul="Seminar Pelayanan Publik: Masukan Masyarakat, Swasta dan Akademisi",
        bentuk="seminar",
        jumlah_satuan=Decimal(2),
        hari_belajar=2,
        hari_tinggal_kerja=2,
        mode=Mode.TATAP_MUKA,
        peserta=(10, 80),
        biaya_tetap=14_000_000,
        biaya_per_peserta=400_000,
        competencies=(("M.5", 1),),
        penyelenggara="BKPSDM Kota Mataram bersama Universitas Mataram",
        catatan_kurikulum="Hasil SKM Kecamatan Cakranegara, paparan Forum RT/RW dan Paguyuban "
        "Pedagang Pasar Cakranegara, diskusi perbaikan layanan.",
    ),
    ProgramSpec(
        kode="MTR-MNJ-01",
        judul="Pelatihan Manajerial: Kerja Sama dan Mengelola Perubahan",
        bentuk="pelatihan-manajerial",
        jumlah_satuan=Decimal(32),
        hari_belajar=4,
        hari_tinggal_kerja=4,
        mode=Mode.TATAP_MUKA,
        peserta=(6, 30),
        biaya_tetap=22_000_000,
        biaya_per_peserta=2_300_000,
        competencies=(("M.2", 1), ("M.7", 1), ("M.4", 1)),
        kelas_jabatan=(*LEADERS, PC.AHLI_MUDA),
        penyelenggara=BPSDM_NTB,
        catatan_kurikulum="Memimpin unit di wilayah yang tumbuh cepat: kerja sama lintas "
        "kelurahan, perubahan layanan, sasaran kinerja.",
    ),
    ProgramSpec(
        kode="MTR-CO-01",
        judul="Coaching Pengembangan Diri dan Pengambilan Keputusan",
        bentuk="coaching",
        jumlah_satuan=Decimal(8),
        hari_belajar=8,
        bulan=4,
        hari_tinggal_kerja=0,
        mode=Mode.TATAP_MUKA,
        peserta=(3, 12),
        biaya_tetap=4_500_000,
        biaya_per_peserta=2_900_000,
        competencies=(("M.6", 1), ("M.8", 1)),
        kelas_jabatan=LEADERS,
        penyelenggara="Widyaiswara BPSDM Provinsi NTB (coach bersertifikat)",
        catatan_kurikulum="Delapan sesi coaching dalam empat bulan, berpijak pada keputusan "
        "nyata yang dihadapi peserta.",
    ),
    ProgramSpec(
        kode="MTR-KMT-01",
        judul="Lokakarya Kemitraan Kecamatan dengan Pemangku Kepentingan",
        bentuk="workshop",
        jumlah_satuan=Decimal(2),
        hari_belajar=2,
        hari_tinggal_kerja=2,
        mode=Mode.TATAP_MUKA,
        peserta=(4, 25),
        biaya_tetap=8_000_000,
        biaya_per_peserta=550_000,
        competencies=(("T.20", 1), ("M.2", 1)),
        units=(CAKRANEGARA,),
        penyelenggara="Kecamatan Cakranegara bersama Forum RT/RW dan Universitas Mataram",
        catatan_kurikulum="Menampung masukan warga, pelaku usaha dan kampus; menyepakati "
        "kegiatan bersama tiap kelurahan.",
    ),
    ProgramSpec(
        kode="MTR-ADK-01",
        judul="Bimtek Administrasi Kependudukan dan Layanan Dokumen Warga",
        bentuk="bimtek",
        jumlah_satuan=Decimal(24),
        hari_belajar=3,
        hari_tinggal_kerja=3,
        mode=Mode.TATAP_MUKA,
        peserta=(3, 20),
        biaya_tetap=9_000_000,
        biaya_per_peserta=1_500_000,
        competencies=(("T.13", 1), ("T.1", 1)),
        units=("Dinas Kependudukan dan Pencatatan Sipil", CAKRANEGARA),
        penyelenggara="Direktorat Jenderal Kependudukan dan Pencatatan Sipil Kemendagri",
        catatan_kurikulum="Layanan dokumen kependudukan bagi penduduk pindahan, IKD, "
        "verifikasi data warga.",
    ),
    ProgramSpec(
        kode="MTR-INT-01",
        judul="Pelatihan Integritas dan Wawasan Kebangsaan",
        bentuk="pelatihan-sosial-kultural",
        jumlah_satuan=Decimal(24),
        hari_belajar=3,
        hari_tinggal_kerja=3,
        mode=Mode.TATAP_MUKA,
        peserta=(4, 35),
        biaya_tetap=10_000_000,
        biaya_per_peserta=950_000,
        competencies=(("M.1", 1), ("SK.1", 1)),
        kelas_jabatan=(*LEADERS, PC.AHLI_MUDA),
        penyelenggara=f"{BPSDM_NTB} bersama Badan Kesbangpol Kota Mataram",
        catatan_kurikulum="Integritas dalam pelayanan, perekat bangsa di kota yang majemuk.",
    ),
    ProgramSpec(
        kode="MTR-AKPK-01",
        judul="Bimtek Analisis Kebutuhan dan Evaluasi Pengembangan Kompetensi",
        bentuk="bimtek",
        jumlah_satuan=Decimal(24),
        hari_belajar=3,
        hari_tinggal_kerja=3,
        mode=Mode.CAMPURAN,
        peserta=(3, 15),
        biaya_tetap=7_500_000,
        biaya_per_peserta=2_000_000,
        competencies=(("T.15", 1), ("T.16", 1), ("T.17", 1)),
        units=(BKPSDM,),
        penyelenggara="Lembaga Administrasi Negara bersama Kantor Regional X BKN Denpasar",
        catatan_kurikulum="AKPK berbasis kebutuhan daerah, evaluasi pascapelatihan, riwayat "
        "diklat di SIASN.",
    ),
)

PLAN = PlanSpec(
    slug="mataram",
    catalogue=CATALOGUE,
    judul="Rencana Pengembangan Kompetensi ASN Kota Mataram Tahun 2026",
    pagu=210_000_000,
    max_hari=10,
    programs=(
        PlanProgramSpec(
            "MTR-PLY-01",
            2,
            "3, 8",
            "Mengacu pedoman standar pelayanan (PermenPANRB 15/2014).",
        ),
        PlanProgramSpec(
            "MTR-PBL-01",
            1,
            "4",
            "PATEN sesuai Permendagri 4/2010; pembelajaran berbasis proyek di tempat kerja.",
        ),
        PlanProgramSpec(
            "MTR-KOM-01",
            2,
            "5, 10",
            "Kompetensi Komunikasi dan Perekat Bangsa (PermenPANRB 38/2017).",
        ),
        PlanProgramSpec("MTR-TIK-01", 2, "2, 7", "Materi SPBE sesuai Perpres 95/2018."),
        PlanProgramSpec("MTR-SEM-01", 1, "6", "Seminar sebagai pelatihan klasikal."),
        PlanProgramSpec(
            "MTR-MNJ-01",
            1,
            "7",
            "Kurikulum pelatihan manajerial sesuai Peraturan LAN 10/2018.",
        ),
        PlanProgramSpec(
            "MTR-CO-01",
            1,
            "2",
            "Coaching sebagai pelatihan nonklasikal (Peraturan LAN 10/2018).",
        ),
        PlanProgramSpec("MTR-KMT-01", 1, "9", "Menindaklanjuti masukan pemangku kepentingan 2025."),
        PlanProgramSpec(
            "MTR-ADK-01",
            1,
            "3",
            "Kurikulum teknis administrasi kependudukan Ditjen Dukcapil.",
        ),
        PlanProgramSpec("MTR-INT-01", 1, "8", "Kompetensi Integritas dan sosial kultural."),
        PlanProgramSpec(
            "MTR-AKPK-01",
            1,
            "2",
            "Pedoman pengembangan kompetensi PNS (PP 11/2017 jo. PP 17/2020).",
        ),
    ),
    ppk_nama="H. Lalu Muhammad Fathurrahman, S.E., M.Si.",
    ppk_jabatan="Wali Kota Mataram",
)
