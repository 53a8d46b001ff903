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


def test_no_evidence_gives_no_rows() -> None:
    assert evidence_rows(None) == [] and evidence_rows({}) == []
