"""The national technical competencies (T.x) of the demo, drawn from the five source documents.

Each has five level descriptions whose scope widens as in the official dictionary: self with
guidance → independent → the unit and its colleagues → the OPD or instansi → regional/national.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TechnicalCompetency:
    kode: str
    nama: str
    sektor: str
    uraian: str
    levels: tuple[str, str, str, str, str]


TECHNICAL_COMPETENCIES: tuple[TechnicalCompetency, ...] = (
    TechnicalCompetency(
        "T.1",
        "Penggunaan Aplikasi E-Government",
        "Sistem Pemerintahan Berbasis Elektronik",
        "Kemampuan menggunakan aplikasi pemerintahan berbasis elektronik (naskah dinas "
        "elektronik, e-kinerja, SIASN, aplikasi layanan) secara tepat, aman dan efisien dalam "
        "pekerjaan sehari-hari.",
        (
            "Mengoperasikan fitur dasar aplikasi e-government yang dipakai di unitnya (masuk akun, "
            "mengisi formulir, mengunggah dokumen) dengan panduan.",
            "Menggunakan aplikasi e-government secara mandiri untuk tugas rutin, menjaga "
            "kerahasiaan akun dan data, serta mengatasi kendala umum.",
            "Memanfaatkan seluruh fitur aplikasi untuk mempercepat proses kerja unit, membimbing "
            "rekan kerja, dan melaporkan kebutuhan perbaikan aplikasi.",
            "Mengevaluasi pemanfaatan aplikasi e-government di perangkat daerah, menyusun "
            "prosedur penggunaannya, dan mengoordinasikan integrasi antaraplikasi.",
            "Merumuskan kebijakan dan peta jalan penerapan aplikasi SPBE di tingkat instansi serta "
            "menjadi rujukan bagi instansi lain.",
        ),
    ),
    TechnicalCompetency(
        "T.2",
        "Kebijakan dan Protokol Kesehatan",
        "Kesehatan",
        "Kemampuan memahami kebijakan kesehatan terbaru dan menerapkan protokol kesehatan "
        "(pencegahan dan pengendalian infeksi, kewaspadaan dini, penanganan kejadian luar biasa) "
        "dalam pelayanan.",
        (
            "Memahami isi protokol kesehatan yang berlaku di tempat kerja dan menerapkannya pada "
            "diri sendiri sesuai petunjuk.",
            "Menerapkan protokol kesehatan secara konsisten dalam pelayanan kepada pasien dan "
            "masyarakat serta mengikuti perubahan kebijakan kesehatan yang ditetapkan.",
            "Menjabarkan kebijakan kesehatan terbaru menjadi langkah kerja di unit layanan, "
            "memantau kepatuhan petugas dan membimbing rekan kerja.",
            "Menyusun dan mengevaluasi pedoman penerapan kebijakan dan protokol kesehatan di "
            "tingkat dinas, termasuk respons kejadian luar biasa.",
            "Merumuskan kebijakan kesehatan daerah berdasarkan bukti dan menjadi rujukan "
            "penerapan protokol kesehatan di tingkat regional/nasional.",
        ),
    ),
    TechnicalCompetency(
        "T.3",
        "Regulasi Perizinan Berusaha Berbasis Risiko (OSS-RBA)",
        "Penanaman Modal dan Perizinan",
        "Kemampuan memahami dan menerapkan regulasi perizinan berusaha berbasis risiko melalui "
        "sistem OSS-RBA, termasuk verifikasi persyaratan dan pendampingan pelaku usaha.",
        (
            "Memahami jenis perizinan berusaha, tingkat risiko usaha dan alur dasar permohonan "
            "melalui OSS-RBA.",
            "Memeriksa kelengkapan persyaratan permohonan izin usaha dan menjelaskan ketentuan "
            "yang berlaku kepada pemohon secara mandiri.",
            "Memverifikasi permohonan yang kompleks (usaha risiko menengah-tinggi, persyaratan "
            "dasar tata ruang dan lingkungan) serta membimbing petugas lain.",
            "Mengevaluasi pelaksanaan perizinan berusaha di perangkat daerah, menyelaraskan "
            "prosedur dengan regulasi terbaru dan menyelesaikan permasalahan lintas instansi.",
            "Merumuskan kebijakan penyederhanaan perizinan berusaha daerah dan menjadi rujukan "
            "regulasi perizinan di tingkat regional/nasional.",
        ),
    ),
    TechnicalCompetency(
        "T.4",
        "Manajemen Proyek Pemerintah",
        "Pembangunan dan Pekerjaan Umum",
        "Kemampuan merencanakan, melaksanakan, mengendalikan dan mengevaluasi proyek pemerintah "
        "(lingkup, jadwal, mutu, risiko dan pemangku kepentingan) sesuai ketentuan pengadaan dan "
        "pembangunan daerah.",
        (
            "Memahami siklus proyek pemerintah dan menyiapkan dokumen proyek sederhana sesuai "
            "arahan.",
            "Menyusun jadwal dan rencana kerja kegiatan, memantau kemajuan pekerjaan serta "
            "melaporkan penyimpangan secara mandiri.",
            "Mengelola satu proyek secara utuh: menyusun rencana, mengendalikan lingkup, jadwal, "
            "mutu dan risiko, serta mengoordinasikan penyedia jasa dan tim teknis.",
            "Mengelola portofolio proyek perangkat daerah, menetapkan prioritas, mengevaluasi "
            "kinerja proyek dan menerapkan pembelajaran untuk proyek berikutnya.",
            "Merumuskan kebijakan dan standar manajemen proyek pemerintah daerah serta menjadi "
            "rujukan bagi instansi lain.",
        ),
    ),
    TechnicalCompetency(
        "T.5",
        "Pengelolaan Anggaran dan Keuangan Proyek",
        "Keuangan Daerah",
        "Kemampuan menyusun, melaksanakan, menatausahakan dan mempertanggungjawabkan anggaran "
        "kegiatan dan proyek sesuai ketentuan pengelolaan keuangan daerah.",
        (
            "Memahami struktur anggaran kegiatan (DPA) dan menyiapkan dokumen pembayaran "
            "sederhana sesuai petunjuk.",
            "Menatausahakan realisasi anggaran kegiatan, memeriksa kelengkapan bukti pengeluaran "
            "dan menyusun laporan realisasi secara mandiri.",
            "Menyusun rencana anggaran proyek, mengendalikan realisasi terhadap kemajuan fisik "
            "dan mengidentifikasi risiko pembengkakan biaya.",
            "Mengevaluasi efisiensi dan efektivitas anggaran program perangkat daerah serta "
            "menyusun rekomendasi realokasi anggaran.",
            "Merumuskan kebijakan penganggaran berbasis kinerja di tingkat instansi dan menjadi "
            "rujukan pengelolaan keuangan proyek daerah.",
        ),
    ),
    TechnicalCompetency(
        "T.6",
        "Komunikasi Publik",
        "Komunikasi dan Informatika",
        "Kemampuan menyampaikan informasi dan kebijakan pemerintah kepada masyarakat secara "
        "jelas, empatik dan melalui saluran yang tepat, termasuk menanggapi pertanyaan warga "
        "secara langsung maupun melalui media.",
        (
            "Menyampaikan informasi layanan yang baku kepada masyarakat dengan bahasa yang sopan "
            "dan mudah dipahami.",
            "Menjelaskan prosedur dan ketentuan layanan kepada berbagai kalangan masyarakat, "
            "menanggapi pertanyaan dan menyesuaikan cara penyampaian dengan lawan bicara.",
            "Menyusun materi komunikasi publik (sosialisasi, siaran pers, konten media sosial) "
            "untuk program unit dan memfasilitasi pertemuan dengan warga.",
            "Merancang strategi komunikasi publik perangkat daerah, mengelola isu dan krisis "
            "komunikasi, serta mengevaluasi dampaknya.",
            "Merumuskan kebijakan komunikasi publik pemerintah daerah dan menjadi juru bicara atau "
            "rujukan di tingkat regional/nasional.",
        ),
    ),
    TechnicalCompetency(
        "T.7",
        "Manajemen Waktu",
        "Umum",
        "Kemampuan merencanakan, memprioritaskan dan mengendalikan penggunaan waktu kerja agar "
        "tugas dan layanan selesai tepat waktu sesuai standar pelayanan.",
        (
            "Mencatat tugas harian dan menyelesaikannya sesuai urutan yang ditetapkan atasan.",
            "Menyusun prioritas dan jadwal kerja sendiri, memperkirakan waktu penyelesaian dan "
            "memenuhi tenggat secara konsisten.",
            "Mengatur pembagian waktu dan beban kerja tim, mengurangi waktu tunggu layanan dan "
            "membimbing rekan dalam perencanaan kerja.",
            "Menganalisis alur kerja dan waktu penyelesaian layanan di perangkat daerah serta "
            "menetapkan standar waktu dan perbaikan proses.",
            "Merumuskan kebijakan percepatan layanan dan budaya kerja produktif di tingkat "
            "instansi.",
        ),
    ),
    TechnicalCompetency(
        "T.8",
        "Sistem Informasi Manajemen Pendidikan",
        "Pendidikan",
        "Kemampuan mengelola dan memanfaatkan sistem informasi manajemen pendidikan (Dapodik, "
        "rapor pendidikan, perencanaan berbasis data) untuk perencanaan dan pengambilan keputusan "
        "di bidang pendidikan.",
        (
            "Memahami struktur data pendidikan (satuan pendidikan, peserta didik, pendidik) dan "
            "memasukkan data sesuai panduan.",
            "Memutakhirkan dan memvalidasi data pendidikan secara mandiri serta menyiapkan "
            "rekapitulasi rutin.",
            "Menganalisis data sistem informasi pendidikan untuk perencanaan bidang, mendampingi "
            "operator sekolah dan menjaga mutu data.",
            "Mengintegrasikan sistem informasi pendidikan daerah dengan sistem lain dan "
            "menggunakan analisisnya untuk kebijakan dinas.",
            "Merumuskan kebijakan tata kelola data dan sistem informasi pendidikan di tingkat "
            "daerah/nasional.",
        ),
    ),
    TechnicalCompetency(
        "T.9",
        "Pelayanan Publik Berbasis Digital",
        "Pelayanan Publik",
        "Kemampuan memberikan dan meningkatkan layanan publik melalui kanal digital (layanan "
        "daring, antrean elektronik, tanda tangan elektronik) dengan memperhatikan kemudahan, "
        "keamanan dan keterjangkauan bagi seluruh warga.",
        (
            "Membantu warga menggunakan layanan daring yang tersedia dan mencatat kendala yang "
            "mereka alami.",
            "Memproses permohonan layanan melalui kanal digital secara mandiri, termasuk "
            "verifikasi berkas elektronik dan pemberitahuan hasil kepada warga.",
            "Menata alur layanan digital di unit layanan, memantau waktu dan mutu layanan daring "
            "serta membimbing petugas garis depan.",
            "Merancang transformasi layanan perangkat daerah ke kanal digital, mengintegrasikan "
            "data antarlayanan dan mengevaluasi kepuasan pengguna.",
            "Merumuskan kebijakan pelayanan publik digital terpadu di tingkat instansi dan "
            "menjadi rujukan bagi daerah lain.",
        ),
    ),
    TechnicalCompetency(
        "T.10",
        "Kesehatan Masyarakat",
        "Kesehatan",
        "Kemampuan menerapkan prinsip kesehatan masyarakat (surveilans, promosi kesehatan, gizi, "
        "kesehatan lingkungan, pencegahan penyakit) untuk meningkatkan derajat kesehatan warga "
        "di wilayah kerja.",
        (
            "Memahami masalah kesehatan masyarakat utama di wilayah kerja dan melaksanakan "
            "penyuluhan atau pendataan sesuai petunjuk.",
            "Melaksanakan kegiatan kesehatan masyarakat (surveilans, penyuluhan, pemantauan gizi) "
            "secara mandiri dan mengolah datanya.",
            "Menganalisis data kesehatan masyarakat wilayah kerja, merencanakan intervensi dan "
            "menggerakkan kader serta lintas sektor.",
            "Merancang dan mengevaluasi program kesehatan masyarakat tingkat kota berdasarkan "
            "bukti epidemiologis.",
            "Merumuskan kebijakan kesehatan masyarakat daerah dan menjadi rujukan ilmiah di "
            "tingkat regional/nasional.",
        ),
    ),
    TechnicalCompetency(
        "T.11",
        "Pengawasan Infrastruktur",
        "Pekerjaan Umum",
        "Kemampuan mengawasi pelaksanaan pekerjaan konstruksi (jalan, jembatan, drainase, "
        "bangunan) agar sesuai spesifikasi teknis, jadwal, anggaran dan ketentuan keselamatan "
        "konstruksi.",
        (
            "Memahami gambar kerja dan spesifikasi teknis dasar serta mencatat kegiatan lapangan "
            "sesuai petunjuk pengawas.",
            "Melakukan pengukuran, pemeriksaan mutu material dan volume pekerjaan di lapangan "
            "serta menyusun laporan harian dan mingguan secara mandiri.",
            "Mengawasi satu paket pekerjaan konstruksi secara utuh, menilai kemajuan fisik dan "
            "menegur penyimpangan mutu atau keselamatan.",
            "Mengevaluasi mutu pengawasan seluruh paket pekerjaan di bidang, menetapkan standar "
            "pengawasan dan menyelesaikan permasalahan teknis.",
            "Merumuskan kebijakan dan standar pengawasan infrastruktur daerah serta menjadi "
            "rujukan teknis di tingkat regional/nasional.",
        ),
    ),
    TechnicalCompetency(
        "T.12",
        "Pembelajaran Jarak Jauh dan E-Learning",
        "Pengembangan Sumber Daya Manusia",
        "Kemampuan mengikuti, merancang, menyelenggarakan dan mengevaluasi pembelajaran jarak "
        "jauh dan e-learning (LMS, kelas daring, belajar mandiri) bagi ASN maupun peserta didik.",
        (
            "Mengikuti pembelajaran daring secara mandiri: mengakses LMS, menyelesaikan modul dan "
            "mengumpulkan tugas tepat waktu.",
            "Memfasilitasi kelas daring (menyiapkan ruang virtual, mengelola peserta, merekap "
            "kehadiran dan nilai) secara mandiri.",
            "Merancang modul e-learning dan kelas jarak jauh sesuai kebutuhan peserta, termasuk "
            "materi interaktif dan penilaian daring.",
            "Mengelola platform e-learning instansi, menyusun kurikulum daring terpadu dan "
            "mengevaluasi efektivitas pembelajaran jarak jauh.",
            "Merumuskan kebijakan pembelajaran digital terintegrasi (ASN Corporate University) di "
            "tingkat instansi/nasional.",
        ),
    ),
    TechnicalCompetency(
        "T.13",
        "Administrasi Kependudukan",
        "Kependudukan dan Pencatatan Sipil",
        "Kemampuan melaksanakan pendaftaran penduduk dan pencatatan sipil (KTP-el, Kartu "
        "Keluarga, akta kelahiran dan kematian, pindah datang) sesuai ketentuan administrasi "
        "kependudukan dan menjaga kerahasiaan data penduduk.",
        (
            "Memahami jenis dokumen kependudukan dan persyaratannya serta menerima berkas "
            "permohonan sesuai petunjuk.",
            "Memverifikasi persyaratan dan memproses dokumen kependudukan melalui SIAK secara "
            "mandiri dengan menjaga kerahasiaan data.",
            "Menangani kasus administrasi kependudukan yang kompleks (data ganda, perubahan "
            "elemen data, pelayanan jemput bola) dan membimbing petugas.",
            "Mengevaluasi mutu layanan dan data kependudukan tingkat kota serta memanfaatkan data "
            "untuk perencanaan pembangunan.",
            "Merumuskan kebijakan administrasi kependudukan daerah dan menjadi rujukan bagi "
            "daerah lain.",
        ),
    ),
    TechnicalCompetency(
        "T.14",
        "Pengelolaan Pengaduan Masyarakat",
        "Pelayanan Publik",
        "Kemampuan menerima, mencatat, menindaklanjuti dan menyelesaikan pengaduan masyarakat "
        "(termasuk melalui SP4N-LAPOR!) secara cepat, adil dan terdokumentasi.",
        (
            "Menerima dan mencatat pengaduan masyarakat dengan sopan dan lengkap sesuai format "
            "yang berlaku.",
            "Menelaah pengaduan, meneruskannya ke unit yang berwenang dan memantau tindak "
            "lanjutnya hingga warga menerima jawaban.",
            "Menyelesaikan pengaduan yang kompleks atau berulang, memediasi warga dan petugas, "
            "serta menganalisis pola pengaduan unit.",
            "Mengelola sistem pengaduan perangkat daerah, menetapkan standar waktu tindak lanjut "
            "dan menggunakan analisis pengaduan untuk perbaikan layanan.",
            "Merumuskan kebijakan pengelolaan pengaduan terpadu tingkat instansi dan menjadi "
            "rujukan bagi daerah lain.",
        ),
    ),
    TechnicalCompetency(
        "T.15",
        "Analisis Kebutuhan Pengembangan Kompetensi",
        "Manajemen ASN",
        "Kemampuan mengidentifikasi kebutuhan pengembangan kompetensi ASN dari analisis "
        "kesenjangan kompetensi dan kinerja, kebutuhan daerah dan masukan pemangku kepentingan, "
        "lalu menyusun rencana pengembangan tahunan.",
        (
            "Memahami standar kompetensi jabatan dan mengumpulkan data kompetensi pegawai sesuai "
            "format.",
            "Mengolah data penilaian kompetensi dan SKP untuk memetakan kesenjangan kompetensi "
            "pegawai per unit.",
            "Menganalisis kesenjangan kompetensi dan kinerja, menimbang kebutuhan daerah (RPJMD, "
            "SPM) dan menyusun usulan prioritas pengembangan.",
            "Menyusun rencana pengembangan kompetensi tahunan instansi beserta anggaran dan "
            "jalur pengembangannya.",
            "Merumuskan kebijakan dan strategi pengembangan kompetensi ASN daerah yang "
            "terintegrasi dengan manajemen talenta.",
        ),
    ),
    TechnicalCompetency(
        "T.16",
        "Evaluasi Pengembangan Kompetensi",
        "Manajemen ASN",
        "Kemampuan mengevaluasi program pengembangan kompetensi pada empat level (reaksi, "
        "pembelajaran, perilaku, hasil) dan menggunakan hasilnya untuk melanjutkan atau "
        "menyesuaikan program.",
        (
            "Menyebarkan dan merekap kuesioner reaksi peserta serta nilai pre-test dan post-test.",
            "Mengolah hasil evaluasi reaksi dan pembelajaran (termasuk gain ternormalisasi) dan "
            "menyusun laporan evaluasi program.",
            "Merancang evaluasi pasca pelatihan bersama atasan langsung dan menilai penerapan "
            "hasil pelatihan di tempat kerja.",
            "Menilai dampak program pengembangan terhadap kinerja unit dan layanan, serta "
            "merekomendasikan kelanjutan atau penyesuaian program.",
            "Merumuskan kebijakan evaluasi pengembangan kompetensi instansi dan menjadi rujukan "
            "metodologi di tingkat regional/nasional.",
        ),
    ),
    TechnicalCompetency(
        "T.17",
        "Administrasi Kepegawaian dan SIASN",
        "Manajemen ASN",
        "Kemampuan mengelola data dan layanan administrasi kepegawaian (kenaikan pangkat, "
        "riwayat diklat, mutasi) melalui Sistem Informasi ASN (SIASN) secara akurat dan tepat "
        "waktu.",
        (
            "Memahami jenis layanan kepegawaian dan memasukkan data pegawai ke SIASN sesuai "
            "petunjuk.",
            "Memproses usul layanan kepegawaian dan memutakhirkan riwayat pegawai (termasuk "
            "riwayat diklat dan kursus) secara mandiri.",
            "Memvalidasi data kepegawaian instansi, menyelesaikan ketidaksesuaian data dengan BKN "
            "dan membimbing pengelola kepegawaian perangkat daerah.",
            "Mengelola tata kelola data kepegawaian instansi dan mengintegrasikan SIASN dengan "
            "sistem daerah.",
            "Merumuskan kebijakan manajemen data ASN daerah dan menjadi rujukan bagi instansi "
            "lain.",
        ),
    ),
    TechnicalCompetency(
        "T.18",
        "Keamanan Informasi dan Infrastruktur TIK",
        "Komunikasi dan Informatika",
        "Kemampuan mengelola infrastruktur teknologi informasi (jaringan, pusat data, aplikasi) "
        "dan menjaga keamanan informasi pemerintah daerah sesuai standar SPBE.",
        (
            "Memahami prinsip dasar keamanan informasi dan melaksanakan pemeliharaan perangkat "
            "TIK sesuai prosedur.",
            "Mengelola akun, cadangan data, jaringan dan server unit secara mandiri serta "
            "menangani insiden keamanan ringan.",
            "Merancang dan mengamankan infrastruktur TIK perangkat daerah, melakukan uji "
            "kerentanan dan menangani insiden keamanan.",
            "Menyusun arsitektur dan kebijakan keamanan informasi instansi serta mengevaluasi "
            "kepatuhan perangkat daerah.",
            "Merumuskan kebijakan keamanan siber dan infrastruktur SPBE di tingkat "
            "regional/nasional.",
        ),
    ),
    TechnicalCompetency(
        "T.19",
        "Pelayanan Administrasi Terpadu Kecamatan (PATEN)",
        "Pemerintahan Umum",
        "Kemampuan menyelenggarakan pelayanan administrasi terpadu di kecamatan dan kelurahan "
        "(perizinan dan nonperizinan yang dilimpahkan wali kota) sesuai standar pelayanan.",
        (
            "Memahami jenis layanan PATEN dan persyaratannya serta menerima berkas di meja "
            "layanan sesuai petunjuk.",
            "Memproses layanan administrasi kecamatan/kelurahan (surat keterangan, rekomendasi, "
            "izin yang dilimpahkan) secara mandiri sesuai standar waktu.",
            "Mengoordinasikan meja layanan terpadu, menyelesaikan berkas yang tidak lazim dan "
            "membimbing petugas kelurahan.",
            "Mengevaluasi standar pelayanan dan pelimpahan kewenangan di kecamatan serta "
            "mengusulkan perbaikannya kepada wali kota.",
            "Merumuskan kebijakan pelayanan terpadu kewilayahan di tingkat kota dan menjadi "
            "rujukan bagi daerah lain.",
        ),
    ),
    TechnicalCompetency(
        "T.20",
        "Kemitraan dan Pelibatan Pemangku Kepentingan",
        "Umum",
        "Kemampuan membangun dan mengelola kerja sama dengan masyarakat, sektor swasta, "
        "perguruan tinggi, lembaga pelatihan dan organisasi nonpemerintah untuk program "
        "pembangunan dan pengembangan kompetensi.",
        (
            "Memahami peran para pemangku kepentingan dan mendokumentasikan kegiatan kemitraan "
            "sesuai petunjuk.",
            "Menyelenggarakan pertemuan dan konsultasi dengan pemangku kepentingan serta "
            "merangkum masukan mereka secara mandiri.",
            "Merancang kegiatan bersama mitra (seminar, lokakarya, magang, narasumber praktisi), "
            "menyusun naskah kerja sama dan memantau pelaksanaannya.",
            "Mengelola jejaring kemitraan perangkat daerah dan mengevaluasi manfaat kerja sama "
            "bagi kinerja dan layanan.",
            "Merumuskan kebijakan kemitraan strategis pemerintah daerah dengan dunia usaha, "
            "akademisi dan masyarakat.",
        ),
    ),
)
