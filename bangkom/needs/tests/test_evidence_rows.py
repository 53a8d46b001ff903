"""A weight factor's evidence as a reader sees it: labels, numbers in Indonesian, nested rules."""

from __future__ import annotations

from django.utils import translation

from bangkom.needs.templatetags.needs_tags import evidence_rows


def test_evidence_reads_as_labelled_rows_in_indonesian() -> None:
    evidence = {
        "survey": 4,
        "survey_title": "Survei Kebutuhan Pelatihan ASN Tahun 2026",
        "respondents": 20,
        "rule": {"confidence_threshold": "2.50", "min_answers": 3},
        "reasons": [{"kind": "kepercayaan", "mean": "2.30", "distribution": {"1": 3, "2": 8}}],
        "periode_kini": 71163,
        "pertumbuhan_persen": 2.25,
        "sampel_cukup": True,
        "periode": "2025–2029",
    }
    with translation.override("id"):
        rows = evidence_rows(evidence)
    assert rows == [
        ("survei", "Survei Kebutuhan Pelatihan ASN Tahun 2026"),
        ("responden", "20"),
        ("aturan", "ambang kepercayaan diri: 2,50, jawaban minimal: 3"),
        ("alasan", "jenis: kepercayaan, rerata: 2,30, sebaran: (1: 3, 2: 8)"),
        ("periode kini", "71.163"),
        ("pertumbuhan persen", "2,25"),
        ("sampel cukup", "ya"),
        ("periode", "2025–2029"),
    ]


def test_a_discussion_notes_evidence_has_indonesian_labels_and_dates() -> None:
    evidence = {
        "discussion": 7,
        "judul": "FGD pelayanan Kecamatan Alak",
        "tanggal": "2026-03-14",
        "participants": 12,
        "participant_description": "staf pelayanan dan lurah",
        "fasilitator": "Bagian Organisasi",
        "conclusions": [{"teks": "Staf belum percaya diri memakai SRIKANDI", "factor": "1.30"}],
        "attachments": ["notulen.pdf"],
    }
    with translation.override("id"):
        rows = evidence_rows(evidence)
    assert rows == [
        ("judul", "FGD pelayanan Kecamatan Alak"),
        ("tanggal", "14 Maret 2026"),
        ("jumlah peserta", "12"),
        ("keterangan peserta", "staf pelayanan dan lurah"),
        ("fasilitator", "Bagian Organisasi"),
        ("kesimpulan", "isi: Staf belum percaya diri memakai SRIKANDI, faktor: 1,30"),
        ("lampiran", "notulen.pdf"),
    ]
    assert not any("_" in label for label, _ in rows)


def test_no_evidence_gives_no_rows() -> None:
    assert evidence_rows(None) == [] and evidence_rows({}) == []
