"""A participant answers the reaction questionnaire of their batch on a 390 px phone: a missing
item is named, the answer is saved once and anonymously, and the page never scrolls sideways."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from bangkom.delivery.models import Batch
from bangkom.delivery.services import batches_from_plan
from bangkom.delivery.tests.conftest import approve, draft_plan
from bangkom.evaluation.models import ReactionResponse, ReactionSubmission
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
