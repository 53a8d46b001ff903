"""Pontianak's OPD in the demo: Dinas Kesehatan, Dinas Pendidikan dan Kebudayaan, Dinas PUPR
and Dinas Komunikasi dan Informatika, with their positions, duties and the competencies those
duties need (seed 002)."""

from __future__ import annotations

from bangkom.demo.common import pengadministrasi_perkantoran
from bangkom.demo.spec import duty, position, unit
from bangkom.organisation.models import PositionClass as PC
from bangkom.organisation.models import UnitKind as UK

DINAS_KESEHATAN = unit(
    "Dinas Kesehatan",
    UK.DINAS,
    position(
        "Kepala Dinas Kesehatan",
        PC.JPT_PRATAMA,
        duty(
            "Memimpin program kesehatan masyarakat kota dan pemenuhan SPM kesehatan",
            ("T.10", 4),
            ("M.4", 4),
        ),
        duty(
            "Mendorong tenaga kesehatan mengikuti pelatihan daring kesehatan masyarakat "
            "tanpa mengganggu pelayanan",
            ("T.12", 3),
            ("M.6", 4),
        ),
        head=True,
        education=("s2_kes",),
    ),
    children=(
        unit(
            "Sekretariat",
            UK.SEKRETARIAT,
            position(
                "Sekretaris Dinas",
                PC.ADMINISTRATOR,
                duty(
                    "Mengoordinasikan perencanaan, keuangan dan kepegawaian dinas",
                    ("T.5", 3),
                    ("M.4", 3),
                ),
                duty(
                    "Mengatur jadwal pelatihan daring tenaga kesehatan agar layanan "
                    "puskesmas tetap berjalan",
                    ("T.12", 2),
                    ("T.7", 3),
                ),
                head=True,
                education=("s2_km", "s1_km"),
            ),
            pengadministrasi_perkantoran(),
        ),
        unit(
            "Bidang Kesehatan Masyarakat",
            UK.BIDANG,
            position(
                "Kepala Bidang Kesehatan Masyarakat",
                PC.ADMINISTRATOR,
                duty(
                    "Merencanakan dan mengevaluasi program promosi kesehatan, gizi dan "
                    "kesehatan lingkungan",
                    ("T.10", 4),
                    ("M.4", 3),
                ),
                duty(
                    "Menyusun kebutuhan pelatihan kesehatan masyarakat bagi petugas "
                    "puskesmas bersama BKPSDM",
                    ("T.15", 2),
                    ("M.6", 3),
                ),
                head=True,
                education=("s2_km",),
            ),
            position(
                "Epidemiolog Kesehatan Ahli Muda",
                PC.AHLI_MUDA,
                duty(
                    "Menganalisis data surveilans demam berdarah dan penyakit menular "
                    "lain untuk kewaspadaan dini",
                    ("T.10", 3),
                    ("T.2", 2),
                ),
                duty(
                    "Menyajikan hasil analisis epidemiologi dalam dasbor daring dinas",
                    ("T.1", 3),
                ),
                education=("s2_epid", "s1_km"),
            ),
            position(
                "Penyuluh Kesehatan Masyarakat Ahli Pertama",
                PC.AHLI_PERTAMA,
                duty(
                    "Menyusun dan menyebarkan materi promosi kesehatan melalui kanal digital",
                    ("T.10", 2),
                    ("T.6", 2),
                ),
                duty(
                    "Mengikuti pelatihan daring kesehatan masyarakat dan menerapkannya di lapangan",
                    ("T.12", 1),
                    ("M.6", 2),
                ),
                holders=2,
                education=("s1_km",),
                born=(1995, 2000),
            ),
            position(
                "Nutrisionis Ahli Pertama",
                PC.AHLI_PERTAMA,
                duty(
                    "Memantau status gizi balita dan mendampingi puskesmas dalam "
                    "percepatan penurunan stunting",
                    ("T.10", 2),
                    ("T.20", 1),
                ),
                duty(
                    "Mencatat data gizi masyarakat dalam aplikasi pelaporan gizi",
                    ("T.1", 2),
                ),
                female=0.8,
                pppk=1,
                education=("s1_gizi",),
            ),
        ),
        unit(
            "UPT Puskesmas Siantan Hilir",
            UK.PUSKESMAS,
            position(
                "Kepala UPT Puskesmas Siantan Hilir",
                PC.PENGAWAS,
                duty(
                    "Memimpin pelayanan kesehatan dan upaya kesehatan masyarakat di "
                    "wilayah kerja puskesmas",
                    ("T.10", 3),
                    ("M.5", 3),
                ),
                duty(
                    "Memastikan petugas menerapkan kebijakan dan protokol kesehatan terbaru",
                    ("T.2", 3),
                ),
                head=True,
                education=("dokter", "s2_km"),
            ),
            position(
                "Perawat Ahli Pertama",
                PC.AHLI_PERTAMA,
                duty(
                    "Melaksanakan asuhan keperawatan sesuai protokol kesehatan",
                    ("T.2", 2),
                    ("M.5", 2),
                ),
                duty(
                    "Melaksanakan kunjungan rumah dan edukasi kesehatan keluarga",
                    ("T.10", 2),
                    ("M.3", 2),
                ),
                holders=2,
                pppk=1,
                female=0.7,
                education=("ners",),
            ),
            position(
                "Bidan Terampil",
                PC.TERAMPIL,
                duty(
                    "Melaksanakan pelayanan kesehatan ibu dan anak serta imunisasi",
                    ("T.10", 2),
                    ("T.2", 2),
                ),
                duty(
                    "Mengikuti kelas daring pembaruan pedoman kesehatan ibu dan anak",
                    ("T.12", 1),
                ),
                holders=2,
                female=1.0,
                education=("d3_keb",),
            ),
            wilayah="61.71.04",
            wilayah_nama="Pontianak Utara",
        ),
    ),
    singkatan="Dinkes",
)


DINAS_PENDIDIKAN = unit(
    "Dinas Pendidikan dan Kebudayaan",
    UK.DINAS,
    position(
        "Kepala Dinas Pendidikan dan Kebudayaan",
        PC.JPT_PRATAMA,
        duty(
            "Memimpin penyelenggaraan pendidikan dasar dan pemenuhan SPM pendidikan",
            ("T.8", 3),
            ("M.4", 4),
        ),
        duty(
            "Mengarahkan pemanfaatan pembelajaran jarak jauh bagi guru dan peserta didik",
            ("T.12", 3),
            ("M.7", 4),
        ),
        head=True,
        education=("s2_pendidikan",),
    ),
    children=(
        unit(
            "Bidang Pembinaan Sekolah Dasar",
            UK.BIDANG,
            position(
                "Kepala Bidang Pembinaan Sekolah Dasar",
                PC.ADMINISTRATOR,
                duty(
                    "Merencanakan pembinaan sekolah dasar berdasarkan data sistem "
                    "informasi manajemen pendidikan",
                    ("T.8", 4),
                    ("M.8", 3),
                ),
                duty(
                    "Mengoordinasikan pelatihan guru bersama perguruan tinggi dan "
                    "organisasi profesi",
                    ("T.20", 3),
                ),
                head=True,
                education=("s2_pendidikan",),
            ),
            position(
                "Pranata Komputer Ahli Pertama",
                PC.AHLI_PERTAMA,
                duty(
                    "Mengelola sistem informasi manajemen pendidikan dan mendampingi "
                    "operator sekolah",
                    ("T.8", 3),
                    ("T.18", 2),
                ),
                duty(
                    "Menyusun rekapitulasi data pendidikan untuk perencanaan bidang",
                    ("T.8", 2),
                    ("T.7", 2),
                ),
                education=("s1_ti", "s1_si"),
                born=(1996, 2000),
            ),
            position(
                "Pengembang Teknologi Pembelajaran Ahli Pertama",
                PC.AHLI_PERTAMA,
                duty(
                    "Merancang kelas jarak jauh dan konten e-learning bagi guru sekolah dasar",
                    ("T.12", 3),
                    ("T.8", 1),
                ),
                duty(
                    "Mengevaluasi pemanfaatan platform pembelajaran daring oleh sekolah",
                    ("T.16", 2),
                ),
                education=("s1_tekpend",),
            ),
            position(
                "Pengolah Data dan Informasi",
                PC.PELAKSANA,
                duty(
                    "Memutakhirkan data peserta didik dan pendidik pada sistem "
                    "informasi pendidikan",
                    ("T.8", 2),
                    ("T.1", 2),
                ),
                duty("Melayani permintaan data pendidikan dari sekolah", ("M.5", 2)),
                pppk=1,
                education=("d3_ti", "sma"),
            ),
        ),
    ),
    singkatan="Disdikbud",
)


DINAS_PUPR = unit(
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    UK.DINAS,
    position(
        "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
        PC.JPT_PRATAMA,
        duty(
            "Memimpin perencanaan dan pelaksanaan proyek infrastruktur kota agar sesuai "
            "rencana dan anggaran",
            ("T.4", 4),
            ("T.5", 4),
        ),
        duty(
            "Menetapkan prioritas pemeliharaan jalan, jembatan dan drainase",
            ("T.11", 3),
            ("M.8", 4),
        ),
        head=True,
        education=("s2_sipil",),
    ),
    children=(
        unit(
            "Sekretariat",
            UK.SEKRETARIAT,
            position(
                "Sekretaris Dinas",
                PC.ADMINISTRATOR,
                duty(
                    "Mengoordinasikan perencanaan program dan penganggaran proyek dinas",
                    ("T.5", 3),
                    ("T.4", 2),
                ),
                duty(
                    "Menghimpun kebutuhan pelatihan manajemen proyek pegawai dinas untuk BKPSDM",
                    ("T.15", 2),
                    ("M.6", 3),
                ),
                head=True,
                login="opd",
            ),
            position(
                "Pengelola Pengadaan Barang/Jasa Ahli Pertama",
                PC.AHLI_PERTAMA,
                duty(
                    "Menyusun dokumen pemilihan penyedia pekerjaan konstruksi",
                    ("T.4", 2),
                    ("M.1", 2),
                ),
                duty(
                    "Memantau kontrak dan pembayaran penyedia sesuai kemajuan pekerjaan",
                    ("T.5", 2),
                ),
                education=("s1_sipil", "s1_ekonomi"),
            ),
            position(
                "Penata Laporan Keuangan",
                PC.PELAKSANA,
                duty(
                    "Menatausahakan realisasi anggaran proyek dan menyusun laporan keuangan dinas",
                    ("T.5", 2),
                    ("T.1", 2),
                ),
                duty(
                    "Merekonsiliasi realisasi keuangan dengan kemajuan fisik proyek",
                    ("T.5", 2),
                    ("T.7", 1),
                ),
                education=("s1_akuntansi",),
            ),
        ),
        unit(
            "Bidang Bina Marga",
            UK.BIDANG,
            position(
                "Kepala Bidang Bina Marga",
                PC.ADMINISTRATOR,
                duty(
                    "Mengendalikan pelaksanaan proyek jalan dan jembatan agar tepat "
                    "mutu, waktu dan biaya",
                    ("T.4", 4),
                    ("T.5", 3),
                ),
                duty(
                    "Mengevaluasi hasil pengawasan lapangan dan menindaklanjuti penyimpangan",
                    ("T.11", 4),
                    ("M.8", 3),
                ),
                duty(
                    "Membimbing tenaga teknis dalam merencanakan, melaksanakan dan "
                    "mengevaluasi proyek",
                    ("M.6", 3),
                ),
                head=True,
                login="atasan",
                education=("s2_sipil", "s1_sipil"),
            ),
            position(
                "Teknik Jalan dan Jembatan Ahli Muda",
                PC.AHLI_MUDA,
                duty(
                    "Menyusun rencana teknis dan rencana anggaran biaya pekerjaan jalan",
                    ("T.4", 3),
                    ("T.5", 3),
                ),
                duty(
                    "Mengawasi mutu pekerjaan jalan dan jembatan di lapangan",
                    ("T.11", 3),
                ),
                education=("s1_sipil", "s2_sipil"),
            ),
            position(
                "Teknik Jalan dan Jembatan Ahli Pertama",
                PC.AHLI_PERTAMA,
                duty(
                    "Mengawasi pelaksanaan paket pekerjaan jalan dan drainase sesuai "
                    "spesifikasi teknis",
                    ("T.11", 2),
                    ("T.4", 2),
                ),
                duty(
                    "Menyusun laporan kemajuan fisik dan keuangan proyek mingguan",
                    ("T.5", 2),
                    ("T.7", 2),
                ),
                duty(
                    "Mencatat hasil pengawasan di aplikasi monitoring proyek",
                    ("T.1", 2),
                ),
                holders=2,
                login="asn",
                education=("s1_sipil",),
                born=(1993, 2000),
            ),
            position(
                "Teknik Jalan dan Jembatan Terampil",
                PC.TERAMPIL,
                duty(
                    "Melakukan pengukuran dan pemeriksaan volume pekerjaan di lapangan",
                    ("T.11", 2),
                ),
                duty("Mendokumentasikan kemajuan pekerjaan harian", ("T.1", 1)),
                education=("d3_sipil",),
            ),
        ),
        unit(
            "Bidang Sumber Daya Air",
            UK.BIDANG,
            position(
                "Kepala Bidang Sumber Daya Air",
                PC.ADMINISTRATOR,
                duty(
                    "Mengendalikan proyek normalisasi parit dan drainase kota",
                    ("T.4", 3),
                    ("T.5", 3),
                ),
                duty(
                    "Mengoordinasikan penanganan genangan bersama kecamatan",
                    ("M.2", 3),
                ),
                head=True,
                education=("s1_sipil",),
            ),
            position(
                "Teknik Pengairan Ahli Pertama",
                PC.AHLI_PERTAMA,
                duty(
                    "Mengawasi pekerjaan drainase dan parit sesuai gambar kerja",
                    ("T.11", 2),
                ),
                duty(
                    "Menyusun jadwal dan laporan kemajuan pekerjaan drainase",
                    ("T.4", 2),
                ),
                education=("s1_sipil",),
            ),
        ),
    ),
    singkatan="PUPR",
)


DISKOMINFO = unit(
    "Dinas Komunikasi dan Informatika",
    UK.DINAS,
    position(
        "Kepala Dinas Komunikasi dan Informatika",
        PC.JPT_PRATAMA,
        duty(
            "Memimpin transformasi pelayanan publik ke kanal digital sesuai arsitektur SPBE kota",
            ("T.9", 4),
            ("M.7", 4),
        ),
        duty(
            "Menetapkan kebijakan keamanan informasi pemerintah kota",
            ("T.18", 3),
        ),
        head=True,
        education=("s2_ti", "s2_komunikasi"),
    ),
    children=(
        unit(
            "Bidang Aplikasi Informatika",
            UK.BIDANG,
            position(
                "Kepala Bidang Aplikasi Informatika",
                PC.ADMINISTRATOR,
                duty(
                    "Mengoordinasikan pengembangan aplikasi layanan publik digital "
                    "perangkat daerah",
                    ("T.9", 4),
                    ("T.1", 4),
                ),
                duty(
                    "Menyelenggarakan pelatihan teknologi informasi dalam pelayanan "
                    "publik bersama BKPSDM",
                    ("T.20", 3),
                    ("M.6", 3),
                ),
                head=True,
                education=("s2_ti",),
            ),
            position(
                "Pranata Komputer Ahli Muda",
                PC.AHLI_MUDA,
                duty(
                    "Merancang integrasi aplikasi layanan publik dengan data kependudukan",
                    ("T.9", 3),
                    ("T.18", 3),
                ),
                duty(
                    "Membimbing admin aplikasi perangkat daerah",
                    ("T.1", 4),
                    ("M.6", 2),
                ),
                education=("s1_ti", "s2_ti"),
            ),
            position(
                "Pranata Komputer Ahli Pertama",
                PC.AHLI_PERTAMA,
                duty(
                    "Memelihara aplikasi layanan daring dan menangani kendala pengguna",
                    ("T.9", 2),
                    ("T.18", 2),
                ),
                duty(
                    "Menyusun panduan penggunaan aplikasi untuk warga dan petugas",
                    ("T.6", 2),
                    ("T.1", 3),
                ),
                holders=2,
                pppk=1,
                education=("s1_ti", "s1_si"),
                born=(1994, 2000),
            ),
        ),
        unit(
            "Bidang Informasi dan Komunikasi Publik",
            UK.BIDANG,
            position(
                "Kepala Bidang Informasi dan Komunikasi Publik",
                PC.ADMINISTRATOR,
                duty(
                    "Mengelola komunikasi publik dan kanal pengaduan pemerintah kota",
                    ("T.6", 4),
                    ("T.14", 3),
                ),
                head=True,
                education=("s2_komunikasi", "s1_komunikasi"),
            ),
            position(
                "Pranata Hubungan Masyarakat Ahli Pertama",
                PC.AHLI_PERTAMA,
                duty(
                    "Menyusun konten informasi layanan publik untuk media sosial pemerintah kota",
                    ("T.6", 3),
                    ("T.9", 1),
                ),
                duty("Memantau isu publik dan tanggapan warga", ("T.14", 2)),
                education=("s1_komunikasi",),
            ),
            position(
                "Pengelola Pengaduan Masyarakat",
                PC.PELAKSANA,
                duty(
                    "Menerima, mencatat dan meneruskan pengaduan warga melalui SP4N-LAPOR!",
                    ("T.14", 2),
                    ("M.5", 2),
                ),
                duty(
                    "Menjawab pertanyaan warga tentang layanan digital dengan sopan dan jelas",
                    ("M.3", 2),
                    ("M.1", 2),
                ),
                education=("s1_komunikasi", "d3_adm"),
                born=(1996, 2000),
            ),
        ),
    ),
    singkatan="Diskominfo",
)
