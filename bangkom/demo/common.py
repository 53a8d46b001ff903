"""Units every kota has in much the same shape: the regional secretariat (Setda), BKPSDM and the
kelurahan. Each region adds its own story duties to them."""

from __future__ import annotations

from bangkom.demo.spec import DutySpec, PositionSpec, UnitSpec, duty, position, unit
from bangkom.organisation.models import PositionClass as PC
from bangkom.organisation.models import UnitKind as UK


def sekretariat_daerah(*extra: DutySpec) -> UnitSpec:
    """The Setda with the Sekretaris Daerah: the leadership login and the atasan of OPD heads."""
    return unit(
        "Sekretariat Daerah",
        UK.SETDA,
        position(
            "Sekretaris Daerah",
            PC.JPT_PRATAMA,
            duty(
                "Membantu wali kota menyusun kebijakan daerah dan mengoordinasikan perangkat "
                "daerah dalam melaksanakan RPJMD",
                ("M.8", 4),
                ("T.20", 3),
            ),
            duty(
                "Memimpin Tim Anggaran Pemerintah Daerah (TAPD) dalam menetapkan prioritas "
                "anggaran, termasuk anggaran pengembangan kompetensi ASN",
                ("T.5", 4),
                ("M.4", 4),
            ),
            duty(
                "Menetapkan arah pengembangan kompetensi ASN bersama BKPSDM dan memantau "
                "capaiannya dalam rapat pimpinan",
                ("T.15", 3),
                ("M.6", 4),
            ),
            *extra,
            head=True,
            login="pimpinan",
            education=("s2_ap", "s2_ipdn"),
            born=(1966, 1972),
        ),
        singkatan="Setda",
    )


def bkpsdm(
    *,
    kepala: tuple[DutySpec, ...] = (),
    kabid: tuple[DutySpec, ...] = (),
    analis: tuple[DutySpec, ...] = (),
) -> UnitSpec:
    """BKPSDM: drafts the competency-development plan; ``kabid`` and ``analis`` carry the
    region's story (who trains whom, with which partner)."""
    return unit(
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        UK.BADAN,
        position(
            "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            PC.JPT_PRATAMA,
            duty(
                "Memimpin perumusan kebijakan manajemen ASN dan pengembangan kompetensi di "
                "lingkungan pemerintah kota",
                ("T.15", 4),
                ("M.7", 4),
            ),
            duty(
                "Mengusulkan rencana pengembangan kompetensi tahunan kepada Pejabat Pembina "
                "Kepegawaian dan memperjuangkan anggarannya di TAPD",
                ("T.15", 4),
                ("T.5", 3),
                ("M.3", 4),
            ),
            *kepala,
            head=True,
            education=("s2_ap", "s2_sdm", "s2_mm"),
        ),
        children=(
            unit(
                "Sekretariat",
                UK.SEKRETARIAT,
                position(
                    "Sekretaris Badan",
                    PC.ADMINISTRATOR,
                    duty(
                        "Mengoordinasikan penyusunan rencana kerja, anggaran dan laporan kinerja "
                        "badan",
                        ("T.5", 3),
                        ("M.4", 3),
                    ),
                    duty(
                        "Mengelola urusan umum, kepegawaian internal dan keuangan badan",
                        ("T.17", 2),
                        ("M.2", 3),
                    ),
                    head=True,
                ),
                pengadministrasi_perkantoran(),
            ),
            unit(
                "Bidang Pengembangan Kompetensi Aparatur",
                UK.BIDANG,
                position(
                    "Kepala Bidang Pengembangan Kompetensi Aparatur",
                    PC.ADMINISTRATOR,
                    duty(
                        "Menyusun rencana pengembangan kompetensi ASN tahunan berdasarkan "
                        "usulan kebutuhan perangkat daerah",
                        ("T.15", 4),
                        ("M.4", 3),
                    ),
                    duty(
                        "Mengoordinasikan penyelenggaraan pelatihan klasikal dan nonklasikal "
                        "bersama lembaga pelatihan terakreditasi",
                        ("T.20", 3),
                        ("M.2", 3),
                    ),
                    *kabid,
                    head=True,
                    education=("s2_sdm", "s2_ap", "s1_psikologi"),
                ),
                position(
                    "Analis SDM Aparatur Ahli Muda",
                    PC.AHLI_MUDA,
                    duty(
                        "Menganalisis kesenjangan kompetensi pegawai terhadap standar kompetensi "
                        "jabatan dan kinerjanya",
                        ("T.15", 3),
                        ("M.4", 2),
                    ),
                    duty(
                        "Mengevaluasi penyelenggaraan pengembangan kompetensi dari reaksi "
                        "peserta sampai penerapan di tempat kerja",
                        ("T.16", 3),
                    ),
                    *analis,
                    login="bkpsdm",
                    education=("s1_psikologi", "s2_sdm", "s1_an"),
                ),
                position(
                    "Analis SDM Aparatur Ahli Pertama",
                    PC.AHLI_PERTAMA,
                    duty(
                        "Mengolah data standar kompetensi jabatan dan hasil penilaian kompetensi "
                        "pegawai",
                        ("T.15", 2),
                        ("T.1", 2),
                    ),
                    duty(
                        "Menyiapkan kelas daring dan merekap kehadiran serta nilai peserta "
                        "pelatihan",
                        ("T.12", 2),
                        ("T.16", 2),
                    ),
                    education=("s1_psikologi", "s1_an"),
                ),
                position(
                    "Pranata SDM Aparatur Terampil",
                    PC.TERAMPIL,
                    duty(
                        "Mencatat riwayat diklat dan kursus pegawai ke SIASN setelah pelatihan "
                        "selesai",
                        ("T.17", 2),
                    ),
                    duty(
                        "Menyiapkan administrasi peserta, narasumber dan sertifikat pelatihan",
                        ("T.1", 2),
                        ("T.7", 1),
                    ),
                    education=("d3_adm",),
                ),
            ),
            unit(
                "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
                UK.BIDANG,
                position(
                    "Kepala Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
                    PC.ADMINISTRATOR,
                    duty(
                        "Mengendalikan mutu dan kemutakhiran data ASN di SIASN",
                        ("T.17", 4),
                        ("M.4", 3),
                    ),
                    duty(
                        "Merencanakan kebutuhan dan pengadaan ASN, termasuk PPPK",
                        ("T.15", 2),
                        ("M.8", 3),
                    ),
                    head=True,
                ),
                position(
                    "Pranata Komputer Ahli Pertama",
                    PC.AHLI_PERTAMA,
                    duty(
                        "Mengelola integrasi data kepegawaian daerah dengan SIASN",
                        ("T.17", 3),
                        ("T.18", 2),
                    ),
                    duty(
                        "Mendampingi pengelola kepegawaian perangkat daerah dalam menggunakan "
                        "aplikasi kepegawaian",
                        ("T.1", 3),
                        ("M.3", 2),
                    ),
                    education=("s1_ti", "s1_si"),
                    born=(1994, 2000),
                ),
                position(
                    "Pengolah Data dan Informasi",
                    PC.PELAKSANA,
                    duty(
                        "Memutakhirkan data pegawai dan dokumen kepegawaian elektronik",
                        ("T.17", 2),
                        ("T.1", 2),
                    ),
                    duty("Menyusun rekapitulasi data ASN per perangkat daerah", ("T.7", 1)),
                    education=("d3_ti", "s1_si", "sma"),
                ),
            ),
        ),
        singkatan="BKPSDM",
    )


def pengadministrasi_perkantoran(*, holders: int = 1, pppk: int = 0) -> PositionSpec:
    return position(
        "Pengadministrasi Perkantoran",
        PC.PELAKSANA,
        duty(
            "Mengelola naskah dinas elektronik, agenda surat dan arsip unit",
            ("T.1", 2),
            ("T.7", 1),
        ),
        duty("Menyiapkan bahan rapat, notulen dan perjalanan dinas", ("M.3", 1)),
        holders=holders,
        pppk=pppk,
        education=("sma", "smk", "d3_adm"),
    )


def camat(nama: str, *extra: DutySpec, login: str = "") -> PositionSpec:
    """The camat (an administrator) heads a kecamatan, an OPD of the kota."""
    return position(
        f"Camat {nama}",
        PC.ADMINISTRATOR,
        duty(
            f"Memimpin penyelenggaraan pemerintahan, pelayanan dan pemberdayaan masyarakat di "
            f"Kecamatan {nama}",
            ("T.19", 4),
            ("M.5", 3),
        ),
        duty(
            "Mengoordinasikan lurah, puskesmas, sekolah dan instansi vertikal di wilayah kecamatan",
            ("M.2", 3),
            ("T.20", 3),
        ),
        *extra,
        head=True,
        education=("s2_ipdn", "d4_ipdn", "s2_ap"),
        login=login,
    )


def sekretaris_kecamatan(*extra: DutySpec, login: str = "") -> PositionSpec:
    return position(
        "Sekretaris Kecamatan",
        PC.ADMINISTRATOR,
        duty(
            "Mengoordinasikan perencanaan, keuangan, kepegawaian dan pelaporan kinerja kecamatan",
            ("T.5", 3),
            ("M.4", 3),
        ),
        duty(
            "Menghimpun usulan kebutuhan pengembangan kompetensi pegawai kecamatan dan kelurahan "
            "untuk disampaikan ke BKPSDM",
            ("T.15", 2),
            ("M.6", 3),
        ),
        *extra,
        education=("d4_ipdn", "s2_ap", "s1_an"),
        login=login,
    )


def kelurahan(
    kode: str,
    nama: str,
    *,
    lengkap: bool = False,
    lurah: tuple[DutySpec, ...] = (),
    staf: int = 1,
    staf_pppk: int = 0,
) -> UnitSpec:
    """A kelurahan from the region list. ``lengkap`` adds the two kepala seksi of a larger one."""
    seksi = (
        (
            position(
                "Kepala Seksi Pemerintahan dan Ketenteraman",
                PC.PENGAWAS,
                duty(
                    "Menyelenggarakan administrasi pemerintahan dan pendataan penduduk di "
                    "kelurahan",
                    ("T.13", 2),
                    ("T.19", 2),
                ),
                duty(
                    "Mengoordinasikan ketenteraman dan ketertiban umum bersama RT/RW dan linmas",
                    ("M.2", 2),
                    ("M.3", 2),
                ),
            ),
            position(
                "Kepala Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial",
                PC.PENGAWAS,
                duty(
                    "Menggerakkan partisipasi warga, kader posyandu dan lembaga kemasyarakatan",
                    ("T.20", 2),
                    ("T.10", 1),
                ),
                duty(
                    "Memutakhirkan data warga penerima bantuan sosial melalui aplikasi",
                    ("T.1", 2),
                    ("M.1", 3),
                ),
            ),
        )
        if lengkap
        else ()
    )
    return unit(
        f"Kelurahan {nama}",
        UK.KELURAHAN,
        position(
            f"Lurah {nama}",
            PC.PENGAWAS,
            duty(
                "Memimpin pelayanan administrasi, ketenteraman dan pemberdayaan masyarakat di "
                "kelurahan",
                ("T.19", 3),
                ("M.5", 3),
            ),
            duty(
                "Memfasilitasi musyawarah perencanaan pembangunan kelurahan bersama RT/RW, tokoh "
                "masyarakat dan pelaku usaha",
                ("T.20", 2),
                ("M.3", 3),
            ),
            *lurah,
            head=True,
            education=("d4_ipdn", "s1_ip", "s1_an"),
        ),
        position(
            "Sekretaris Kelurahan",
            PC.PENGAWAS,
            duty(
                "Mengelola administrasi umum, keuangan dan kepegawaian kelurahan",
                ("T.5", 2),
                ("T.1", 2),
            ),
            duty("Menyusun rencana kerja dan laporan kinerja kelurahan", ("T.7", 2), ("M.4", 2)),
        ),
        *seksi,
        position(
            "Pengelola Layanan Operasional",
            PC.PELAKSANA,
            duty(
                "Melayani permohonan surat keterangan warga di meja layanan kelurahan",
                ("T.19", 2),
                ("M.5", 2),
            ),
            duty(
                "Mencatat layanan dan data penduduk dalam aplikasi pelayanan",
                ("T.1", 2),
                ("T.13", 1),
            ),
            duty(
                "Menerima pengaduan warga dan meneruskannya kepada lurah", ("T.14", 1), ("M.3", 2)
            ),
            holders=staf,
            pppk=staf_pppk,
            reports_to="Sekretaris Kelurahan",
        ),
        wilayah=kode,
        wilayah_nama=nama,
    )
