"""A plan with nothing to plan (issue 9, item 4): the pages say why, with the way to compute the
needs, and an empty result is neither offered for submission nor accepted by the service."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bangkom.core.errors import ServiceError
from bangkom.planning.models import Plan, PlanStatus
from bangkom.planning.services import plan_run_start, plan_submit
from bangkom.planning.tests.conftest import give_needs, make_template


def test_plan_without_needs_says_why_and_cannot_be_submitted(  # type: ignore[no-untyped-def]
    client, world, make_plan, django_capture_on_commit_callbacks
) -> None:
    give_needs(world.employee, {"M.3": (1, "1")})  # 2026 needs; the plan is for 2027
    plan = make_plan([make_template(world, "A", {"M.3": 1})], tahun=2027)
    admin = world.user("bkpsdm")
    client.force_login(admin)
    needs_link = f"{reverse('needs:overview')}?instansi={world.instansi.pk}&amp;tahun=2027"

    page = client.get(reverse("planning:plan_detail", args=[plan.pk])).content.decode()
    assert "Belum ada data kebutuhan ASN tahun 2027" in page
    assert needs_link in page

    with django_capture_on_commit_callbacks(execute=True):
        run = plan_run_start(plan=plan, expected_version=plan.version, acting_user=admin)
    run.refresh_from_db()
    assert run.solver_status == "optimal" and run.is_empty

    page = client.get(reverse("planning:run_detail", args=[plan.pk, run.pk])).content.decode()
    assert "tidak ada yang direncanakan" in page
    assert "belum ada ASN dengan data kebutuhan tahun 2027" in page
    assert needs_link in page
    assert "Ajukan rencana dengan hasil ini" not in page
    page = client.get(reverse("planning:plan_detail", args=[plan.pk])).content.decode()
    assert "Selesai (tidak ada yang direncanakan)" in page
    assert "(optimal)" not in page

    with pytest.raises(ServiceError, match="rencana kosong"):
        plan_submit(plan=plan, expected_version=plan.version, run=run, acting_user=admin)
    response = client.post(
        reverse("planning:plan_submit", args=[plan.pk]), {"version": plan.version, "run": run.pk}
    )
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT
