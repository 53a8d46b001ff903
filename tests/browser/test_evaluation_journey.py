"""Evaluation journeys: a participant answers the reaction questionnaire of their batch on a
390 px phone (a missing item is named, the answer is saved once and anonymously, the page never
scrolls sideways); a planner confirms the suggested decision and the follow-up action appears,
overdue after its due date."""

from __future__ import annotations

from fractions import Fraction

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from bangkom.delivery.models import Batch, Enrolment
from bangkom.delivery.services import batches_from_plan
from bangkom.delivery.tests.conftest import approve
from bangkom.evaluation.models import (
    BatchDecision,
    FollowUpAction,
    ReactionResponse,
    ReactionSubmission,
)
from bangkom.evaluation.services import reaction_submit, scores_import
from bangkom.evaluation.tests.conftest import draft_plan_with_placements as draft_plan
from bangkom.organisation.services import EmployeeData, employee_save
from bangkom.testing.world import PASSWORD, build_world

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 390


def test_participant_answers_the_reaction_questionnaire_on_a_phone(
    live_server, phone_page: Page
) -> None:
    world = build_world()
    plan, workshop, _online, run = draft_plan(world)
    batches_from_plan(plan=approve(plan, run, world), acting_user=None)
    batch = Batch.objects.get(plan_program=workshop, sequence=1)
    page = phone_page
    base = live_server.url
    login(page, base, "employee", PASSWORD)

    page.goto(base + reverse("evaluation:my_reactions"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluasi pelatihan saya")
    page.locator(f'a[href="{reverse("evaluation:reaction_form", args=[batch.pk])}"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluasi reaksi")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH

    choices = {
        "material": "4 · Baik",
        "trainers": "5 · Sangat baik",
        "organisation": "4 · Baik",
        "facilities": "3 · Cukup",
    }
    for item, label in choices.items():
        page.locator(f"#item-{item}").get_by_label(label).check()
    page.get_by_label("Saran dan komentar (tidak wajib)").fill("Tambah porsi praktik.")
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.locator("#item-relevance + .errorlist")).to_contain_text("Pilih nilai 1 sampai 5.")
    assert ReactionResponse.objects.count() == 0

    page.locator("#item-relevance").get_by_label("5 · Sangat baik").check()
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_text("Terima kasih, jawaban Anda tersimpan tanpa nama.")).to_be_visible()
    expect(page.get_by_text("Sudah diisi")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH

    answer = ReactionResponse.objects.get()
    assert (answer.material, answer.trainers, answer.facilities, answer.relevance) == (4, 5, 3, 5)
    assert answer.comment == "Tambah porsi praktik."
    assert ReactionSubmission.objects.get().enrolment.employee == world.employee

    page.goto(base + reverse("evaluation:reaction_form", args=[batch.pk]))
    expect(page.get_by_text("Anda sudah mengisi evaluasi angkatan ini.")).to_be_visible()
    assert ReactionResponse.objects.count() == 1


def test_planner_confirms_the_suggested_decision_and_tracks_a_follow_up(
    live_server, page: Page
) -> None:
    world = build_world()
    plan, workshop, _online, run = draft_plan(world)
    batches_from_plan(plan=approve(plan, run, world), acting_user=None)
    batch = Batch.objects.get(plan_program=workshop, sequence=1)
    enrolments = list(Enrolment.objects.filter(batch=batch))
    for n in range(1, 5):
        employee = employee_save(
            instansi=world.instansi,
            data=EmployeeData(
                nip=f"199001012015011{n:03d}",
                nama=f"Peserta {n}",
                unit=world.perawat.unit,
                position=world.perawat,
            ),
            acting_user=None,
        )
        enrolments.append(Enrolment.objects.create(batch=batch, employee=employee))
    rows = "\n".join(f"{e.employee.nip};{40 + 2 * i};{75 + i}" for i, e in enumerate(enrolments))
    scores_import(
        batch=batch, text=f"nip;pre;post\n{rows}\n", max_score=Fraction(100), acting_user=None
    )
    for enrolment in enrolments[:5]:
        reaction_submit(
            enrolment=enrolment,
            answers={
                "material": 5,
                "trainers": 4,
                "organisation": 4,
                "facilities": 4,
                "relevance": 5,
            },
            acting_user=None,
        )

    base = live_server.url
    login(page, base, "bkpsdm", PASSWORD)
    page.goto(base + reverse("evaluation:batch", args=[batch.pk]))
    expect(page.locator("[data-suggestion]")).to_have_text("Lanjutkan")
    expect(page.locator("[data-rule]")).to_contain_text("Peningkatan signifikan")
    expect(page.locator("[data-stat=verdict]")).to_have_text("peningkatan signifikan")
    page.get_by_role("button", name="Simpan keputusan").click()
    expect(page.get_by_text("Keputusan tersimpan.")).to_be_visible()
    expect(page.locator("[data-decision]")).to_have_text("Lanjutkan")

    page.get_by_label("Tindak lanjut", exact=False).last.fill("Tambah porsi praktik")
    page.get_by_label("Penanggung jawab").select_option(label="bkpsdm")
    page.get_by_label("Tenggat").fill("2027-06-30")
    page.get_by_role("button", name="Tambah tindak lanjut").click()
    expect(page.get_by_text("Tindak lanjut ditambahkan.")).to_be_visible()
    expect(page.get_by_role("cell", name="Tambah porsi praktik")).to_be_visible()

    page.goto(base + reverse("evaluation:action_list") + "?per=2027-07-01")
    expect(page.locator("tr[data-overdue]")).to_contain_text("Tambah porsi praktik")
    assert BatchDecision.objects.get().decision == "continue"
    assert FollowUpAction.objects.get().due_date.isoformat() == "2027-06-30"
