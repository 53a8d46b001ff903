"""Every survey page × every persona: who may see it, who may change through it, and that a
refused request changes nothing (rows, audit trail, stored files)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from bangkom.competencies.models import Competency
from bangkom.core.models import AuditEvent
from bangkom.factors.models import WeightFactor
from bangkom.surveys.discussions import attachment_add, conclusion_add
from bangkom.surveys.models import (
    Answer,
    DiscussionAttachment,
    DiscussionConclusion,
    DiscussionNote,
    Question,
    QuestionItem,
    QuestionKind,
    Survey,
    SurveyResponse,
)
from bangkom.surveys.services import SurveyData, survey_create
from bangkom.surveys.tests.conftest import full_answers, make_note, make_survey, submit
from bangkom.testing.world import PERSONAS, World

pytestmark = pytest.mark.django_db

ALL = set(PERSONAS)
ADMINS = {"superadmin", "bkpsdm"}
READERS = ADMINS | {"pimpinan"}
SURVEY_READERS = READERS | {"opd_admin"}
EMPLOYEES = {"supervisor", "employee"}
PDF = b"%PDF-1.4\n"


@dataclass
class Scene:
    world: World
    survey: Survey  # published, whole instansi, one answer (from the head of the puskesmas)
    draft: Survey
    other: Survey  # Kota Luar's
    note_kecamatan: DiscussionNote
    note_puskesmas: DiscussionNote
    conclusion: DiscussionConclusion
    attachment: DiscussionAttachment


@pytest.fixture
def scene(world: World) -> Scene:
    survey = make_survey(world, min_answers=1)
    submit(survey, world.supervisor, confidence=1)
    draft = make_survey(world, publish=False, judul="Draf survei")
    today = timezone.localdate()
    other = survey_create(
        instansi=world.other_instansi,
        data=SurveyData(judul="Survei Kota Luar", tahun=2027, opens_on=today, closes_on=today),
        use_template=True,
        acting_user=world.user("outsider"),
    )
    note_kecamatan = make_note(world, units=[world.kecamatan])
    attachment = attachment_add(
        note=note_kecamatan, upload=SimpleUploadedFile("notulen.pdf", PDF), acting_user=None
    )
    note_puskesmas = make_note(world, units=[world.puskesmas], judul="FGD Puskesmas")
    conclusion = conclusion_add(
        note=note_puskesmas,
        teks="Perawat belum terbiasa dengan e-Kinerja",
        competencies=[Competency.objects.get(kode="M.7")],
        factor=Decimal("1.2"),
        acting_user=None,
    )
    attachment_add(
        note=note_puskesmas, upload=SimpleUploadedFile("foto.pdf", PDF), acting_user=None
    )
    return Scene(
        world,
        survey,
        draft,
        other,
        note_kecamatan,
        note_puskesmas,
        conclusion,
        attachment,
    )


def expect(
    ok: set[str], *, forbidden: frozenset[str] | set[str] = frozenset(), default: int = 404
) -> dict[str, int]:
    return {p: 200 if p in ok else 403 if p in forbidden else default for p in PERSONAS}


def _q(scene: Scene) -> int:
    return scene.draft.questions.get(kind=QuestionKind.TOPICS).pk


PAGES: list[tuple[str, Callable[[Scene], str], dict[str, int]]] = [
    (
        "list",
        lambda s: reverse("surveys:list"),
        expect(SURVEY_READERS | {"outsider"}, default=403),
    ),
    ("create", lambda s: reverse("surveys:create"), expect(ADMINS | {"outsider"}, default=403)),
    ("detail", lambda s: reverse("surveys:detail", args=[s.survey.pk]), expect(SURVEY_READERS)),
    ("draft detail", lambda s: reverse("surveys:detail", args=[s.draft.pk]), expect(ADMINS)),
    (
        "other detail",
        lambda s: reverse("surveys:detail", args=[s.other.pk]),
        expect({"superadmin", "outsider"}),
    ),
    (
        "edit",
        lambda s: reverse("surveys:edit", args=[s.survey.pk]),
        expect(ADMINS, forbidden={"pimpinan", "opd_admin"}),
    ),
    (
        "question create",
        lambda s: reverse("surveys:question_create", args=[s.survey.pk]),
        expect(ADMINS, forbidden={"pimpinan", "opd_admin"}),
    ),
    (
        "question edit",
        lambda s: reverse(
            "surveys:question_edit", args=[s.survey.pk, s.survey.questions.all()[0].pk]
        ),
        expect(ADMINS, forbidden={"pimpinan", "opd_admin"}),
    ),
    (
        "question of another survey",
        lambda s: reverse("surveys:question_edit", args=[s.survey.pk, _q(s)]),
        expect(set(), forbidden={"pimpinan", "opd_admin"}),
    ),
    ("results", lambda s: reverse("surveys:results", args=[s.survey.pk]), expect(SURVEY_READERS)),
    (
        "other results",
        lambda s: reverse("surveys:results", args=[s.other.pk]),
        expect({"superadmin", "outsider"}),
    ),
    (
        "responses",
        lambda s: reverse("surveys:responses", args=[s.survey.pk]),
        expect(ADMINS, forbidden={"pimpinan", "opd_admin"}),
    ),
    (
        "my surveys",
        lambda s: reverse("surveys:my_surveys"),
        expect(EMPLOYEES | {"outsider_employee"}, default=403),
    ),
    (
        "answer",
        lambda s: reverse("surveys:answer", args=[s.survey.pk]),
        expect(EMPLOYEES, forbidden=ALL - EMPLOYEES - {"outsider_employee"}),
    ),
    (
        "answer draft",
        lambda s: reverse("surveys:answer", args=[s.draft.pk]),
        expect(set(), forbidden=ALL - EMPLOYEES - {"outsider_employee"}),
    ),
    (
        "fgd list",
        lambda s: reverse("surveys:fgd_list"),
        expect(SURVEY_READERS | {"outsider"}, default=403),
    ),
    (
        "fgd create",
        lambda s: reverse("surveys:fgd_create"),
        expect(ADMINS | {"opd_admin", "outsider"}, default=403),
    ),
    (
        "fgd kecamatan",
        lambda s: reverse("surveys:fgd_detail", args=[s.note_kecamatan.pk]),
        expect(READERS),
    ),
    (
        "fgd puskesmas",
        lambda s: reverse("surveys:fgd_detail", args=[s.note_puskesmas.pk]),
        expect(SURVEY_READERS),
    ),
    (
        "fgd edit kecamatan",
        lambda s: reverse("surveys:fgd_edit", args=[s.note_kecamatan.pk]),
        expect(ADMINS, forbidden={"pimpinan"}),
    ),
    (
        "fgd edit puskesmas",
        lambda s: reverse("surveys:fgd_edit", args=[s.note_puskesmas.pk]),
        expect(ADMINS | {"opd_admin"}, forbidden={"pimpinan"}),
    ),
    (
        "attachment",
        lambda s: reverse(
            "surveys:fgd_attachment_download", args=[s.note_kecamatan.pk, s.attachment.pk]
        ),
        expect(READERS),
    ),
]


@pytest.mark.parametrize("name,url,expected", PAGES, ids=[p[0] for p in PAGES])
def test_page_access_per_persona(
    client, scene: Scene, name: str, url: Callable[[Scene], str], expected: dict[str, int]
) -> None:
    target = url(scene)
    for persona in PERSONAS:
        client.force_login(scene.world.user(persona))
        response = client.get(target)
        assert response.status_code == expected[persona], (
            f"{persona} on {name}: {response.status_code}"
        )
    client.logout()
    anonymous = client.get(target)
    assert anonymous.status_code == 302 and "/akun/masuk/" in anonymous["Location"]


def _state(media: Path) -> dict[str, Any]:
    return {
        "surveys": list(Survey.objects.order_by("pk").values()),
        "targets": list(Survey.target_units.through.objects.order_by("pk").values()),
        "questions": list(Question.objects.order_by("pk").values()),
        "items": list(QuestionItem.objects.order_by("pk").values()),
        "responses": list(SurveyResponse.objects.order_by("pk").values()),
        "answers": Answer.objects.count(),
        "notes": list(DiscussionNote.objects.order_by("pk").values()),
        "note_units": list(DiscussionNote.units.through.objects.order_by("pk").values()),
        "conclusions": list(DiscussionConclusion.objects.order_by("pk").values()),
        "attachments": list(DiscussionAttachment.objects.order_by("pk").values()),
        "factors": list(WeightFactor.objects.order_by("pk").values()),
        "audit": AuditEvent.objects.count(),
        "files": sorted(str(p) for p in media.rglob("*") if p.is_file()),
    }


def _survey_fields(s: Scene, **changes: Any) -> dict[str, Any]:
    today = timezone.localdate()
    data = {
        "instansi": s.world.instansi.pk,
        "judul": "Survei Kebutuhan Pelatihan Kecamatan",
        "tahun": 2027,
        "pengantar": "",
        "opens_on": today.isoformat(),
        "closes_on": today.isoformat(),
        "factor_level": "opd",
        "confidence_threshold": "2,5",
        "very_low_threshold": "2,0",
        "min_answers": 3,
        "factor_low": "1,2",
        "factor_very_low": "1,4",
        "topic_share_percent": 50,
        "topic_factor": "1,1",
        "use_template": "on",
    }
    data.update(changes)
    return data


def _answer_post(s: Scene) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for question_pk, value in full_answers(s.survey).items():
        if isinstance(value, dict):
            data.update({f"q{question_pk}_t{item}": v for item, v in value.items()})
        else:
            data[f"q{question_pk}"] = value
    return data


def _question_post(s: Scene) -> dict[str, Any]:
    return {"kind": "teks", "teks": "Apa harapan Anda?", "items": "", "is_required": ""}


def _note_post(s: Scene) -> dict[str, Any]:
    return {
        "judul": "FGD perawat",
        "tanggal": "2026-05-04",
        "tahun": 2027,
        "units": [s.world.puskesmas.pk],
        "participant_count": 9,
        "participant_description": "Perawat puskesmas",
        "fasilitator": "Kepala Puskesmas",
        "ringkasan": "Perawat ingin belajar e-Kinerja.",
    }


WRITES: list[tuple[str, Callable[[Scene], tuple[str, Any]], set[str]]] = [
    ("survey create", lambda s: (reverse("surveys:create"), _survey_fields(s)), ADMINS),
    (
        "survey edit",
        lambda s: (
            reverse("surveys:edit", args=[s.survey.pk]),
            _survey_fields(s, judul="Survei diubah", use_template=""),
        ),
        ADMINS,
    ),
    ("publish", lambda s: (reverse("surveys:publish", args=[s.draft.pk]), {}), ADMINS),
    (
        "question create",
        lambda s: (reverse("surveys:question_create", args=[s.draft.pk]), _question_post(s)),
        ADMINS,
    ),
    (
        "question edit",
        lambda s: (
            reverse("surveys:question_edit", args=[s.draft.pk, _q(s)]),
            {"kind": "topik", "teks": "Topik?", "items": "A | M.1\nB", "is_required": "on"},
        ),
        ADMINS,
    ),
    (
        "question delete",
        lambda s: (reverse("surveys:question_delete", args=[s.draft.pk, _q(s)]), {}),
        ADMINS,
    ),
    (
        "recompute factors",
        lambda s: (reverse("surveys:recompute_factors", args=[s.survey.pk]), {}),
        ADMINS,
    ),
    (
        "answer",
        lambda s: (reverse("surveys:answer", args=[s.survey.pk]), _answer_post(s)),
        {"employee"},  # the supervisor has answered already
    ),
    (
        "fgd create",
        lambda s: (reverse("surveys:fgd_create"), _note_post(s)),
        ADMINS | {"opd_admin"},
    ),
    (
        "fgd edit",
        lambda s: (reverse("surveys:fgd_edit", args=[s.note_puskesmas.pk]), _note_post(s)),
        ADMINS | {"opd_admin"},
    ),
    (
        "conclusion add",
        lambda s: (
            reverse("surveys:fgd_conclusion_add", args=[s.note_puskesmas.pk]),
            {"teks": "Perlu coaching", "kompetensi": "M.6", "factor": "1,1"},
        ),
        ADMINS | {"opd_admin"},
    ),
    (
        "conclusion delete",
        lambda s: (
            reverse("surveys:fgd_conclusion_delete", args=[s.note_puskesmas.pk, s.conclusion.pk]),
            {},
        ),
        ADMINS | {"opd_admin"},
    ),
    (
        "apply factors",
        lambda s: (reverse("surveys:fgd_apply_factors", args=[s.note_puskesmas.pk]), {}),
        ADMINS,
    ),
    (
        "attachment upload",
        lambda s: (
            reverse("surveys:fgd_attachment_upload", args=[s.note_puskesmas.pk]),
            {"file": SimpleUploadedFile("rekap.xlsx", b"PK\x03\x04" + b"\x00" * 20)},
        ),
        ADMINS | {"opd_admin"},
    ),
    (
        "attachment delete (kecamatan)",
        lambda s: (
            reverse("surveys:fgd_attachment_delete", args=[s.note_kecamatan.pk, s.attachment.pk]),
            {},
        ),
        ADMINS,
    ),
]


@pytest.mark.parametrize("name,build,allowed", WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_write_per_persona(
    client,
    scene: Scene,
    _private_media: Path,
    django_capture_on_commit_callbacks: Any,
    name: str,
    build: Callable[[Scene], tuple[str, Any]],
    allowed: set[str],
    persona: str,
) -> None:
    url, data = build(scene)
    before = _state(_private_media)
    client.force_login(scene.world.user(persona))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    if persona in allowed:
        assert response.status_code == 302, response.content.decode()[:3000]
        after = _state(_private_media)
        assert after["audit"] > before["audit"]
        assert after != before
    else:
        # refused by access (403/404) or, for a choice outside the user's scope, as a form error
        assert response.status_code in (200, 403, 404)
        assert _state(_private_media) == before, f"{persona} changed data through {name}"


def test_outsider_cannot_create_a_survey_in_another_instansi(client, scene: Scene) -> None:
    client.force_login(scene.world.user("outsider"))
    response = client.post(reverse("surveys:create"), _survey_fields(scene))
    assert response.status_code == 200
    assert not Survey.objects.filter(judul="Survei Kebutuhan Pelatihan Kecamatan").exists()


def test_survey_for_the_kecamatan_is_not_shown_to_the_dinkes_admin(
    client, world: World, egov_competency: Competency
) -> None:
    survey = make_survey(world, target_units=[world.kecamatan])
    client.force_login(world.user("opd_admin"))
    assert client.get(reverse("surveys:results", args=[survey.pk])).status_code == 404
    client.force_login(world.user("employee"))
    assert client.get(reverse("surveys:answer", args=[survey.pk])).status_code == 404
