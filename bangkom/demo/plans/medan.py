"""Kota Medan's catalogue and 2026 plan (seed 004, Kecamatan Medan Marelan).

The source: business-permit applications rise, so licensing staff must know the regulations
and communicate well; training, seminars and workshops; IT training for efficient
administration; internships for young ASN with a local university; practitioners as speakers.
The needs story puts Marelan's licensing staff below in the OSS-RBA rules, communication and
public service, weighed by the permit surge (:mod:`bangkom.demo.needs.stories`).
"""

from __future__ import annotations

from decimal import Decimal

from bangkom.demo.needs.stories import BKPSDM, DPMPTSP
from bangkom.demo.plans.spec import PlanProgramSpec, PlanSpec, ProgramSpec
from bangkom.organisation.models import PositionClass as PC
from bangkom.planning.models import DeliveryMode as Mode

LEADERS = (PC.JPT_PRATAMA, PC.ADMINISTRATOR, PC.PENGAWAS)
MARELAN = "Kecamatan Medan Marelan"
USU = "Universitas Sumatera Utara"
BPSDM_SUMUT = "BPSDM Provinsi Sumatera Utara"

CATALOGUE = (
    ProgramSpec(
        kode="MDN-OSS-01",
        judul="Bimtek Perizinan Berusaha Berbasis Risiko (OSS RBA) dengan Narasumber Praktisi",
        bentuk="bimtek",
        jumlah_satuan=Decimal(32),
        hari_belajar=4,
        hari_tinggal_kerja=4,
        mode=Mode.TATAP_MUKA,
        peserta=(4, 25),
        biaya_tetap=12_000_000,
        biaya_per_peserta=2_250_000,
        competencies=(("T.3", 2), ("M.5", 1)),
        units=(MARELAN, DPMPTSP),
        penyelenggara="DPMPTSP Provinsi Sumatera Utara; narasumber praktisi perizinan dan "
        "Kementerian Investasi/BKPM",
        catatan_kurikulum="PP 5/2021 dan perubahan aturan turunannya, KBLI dan tingkat risiko, "
        "verifikasi persyaratan di OSS; praktik kasus permohonan dari Medan Marelan.",
    ),
    ProgramSpec(
        kode="MDN-KOM-01",
        judul="Pelatihan Komunikasi Pelayanan: Menghadapi Pemohon yang Kecewa",
        bentuk="pelatihan-teknis",
        jumlah_satuan=Decimal(24),
        hari_belajar=3,
        hari_tinggal_kerja=3,
        mode=Mode.TATAP_MUKA,
        peserta=(6, 30),
        biaya_tetap=16_000_000,
        biaya_per_peserta=1_500_000,
        competencies=(("M.3", 1), ("M.5", 1)),
        penyelenggara=f"Fakultas Ilmu Sosial dan Ilmu Politik {USU}",
        catatan_kurikulum="Menjelaskan penolakan dan kekurangan berkas, meredakan keluhan, "
        "menulis jawaban pengaduan; bermain peran di loket perizinan.",
    ),
    ProgramSpec(
        kode="MDN-MAG-01",
        judul="Magang ASN Muda di Mal Pelayanan Publik Kota Medan",
        bentuk="magang",
        jumlah_satuan=Decimal(1),
        hari_belajar=10,
        hari_tinggal_kerja=10,
        mode=Mode.TATAP_MUKA,
        peserta=(3, 10),
        biaya_tetap=6_000_000,
        biaya_per_peserta=2_500_000,
        competencies=(("T.3", 1), ("M.5", 1), ("T.1", 1)),
        kelas_jabatan=(PC.PELAKSANA, PC.AHLI_PERTAMA),
        penyelenggara=f"{USU} (pembimbing akademik) bersama Mal Pelayanan Publik Kota Medan",
        prasyarat="ASN muda (lahir 1990 atau sesudahnya), disetujui atasan langsung.",
        catatan_kurikulum="Dua minggu di loket perizinan Mal Pelayanan Publik dengan pembimbing "
        "lapangan dan dosen; laporan magang dan rencana penerapan di unit asal.",
    ),
    ProgramSpec(
        kode="MDN-TIK-01",
        judul="Pelatihan Teknologi Informasi untuk Efisiensi Administrasi Pemerintahan",
        bentuk="pelatihan-teknis",
        jumlah_satuan=Decimal(24),
        hari_belajar=3,
        hari_tinggal_kerja=3,
        mode=Mode.TATAP_MUKA,
        peserta=(5, 25),
        biaya_tetap=11_000_000,
        biaya_per_peserta=1_300_000,
        competencies=(("T.1", 1),),
        kelas_jabatan=(PC.PELAKSANA, PC.PENGAWAS, PC.AHLI_PERTAMA, PC.ADMINISTRATOR),
        penyelenggara="Dinas Komunikasi dan Informatika Kota Medan",
        catatan_kurikulum="SRIKANDI, e-Kinerja, aplikasi layanan kecamatan, pengolahan data "
        "layanan dengan lembar kerja.",
    ),
    ProgramSpec(
        kode="MDN-SEM-01",
        judul="Seminar Perubahan Regulasi Perizinan bersama Praktisi",
        bentuk="seminar",
        jumlah_satuan=Decimal(1),
        hari_belajar=1,
        hari_tinggal_kerja=1,
        mode=Mode.TATAP_MUKA,
        peserta=(4, 80),
        biaya_tetap=9_000_000,
        biaya_per_peserta=300_000,
        competencies=(("T.3", 1),),
        units=(MARELAN, DPMPTSP),
        penyelenggara="DPMPTSP Kota Medan; narasumber praktisi dan asosiasi pengusaha",
        catatan_kurikulum="Perubahan aturan OSS RBA setahun terakhir dan dampaknya bagi "
        "pemohon di kecamatan.",
    ),
    ProgramSpec(
        kode="MDN-WS-01",
        judul="Workshop Standar Pelayanan dan Kerja Sama Layanan Kecamatan",
        bentuk="workshop",
        jumlah_satuan=Decimal(4),
        hari_belajar=4,
        hari_tinggal_kerja=4,
        mode=Mode.TATAP_MUKA,
        peserta=(6, 30),
        biaya_tetap=17_000_000,
        biaya_per_peserta=1_400_000,
        competencies=(("M.5", 1), ("M.2", 1)),
        units=(MARELAN, DPMPTSP, "Dinas Komunikasi dan Informatika"),
        penyelenggara=BPSDM_SUMUT,
        catatan_kurikulum="Menyusun standar pelayanan dan maklumat layanan, kerja sama loket "
        "kecamatan dan kelurahan.",
    ),
    ProgramSpec(
        kode="MDN-MNJ-01",
        judul="Pelatihan Manajerial: Orientasi Hasil, Perubahan dan Keputusan",
        bentuk="pelatihan-manajerial",
        jumlah_satuan=Decimal(32),
        hari_belajar=4,
        hari_tinggal_kerja=4,
        mode=Mode.TATAP_MUKA,
        peserta=(6, 30),
        biaya_tetap=26_000_000,
        biaya_per_peserta=2_600_000,
        competencies=(("M.4", 1), ("M.7", 1), ("M.8", 1)),
        kelas_jabatan=(*LEADERS, PC.AHLI_MUDA),
        penyelenggara=BPSDM_SUMUT,
        catatan_kurikulum="Sasaran kinerja berbasis hasil, mengelola lonjakan layanan, "
        "keputusan berbasis data.",
    ),
    ProgramSpec(
        kode="MDN-MEN-01",
        judul="Mentoring Pengembangan Diri dan Kerja Sama Tim",
        bentuk="mentoring",
        jumlah_satuan=Decimal(8),
        hari_belajar=8,
        bulan=4,
        hari_tinggal_kerja=0,
        mode=Mode.TATAP_MUKA,
        peserta=(3, 12),
        biaya_tetap=4_500_000,
        biaya_per_peserta=3_000_000,
        competencies=(("M.6", 1), ("M.2", 1)),
        kelas_jabatan=LEADERS,
        penyelenggara="Widyaiswara BPSDM Provinsi Sumatera Utara",
        catatan_kurikulum="Delapan sesi dalam empat bulan: mengembangkan bawahan dan membangun "
        "tim layanan.",
    ),
    ProgramSpec(
        kode="MDN-SK-01",
        judul="Pelatihan Wawasan Kebangsaan dan Integritas ASN",
        bentuk="pelatihan-sosial-kultural",
        jumlah_satuan=Decimal(24),
        hari_belajar=3,
        hari_tinggal_kerja=3,
        mode=Mode.TATAP_MUKA,
        peserta=(6, 35),
        biaya_tetap=12_000_000,
        biaya_per_peserta=1_050_000,
        competencies=(("SK.1", 1), ("M.1", 1)),
        penyelenggara=f"{BPSDM_SUMUT} bersama Badan Kesbangpol Kota Medan",
        catatan_kurikulum="Perekat bangsa di kota yang majemuk, integritas dan pencegahan "
        "pungutan liar dalam perizinan.",
    ),
    ProgramSpec(
        kode="MDN-KMT-01",
        judul="Lokakarya Kemitraan Kelurahan dengan Dunia Usaha dan Perguruan Tinggi",
        bentuk="workshop",
        jumlah_satuan=Decimal(2),
        hari_belajar=2,
        hari_tinggal_kerja=2,
        mode=Mode.TATAP_MUKA,
        peserta=(4, 25),
        biaya_tetap=9_000_000,
        biaya_per_peserta=600_000,
        competencies=(("T.20", 1), ("M.2", 1)),
        units=(MARELAN, "Dinas Komunikasi dan Informatika", BKPSDM),
        penyelenggara=f"Kecamatan Medan Marelan bersama {USU} dan Kadin Kota Medan",
        catatan_kurikulum="Pemetaan mitra, program bersama pelaku usaha dan kampus di kelurahan.",
    ),
    ProgramSpec(
        kode="MDN-AKPK-01",
        judul="Bimtek Analisis Kebutuhan dan Evaluasi Pengembangan Kompetensi",
        bentuk="bimtek",
        jumlah_satuan=Decimal(24),
        hari_belajar=3,
        hari_tinggal_kerja=3,
        mode=Mode.CAMPURAN,
        peserta=(3, 15),
        biaya_tetap=8_000_000,
        biaya_per_peserta=2_100_000,
        competencies=(("T.15", 1), ("T.16", 1), ("T.17", 1), ("T.18", 1)),
        units=(BKPSDM,),
        penyelenggara="Lembaga Administrasi Negara bersama Kantor Regional VI BKN Medan",
        catatan_kurikulum="AKPK, evaluasi pascapelatihan, riwayat diklat di SIASN dan "
        "keamanan data kepegawaian.",
    ),
)

PLAN = PlanSpec(
    slug="medan",
    catalogue=CATALOGUE,
    judul="Rencana Pengembangan Kompetensi ASN Kota Medan Tahun 2026",
    pagu=215_000_000,
    max_hari=14,
    programs=(
        PlanProgramSpec(
            "MDN-OSS-01",
            2,
            "2, 7",
            "Sesuai PP 5/2021 dan kurikulum perizinan Kementerian Investasi/BKPM.",
        ),
        PlanProgramSpec(
            "MDN-KOM-01",
            2,
            "3, 9",
            "Kompetensi Komunikasi dan Pelayanan Publik (PermenPANRB 38/2017).",
        ),
        PlanProgramSpec(
            "MDN-MAG-01",
            1,
            "6",
            "Magang sebagai pelatihan nonklasikal (Peraturan LAN 10/2018).",
            min_angkatan=1,
        ),
        PlanProgramSpec("MDN-TIK-01", 1, "4", "Materi SPBE sesuai Perpres 95/2018."),
        PlanProgramSpec(
            "MDN-WS-01",
            1,
            "5",
            "Mengacu pedoman standar pelayanan (PermenPANRB 15/2014).",
        ),
        PlanProgramSpec(
            "MDN-MNJ-01",
            1,
            "8",
            "Kurikulum pelatihan manajerial sesuai Peraturan LAN 10/2018.",
        ),
        PlanProgramSpec(
            "MDN-MEN-01",
            1,
            "2",
            "Mentoring sebagai pelatihan nonklasikal (Peraturan LAN 10/2018).",
        ),
        PlanProgramSpec("MDN-SK-01", 1, "9", "Kompetensi sosial kultural dan Integritas."),
        PlanProgramSpec("MDN-KMT-01", 1, "11", "Kemitraan kelurahan dengan dunia usaha."),
        PlanProgramSpec(
            "MDN-AKPK-01",
            1,
            "3",
            "Pedoman pengembangan kompetensi PNS (PP 11/2017 jo. PP 17/2020).",
        ),
    ),
    ppk_nama="Drs. Bonar Parlindungan Siregar, M.Si.",
    ppk_jabatan="Wali Kota Medan",
)
