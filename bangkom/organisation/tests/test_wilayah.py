"""The Kemendagri region list: loading (load-wilayah) and searching."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.organisation.models import Wilayah, WilayahLevel
from bangkom.organisation.wilayah import parent_code, wilayah_load, wilayah_search

SMALL_CSV = """kode,nama,tingkat
53,Nusa Tenggara Timur,provinsi
53.71,Kota Kupang,kabupaten_kota
53.71.01,Alak,kecamatan
53.71.01.1001,Namosain,kelurahan_desa
53.71.01.1008,Alak,kelurahan_desa
53.71.02,Maulafa,kecamatan
53.71.02.1001,Maulafa,kelurahan_desa
53.01,Kabupaten Kupang,kabupaten_kota
53.01.01,Semau,kecamatan
53.01.01.2001,Uitao,kelurahan_desa
61,Kalimantan Barat,provinsi
61.71,Kota Pontianak,kabupaten_kota
12.07.28.1007,"Lubuk Pakam I,II",kelurahan_desa
12.07.28,Lubuk Pakam,kecamatan
12.07,Kabupaten Deli Serdang,kabupaten_kota
12,Sumatera Utara,provinsi
"""


@pytest.fixture
def small_csv(tmp_path: Path) -> Path:
    path = tmp_path / "wilayah.csv"
    path.write_text(SMALL_CSV, encoding="utf-8")
    return path


def test_parent_code_drops_the_last_group() -> None:
    assert parent_code("53.71.01.1008") == "53.71.01"
    assert parent_code("53.71") == "53"
    assert parent_code("53") is None


@pytest.mark.django_db
def test_load_links_every_region_to_its_parent(small_csv: Path) -> None:
    result = wilayah_load(path=small_csv)

    assert (result.created, result.updated) == (16, 0)
    alak = Wilayah.objects.get(kode="53.71.01.1008")
    assert alak.tingkat == WilayahLevel.KELURAHAN_DESA and alak.is_kelurahan
    chain = []
    region: Wilayah | None = alak.parent
    while region is not None:
        chain.append(region.kode)
        region = region.parent
    assert chain == ["53.71.01", "53.71", "53"]
    assert Wilayah.objects.get(kode="53").parent is None
    # A quoted name with a comma, listed before its parents in the file, still loads.
    assert Wilayah.objects.get(kode="12.07.28.1007").nama == "Lubuk Pakam I,II"
    assert Wilayah.objects.get(kode="12.07.28.1007").parent_id == "12.07.28"
    assert not Wilayah.objects.get(kode="53.01.01.2001").is_kelurahan  # a desa


@pytest.mark.django_db
def test_second_load_changes_nothing_and_says_so(small_csv: Path) -> None:
    call_command("load_wilayah", file=small_csv, stdout=StringIO())
    events = AuditEvent.objects.filter(action="wilayah.load").count()

    out = StringIO()
    call_command("load_wilayah", file=small_csv, stdout=out)

    assert "tidak ada perubahan" in out.getvalue()
    assert Wilayah.objects.count() == 16
    assert AuditEvent.objects.filter(action="wilayah.load").count() == events == 1


@pytest.mark.django_db
def test_reload_adds_missing_rows_and_renames_changed_ones(small_csv: Path, tmp_path: Path) -> None:
    older = tmp_path / "older.csv"
    older.write_text(
        SMALL_CSV.replace("53.71.02.1001,Maulafa,kelurahan_desa\n", "").replace(
            "53.71,Kota Kupang", "53.71,Kotamadya Kupang"
        )
    )
    wilayah_load(path=older)
    assert Wilayah.objects.get(kode="53.71").nama == "Kotamadya Kupang"

    out = StringIO()
    call_command("load_wilayah", file=small_csv, stdout=out)

    assert "1 ditambahkan, 1 diperbarui" in out.getvalue()
    assert Wilayah.objects.get(kode="53.71").nama == "Kota Kupang"
    assert Wilayah.objects.get(kode="53.71.02.1001").parent_id == "53.71.02"


@pytest.mark.django_db
def test_rows_gone_from_the_file_are_kept_and_counted(small_csv: Path, tmp_path: Path) -> None:
    wilayah_load(path=small_csv)
    shorter = tmp_path / "shorter.csv"
    shorter.write_text(SMALL_CSV.replace("53.71.02.1001,Maulafa,kelurahan_desa\n", ""))

    result = wilayah_load(path=shorter)

    assert result.absent_from_file == 1 and not result.changed
    assert Wilayah.objects.filter(kode="53.71.02.1001").exists()


@pytest.mark.django_db
def test_only_loads_the_named_regions_with_their_ancestors(small_csv: Path) -> None:
    wilayah_load(path=small_csv, only=["53.71.01"])

    assert sorted(Wilayah.objects.values_list("kode", flat=True)) == [
        "53",
        "53.71",
        "53.71.01",
        "53.71.01.1001",
        "53.71.01.1008",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("kode,nama\n53,NTT\n", "tidak memiliki kolom: tingkat"),
        ("kode,nama,tingkat\n53,NTT,kecamatan\n", "tingkat “kecamatan” tidak cocok"),
        ("kode,nama,tingkat\n5x,NTT,provinsi\n", "kode “5x” tidak sah"),
        ("kode,nama,tingkat\n53,NTT,provinsi\n53,NTT,provinsi\n", "kode 53 ganda"),
        ("kode,nama,tingkat\n53.71,Kota Kupang,kabupaten_kota\n", "kode tanpa induk"),
    ],
)
def test_a_bad_file_is_refused_whole(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(ServiceError, match=message):
        wilayah_load(path=path)
    with pytest.raises(CommandError, match=message):
        call_command("load_wilayah", file=path, stdout=StringIO())
    assert not Wilayah.objects.exists()


@pytest.mark.django_db
def test_the_shipped_list_loads_completely() -> None:
    result = wilayah_load()

    assert result.created == 91_599
    counts = {level: Wilayah.objects.filter(tingkat=level).count() for level in WilayahLevel.values}
    assert counts == {
        "provinsi": 38,
        "kabupaten_kota": 514,
        "kecamatan": 7_285,
        "kelurahan_desa": 83_762,
    }
    assert (
        not Wilayah.objects.filter(parent__isnull=True)
        .exclude(tingkat=WilayahLevel.PROVINSI)
        .exists()
    )
    assert Wilayah.objects.get(kode="53.71.01.1008").nama == "Alak"
    assert Wilayah.objects.get(kode="12.71.12").nama == "Medan Marelan"


@pytest.mark.django_db
def test_search_by_code_prefix_lists_levels_in_order(small_csv: Path) -> None:
    wilayah_load(path=small_csv)

    codes = [w.kode for w in wilayah_search("53.71")]

    assert codes == [
        "53.71",
        "53.71.01",
        "53.71.02",
        "53.71.01.1001",
        "53.71.01.1008",
        "53.71.02.1001",
    ]
    assert [w.kode for w in wilayah_search("537101")] == [
        "53.71.01",
        "53.71.01.1001",
        "53.71.01.1008",
    ]


@pytest.mark.django_db
def test_search_by_name_fragment_ignores_case(small_csv: Path) -> None:
    wilayah_load(path=small_csv)

    found = wilayah_search("kUPANG")

    assert [w.kode for w in found] == ["53.01", "53.71"]
    assert [w.kode for w in wilayah_search("alak")] == ["53.71.01", "53.71.01.1008"]


@pytest.mark.django_db
def test_search_respects_the_limit_and_ignores_blank_queries(small_csv: Path) -> None:
    wilayah_load(path=small_csv)

    assert [w.kode for w in wilayah_search("5", limit=3)] == ["53", "53.01", "53.71"]
    assert wilayah_search("   ") == []
    assert wilayah_search("Atlantis") == []
