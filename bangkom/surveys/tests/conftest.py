"""Survey fixtures on top of the persona world (bangkom/testing/world.py).

``survey`` is the built-in questionnaire of Kota Uji, published and open today, targeting the
whole instansi. ``answer`` submits through the service with answers given by item label.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pytest
from django.utils import timezone

from bangkom.competencies.models import Competency, CompetencyKind
from bangkom.lib.nip import make_nip
from bangkom.organisation.models import Employee, Position, Unit
from bangkom.organisation.services import EmployeeData, employee_save
from bangkom.surveys.models import Question, QuestionKind, Survey, SurveyResponse
from bangkom.surveys.services import SurveyData, response_submit, survey_create, survey_publish
from bangkom.testing.world import World

EGOV = "Menggunakan aplikasi e-government (SRIKANDI, e-Kinerja, OSS-RBA, SIASN)"
TOPIC = "Penggunaan aplikasi e-government"


@pytest.fixture
def egov_competency(world: World) -> Competency:
    return Competency.objects.create(
        instansi=world.instansi,
        kode="T.1",
        nama="Penggunaan Aplikasi E-Government",
        jenis=CompetencyKind.TEKNIS,
    )


def make_survey(world: World, *, publish: bool = True, **overrides: Any) -> Survey:
    today = timezone.localdate()
    fields: dict[str, Any] = {
        "judul": "Survei Kebutuhan Pelatihan ASN 2027",
        "tahun": 2027,
        "opens_on": today - datetime.timedelta(days=1),
        "closes_on": today + datetime.timedelta(days=14),
    }
    fields.update(overrides)
    survey = survey_create(
        instansi=world.instansi,
        data=SurveyData(**fields),
        use_template=True,
        acting_user=world.user("bkpsdm"),
    )
    if publish:
        survey_publish(survey=survey, acting_user=world.user("bkpsdm"))
        survey.refresh_from_db()
    return survey


@pytest.fixture
def survey(world: World, egov_competency: Competency) -> Survey:
    return make_survey(world)


def question(survey: Survey, kind: str) -> Question:
    return survey.questions.get(kind=kind)


def full_answers(
    survey: Survey,
    *,
    confidence: Mapping[str, int] | int = 3,
    topics: Sequence[str] = ("Manajemen waktu",),
    forms: Sequence[str] = ("E-learning",),
    times: Sequence[str] = ("Hari kerja, pagi",),
    text: str = "",
) -> dict[int, Any]:
    """Answers to every question of the built-in template, by item label; tasks not named in
    ``confidence`` get 3 (or ``confidence`` itself when it is a number)."""
    answers: dict[int, Any] = {}
    for q in survey.questions.prefetch_related("items"):
        items = {item.label: item.pk for item in q.items.all()}
        if q.kind == QuestionKind.CONFIDENCE:
            answers[q.pk] = {
                pk: (confidence if isinstance(confidence, int) else confidence.get(label, 3))
                for label, pk in items.items()
            }
        elif q.kind == QuestionKind.TOPICS:
            answers[q.pk] = [items[label] for label in topics]
        elif q.kind == QuestionKind.FORMS:
            answers[q.pk] = [items[label] for label in forms]
        elif q.kind == QuestionKind.TIMES:
            answers[q.pk] = [items[label] for label in times]
        else:
            answers[q.pk] = text
    return answers


def submit(survey: Survey, employee: Employee, **kwargs: Any) -> SurveyResponse:
    return response_submit(
        survey=survey,
        employee=employee,
        answers=full_answers(survey, **kwargs),
        acting_user=getattr(employee, "user", None),
    )


@pytest.fixture
def add_employees(world: World) -> Callable[..., list[Employee]]:
    """Active ASN in ``position`` (and its unit), with NIPs that never collide."""
    serial = iter(range(100, 1000))

    def add(position: Position, count: int, *, unit: Unit | None = None) -> list[Employee]:
        created = []
        for _i in range(count):
            number = next(serial)
            created.append(
                employee_save(
                    instansi=position.instansi,
                    data=EmployeeData(
                        nip=make_nip(
                            datetime.date(1990, 1, 1 + number % 28),
                            datetime.date(2016, 3, 1),
                            "P",
                            number,
                        ),
                        nama=f"Pegawai Uji {number}",
                        unit=unit or position.unit,
                        position=position,
                    ),
                    acting_user=None,
                )
            )
        return created

    return add


@pytest.fixture
def answered(world: World, survey: Survey, add_employees: Callable[..., Any]) -> Survey:
    """Dinas Kesehatan (all in Puskesmas Alak): e-government confidence 1, 2, 4, 3 from two
    nurses, the head and a third nurse; a fourth nurse does not answer. Kecamatan Alak: 1, 2, 2,
    every one of its three staff wanting the e-government topic."""
    nurse3, _silent = add_employees(world.perawat, 2)
    staff2, staff3 = add_employees(world.staf_kecamatan, 2)
    submit(survey, world.employee, confidence={EGOV: 1}, topics=[TOPIC])
    submit(survey, world.colleague, confidence={EGOV: 2})
    submit(survey, world.supervisor, confidence={EGOV: 4}, forms=["Workshop / lokakarya"])
    submit(survey, nurse3, confidence={EGOV: 3})
    for employee, value in ((world.kecamatan_staff, 1), (staff2, 2), (staff3, 2)):
        submit(survey, employee, confidence={EGOV: value}, topics=[TOPIC, "Manajemen waktu"])
    return survey


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Any) -> Any:
    """Attachments go to a throwaway MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_note(world: World, *, units: Sequence[Unit] = (), **overrides: Any) -> Any:
    from bangkom.surveys.discussions import NoteData, note_save

    fields: dict[str, Any] = {
        "judul": "FGD kesiapan layanan digital",
        "tahun": 2027,
        "tanggal": timezone.localdate(),
        "participant_count": 12,
        "participant_description": "Staf pelayanan dan kepala seksi",
        "fasilitator": "Widyaiswara BKPSDM",
        "ringkasan": "Peserta kesulitan memakai SRIKANDI untuk naskah dinas.",
        "units": list(units),
    }
    fields.update(overrides)
    return note_save(
        instansi=world.instansi, data=NoteData(**fields), acting_user=world.user("bkpsdm")
    )
