"""Pages of the annual plan: list, detail with its programs and pins, optimiser runs with
their progress, why an ASN was chosen, scenarios side by side, exports, and "my plan"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny, get_visible_or_404
from bangkom.core.errors import ConflictError, ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.paging import paginate
from bangkom.organisation.access import employees_for_user
from bangkom.organisation.models import Employee, Instansi
from bangkom.organisation.plan_year import current_plan_year, plan_year_set
from bangkom.planning import selectors
from bangkom.planning.access import (
    can_approve_plan,
    can_write_plan,
    get_plan_for_user,
    get_run_for_user,
    plan_instansi_for_user,
    plan_units_for_user,
    plans_for_user,
)
from bangkom.planning.forms import (
    ApproveForm,
    PinForm,
    PlanCreateForm,
    PlanEditForm,
    PlanProgramForm,
    ReturnForm,
    ScenarioForm,
    SubmitForm,
    VersionedForm,
    add_rule_errors,
)
from bangkom.planning.models import (
    Plan,
    PlanProgram,
    PlanRun,
    PlanStatus,
    ProgramTemplate,
    RunAssignment,
    RunStatus,
)
from bangkom.planning.runs import explain_for, scenario_difference
from bangkom.planning.services import (
    pin_set,
    plan_approve,
    plan_create,
    plan_errors,
    plan_program_errors,
    plan_program_remove,
    plan_program_save,
    plan_return_to_draft,
    plan_run_start,
    plan_submit,
    plan_update,
    scenario_create,
)

# ----------------------------------------------------------------------------- list and create


@login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (scope.read_instansi_ids or scope.opd_units):
        raise deny()
    plans = plans_for_user(request.user).order_by("-tahun", "instansi__nama", "unit__path")
    own = set(scope.read_instansi_ids) | {inst for inst, _path in scope.opd_units}
    years = [
        (instansi, current_plan_year(instansi), scope.can_admin(instansi.pk))
        for instansi in Instansi.objects.filter(pk__in=own).order_by("nama")
    ]
    return render(
        request,
        "planning/plan_list.html",
        {
            **paginate(request, plans),
            "can_create": plan_instansi_for_user(request.user).exists(),
            "plan_years": years,
        },
    )


@login_required
@require_POST
def plan_year_view(request: HttpRequest) -> HttpResponse:
    """A BKPSDM admin chooses the instansi's current planning year (empty = the calendar year)."""
    instansi = get_visible_or_404(Instansi.objects.all(), request.POST.get("instansi"))
    if not scope_for(request.user).can_admin(instansi.pk):
        raise deny(_("Hanya admin BKPSDM yang mengubah tahun rencana berjalan."))
    raw = request.POST.get("tahun", "").strip()
    try:
        plan_year_set(instansi=instansi, tahun=int(raw) if raw else None, acting_user=request.user)
    except (ValueError, ServiceError):
        messages.error(request, _("Tahun rencana harus angka antara 2000 dan 2100."))
    else:
        messages.success(
            request,
            _("Tahun rencana berjalan %(nama)s: %(tahun)d.")
            % {"nama": instansi.nama, "tahun": current_plan_year(instansi)},
        )
    return redirect("planning:plan_list")


@login_required
@require_http_methods(["GET", "POST"])
def plan_create_view(request: HttpRequest) -> HttpResponse:
    instansi_qs = plan_instansi_for_user(request.user)
    requested = request.GET.get("instansi", "")
    instansi = (
        instansi_qs.filter(pk=int(requested)).first() if requested.isdigit() else None
    ) or instansi_qs.first()
    if instansi is None:
        raise deny()
    scope = scope_for(request.user)
    whole = scope.can_admin(instansi.pk)
    form = PlanCreateForm(
        request.POST or None,
        units_qs=plan_units_for_user(request.user, instansi).order_by("path"),
        allow_whole=whole,
        initial={
            "judul": _("Rencana Pengembangan Kompetensi %s") % instansi.nama,
            "tahun": current_plan_year(instansi),
        },
    )
    if request.method == "POST" and not form.is_valid():
        add_rule_errors(form, plan_errors(form.cleaned_data))
    elif request.method == "POST":
        data = form.cleaned_data
        try:
            plan = plan_create(
                instansi=instansi,
                tahun=data["tahun"],
                unit=data["unit"],
                judul=data["judul"],
                pagu=data["pagu"],
                jp_target=data["jp_target"],
                max_hari=data["max_hari"],
                max_jp_per_asn=data.get("max_jp_per_asn"),
                max_program_per_asn=data.get("max_program_per_asn"),
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Rencana %s dibuat.") % plan.judul)
            return redirect("planning:plan_detail", plan.pk)
    return render(request, "planning/plan_create.html", {"form": form, "instansi": instansi})


# ----------------------------------------------------------------------------- detail


def _plan_context(request: HttpRequest, plan: Plan, **forms: Any) -> dict[str, Any]:
    writable = can_write_plan(request.user, plan)
    editable = writable and plan.is_draft
    runs = list(selectors.plan_runs(plan)[:20])
    latest = next((r for r in runs if r.status == RunStatus.DONE and r.parent_id is None), None)
    templates = ProgramTemplate.objects.filter(instansi=plan.instansi, is_active=True).exclude(
        pk__in=PlanProgram.objects.filter(plan=plan).values("template_id")
    )
    version = {"version": plan.version}
    overlaps = selectors.plan_overlaps(plan) if plan.status == PlanStatus.SUBMITTED else []
    return {
        "plan": plan,
        "programs": selectors.plan_programs(plan),
        "pins": selectors.plan_pins(plan),
        "runs": runs,
        "active_run": next((r for r in runs if not r.is_finished), None),
        "latest": latest,
        "can_write": writable,
        "can_edit": editable,
        "can_approve": can_approve_plan(request.user, plan),
        "edit_form": forms.get("edit_form")
        or PlanEditForm(
            initial={
                **version,
                **{n: getattr(plan, n) for n in PlanEditForm.base_fields if n != "version"},
            }
        ),
        "program_form": forms.get("program_form")
        or PlanProgramForm(
            initial={**version, "max_angkatan": 4, "min_angkatan": 0}, templates_qs=templates
        ),
        "pin_form": forms.get("pin_form") or PinForm(initial=version),
        "approve_form": forms.get("approve_form")
        or ApproveForm(initial=version, overlaps=bool(overlaps)),
        "overlaps": overlaps,
        "return_form": forms.get("return_form") or ReturnForm(initial=version),
        "version": plan.version,
        "statuses": PlanStatus,
        "needs_count": selectors.plan_needs_count(plan),
    }


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    return render(request, "planning/plan_detail.html", _plan_context(request, plan))


def _rerender(request: HttpRequest, plan: Plan, exc: ServiceError, **forms: Any) -> HttpResponse:
    """The plan page again with the user's input kept and the message shown; after a conflict
    the form carries the current version, so saving again is a conscious choice."""
    current = Plan.objects.select_related("instansi", "unit").get(pk=plan.pk)
    for form in forms.values():
        if isinstance(exc, ConflictError):
            form.data = form.data.copy()
            form.data["version"] = str(current.version)
        apply_service_errors(form, exc)
    context = _plan_context(request, current, **forms)
    context["conflict"] = isinstance(exc, ConflictError)
    return render(
        request, "planning/plan_detail.html", context, status=409 if context["conflict"] else 200
    )


@login_required
@require_POST
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, for_write=True)
    form = PlanEditForm(request.POST)
    if not form.is_valid():
        add_rule_errors(form, plan_errors(form.cleaned_data))
        return render(
            request, "planning/plan_detail.html", _plan_context(request, plan, edit_form=form)
        )
    data = dict(form.cleaned_data)
    expected = data.pop("version")
    try:
        plan_update(plan=plan, expected_version=expected, data=data, acting_user=request.user)
    except ServiceError as exc:
        return _rerender(request, plan, exc, edit_form=form)
    messages.success(request, _("Rencana disimpan."))
    return redirect("planning:plan_detail", plan.pk)


@login_required
@require_POST
def plan_program_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, for_write=True)
    templates = ProgramTemplate.objects.filter(instansi=plan.instansi)
    form = PlanProgramForm(request.POST, templates_qs=templates)
    if not form.is_valid():
        add_rule_errors(form, plan_program_errors(form.cleaned_data))
        return render(
            request, "planning/plan_detail.html", _plan_context(request, plan, program_form=form)
        )
    data = form.cleaned_data
    try:
        plan_program_save(
            plan=plan,
            expected_version=data["version"],
            template=data["template"],
            max_angkatan=data["max_angkatan"],
            min_angkatan=data.get("min_angkatan") or 0,
            jadwal_bulan=data["jadwal_bulan"],
            kesesuaian_kurikulum=data["kesesuaian_kurikulum"],
            acting_user=request.user,
        )
    except ServiceError as exc:
        return _rerender(request, plan, exc, program_form=form)
    messages.success(request, _("Program %s ditambahkan ke rencana.") % data["template"].kode)
    return redirect("planning:plan_detail", plan.pk)


def _version_or_400(request: HttpRequest) -> int:
    form = VersionedForm(request.POST)
    if not form.is_valid():
        raise Http404(_("Versi rencana tidak terbaca."))
    return int(form.cleaned_data["version"])


def _post_action(request: HttpRequest, plan: Plan, action: Any, success: str) -> HttpResponse:
    try:
        action()
    except ConflictError as exc:
        messages.error(request, exc.messages[0])
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect("planning:plan_detail", plan.pk)


@login_required
@require_POST
def plan_program_remove_view(request: HttpRequest, pk: int, program_pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, for_write=True)
    program = get_visible_or_404(
        PlanProgram.objects.filter(plan=plan).select_related("template"), program_pk
    )
    version = _version_or_400(request)
    return _post_action(
        request,
        plan,
        lambda: plan_program_remove(
            plan=plan, expected_version=version, program=program, acting_user=request.user
        ),
        _("Program %s dikeluarkan dari rencana.") % program.template.kode,
    )


@login_required
@require_POST
def pin_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, for_write=True)
    form = PinForm(request.POST)
    if not form.is_valid():
        return render(
            request, "planning/plan_detail.html", _plan_context(request, plan, pin_form=form)
        )
    data = form.cleaned_data
    employee = (
        employees_for_user(request.user)
        .filter(instansi=plan.instansi, nip=data["nip"].strip())
        .select_related("unit")
        .first()
    )
    if employee is None:
        form.add_error("nip", _("Pegawai dengan NIP ini tidak ditemukan di instansi rencana."))
        return render(
            request, "planning/plan_detail.html", _plan_context(request, plan, pin_form=form)
        )
    program = get_visible_or_404(
        PlanProgram.objects.filter(plan=plan).select_related("template"), data["program"]
    )
    assign = {"ikut": True, "larang": False, "lepas": None}[data["keputusan"]]
    try:
        pin_set(
            plan=plan,
            expected_version=data["version"],
            employee=employee,
            program=program,
            assign=assign,
            acting_user=request.user,
        )
    except ServiceError as exc:
        return _rerender(request, plan, exc, pin_form=form)
    messages.success(
        request,
        _("Patokan %(nama)s → %(program)s disimpan. Jalankan optimasi lagi untuk menerapkannya.")
        % {"nama": employee.display_name, "program": program.template.kode},
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("planning:plan_detail", args=[plan.pk])
    return redirect(target)


# ----------------------------------------------------------------------------- workflow


@login_required
@require_POST
def plan_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, for_write=True)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        raise Http404
    run = get_visible_or_404(PlanRun.objects.filter(plan=plan), form.cleaned_data["run"])
    return _post_action(
        request,
        plan,
        lambda: plan_submit(
            plan=plan,
            expected_version=form.cleaned_data["version"],
            run=run,
            acting_user=request.user,
        ),
        _("Rencana diajukan untuk disetujui."),
    )


@login_required
@require_POST
def plan_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    if not can_approve_plan(request.user, plan):
        raise deny(_("Hanya admin BKPSDM yang mencatat persetujuan rencana."))
    form = ApproveForm(request.POST, overlaps=bool(selectors.plan_overlaps(plan)))
    if not form.is_valid():
        return render(
            request, "planning/plan_detail.html", _plan_context(request, plan, approve_form=form)
        )
    data = form.cleaned_data
    try:
        plan_approve(
            plan=plan,
            expected_version=data["version"],
            nama=data["nama"],
            jabatan=data["jabatan"],
            acting_user=request.user,
            confirm_overlaps=bool(data.get("konfirmasi")),
        )
    except ServiceError as exc:
        return _rerender(request, plan, exc, approve_form=form)
    messages.success(request, _("Rencana disetujui."))
    return redirect("planning:plan_detail", plan.pk)


@login_required
@require_POST
def plan_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    if not can_approve_plan(request.user, plan):
        raise deny(_("Hanya admin BKPSDM yang dapat mengembalikan rencana ke draf."))
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return render(
            request, "planning/plan_detail.html", _plan_context(request, plan, return_form=form)
        )
    try:
        plan_return_to_draft(
            plan=plan,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
            acting_user=request.user,
        )
    except ServiceError as exc:
        return _rerender(request, plan, exc, return_form=form)
    messages.success(request, _("Rencana dikembalikan ke draf."))
    return redirect("planning:plan_detail", plan.pk)


# ----------------------------------------------------------------------------- runs


@login_required
@require_POST
def plan_run_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, for_write=True)
    version = _version_or_400(request)
    return _post_action(
        request,
        plan,
        lambda: plan_run_start(plan=plan, expected_version=version, acting_user=request.user),
        _("Optimasi dijalankan di latar belakang; halaman ini memperbarui kemajuannya."),
    )


@login_required
@require_GET
def run_status(request: HttpRequest, pk: int, run_pk: int) -> HttpResponse:
    """The run's status and progress; polled by htmx every 2 s until it finishes, then the page
    reloads to show the result."""
    plan, run = get_run_for_user(request.user, pk, run_pk)
    response = render(request, "planning/run_status.html", {"plan": plan, "run": run})
    if run.is_finished and request.headers.get("HX-Request") and request.GET.get("poll"):
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_GET
def run_detail(request: HttpRequest, pk: int, run_pk: int) -> HttpResponse:
    plan, run = get_run_for_user(request.user, pk, run_pk)
    assignments = selectors.run_assignments(run)
    return render(
        request,
        "planning/run_detail.html",
        {
            "plan": plan,
            "run": run,
            **paginate(request, assignments, per_page=50),
            "totals": selectors.run_program_totals(run) if run.status == RunStatus.DONE else [],
            "can_write": can_write_plan(request.user, plan) and plan.is_draft,
            "can_submit": can_write_plan(request.user, plan)
            and plan.is_draft
            and run.has_plan
            and not run.is_empty,
            "scenario_form": ScenarioForm(),
            "other_runs": selectors.plan_runs(plan)
            .filter(status=RunStatus.DONE)
            .exclude(pk=run.pk),
        },
    )


@login_required
@require_GET
def assignment_why(request: HttpRequest, pk: int, run_pk: int, employee_pk: int) -> HttpResponse:
    plan, run = get_run_for_user(request.user, pk, run_pk)
    if run.status != RunStatus.DONE:
        raise Http404(_("Optimasi belum selesai."))
    employee = get_visible_or_404(
        Employee.objects.filter(instansi=plan.instansi).select_related("unit", "position"),
        employee_pk,
    )
    why = explain_for(run, employee)
    if not why.in_instance:
        raise Http404(_("Pegawai ini tidak termasuk dalam optimasi ini."))
    return render(
        request,
        "planning/assignment_why.html",
        {
            "plan": plan,
            "run": run,
            "employee": employee,
            "why": why,
            "programs": selectors.plan_programs(plan),
            "can_pin": can_write_plan(request.user, plan) and plan.is_draft,
        },
    )


@login_required
@require_POST
def scenario_view(request: HttpRequest, pk: int, run_pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, for_write=True)
    run = get_visible_or_404(PlanRun.objects.filter(plan=plan), run_pk)
    form = ScenarioForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tulis perubahan anggaran antara −100 dan 100 persen."))
        return redirect("planning:run_detail", plan.pk, run.pk)
    percent = form.cleaned_data["persen"]
    budget = max(0, run.budget * (100 + percent) // 100)
    label = _("Anggaran %(sign)s%(p)d%%") % {
        "sign": "+" if percent >= 0 else "−",
        "p": abs(percent),
    }
    try:
        scenario = scenario_create(run=run, budget=budget, label=label, acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("planning:run_detail", plan.pk, run.pk)
    messages.success(request, _("Skenario %s dijalankan di latar belakang.") % label)
    return redirect(reverse("planning:compare", args=[plan.pk]) + f"?a={run.pk}&b={scenario.pk}")


@login_required
@require_GET
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    runs = PlanRun.objects.filter(plan=plan).defer("instance_json", "evidence_json")
    a = get_visible_or_404(runs, request.GET.get("a"))
    b = get_visible_or_404(runs, request.GET.get("b"))
    context: dict[str, Any] = {
        "plan": plan,
        "a": a,
        "b": b,
        "ready": a.status == b.status == RunStatus.DONE,
    }
    if context["ready"]:
        diff = scenario_difference(a, b)
        employees = Employee.objects.in_bulk({e for e, _p in diff["dropped"] | diff["added"]})
        programs = {p.pk: p for p in selectors.plan_programs(plan)}

        def rows(pairs: set[tuple[int, int]]) -> list[tuple[Employee, PlanProgram]]:
            found = [
                (employees[e], programs[p]) for e, p in pairs if e in employees and p in programs
            ]
            return sorted(found, key=lambda r: (r[1].template.kode, r[0].nama))

        context.update(
            dropped=rows(diff["dropped"]),
            added=rows(diff["added"]),
            batches_dropped=[
                (programs[int(p)], n)
                for p, n in sorted(diff["batches_dropped"].items())
                if int(p) in programs
            ],
        )
    return render(request, "planning/compare.html", context)


# ----------------------------------------------------------------------------- exports


def _export_run(request: HttpRequest, plan: Plan) -> PlanRun:
    runs = PlanRun.objects.filter(plan=plan, status=RunStatus.DONE)
    if request.GET.get("run"):
        return get_visible_or_404(runs, request.GET["run"])
    run = plan.adopted_run if plan.adopted_run_id else selectors.latest_finished_run(plan)
    if run is None:
        raise Http404(_("Belum ada hasil optimasi untuk diekspor."))
    return run


@login_required
@require_GET
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    from bangkom.planning.exports import XLSX_CONTENT_TYPE, plan_xlsx

    plan = get_plan_for_user(request.user, pk)
    run = _export_run(request, plan)
    response = HttpResponse(plan_xlsx(plan, run), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="rencana-{plan.tahun}-{plan.pk}.xlsx"'
    return response


@login_required
@require_GET
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from bangkom.planning.exports import plan_pdf

    plan = get_plan_for_user(request.user, pk)
    run = _export_run(request, plan)
    response = HttpResponse(plan_pdf(plan, run), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rencana-{plan.tahun}-{plan.pk}.pdf"'
    return response


# ----------------------------------------------------------------------------- my plan


@login_required
@require_GET
def my_plan(request: HttpRequest) -> HttpResponse:
    """An ASN's own assignments in approved plans (the adopted run of each)."""
    scope = scope_for(request.user)
    if not scope.employee_id:
        raise PermissionDenied(
            _("Halaman ini untuk ASN yang akunnya terhubung dengan data pegawai.")
        )
    assignments = (
        RunAssignment.objects.filter(
            employee_id=scope.employee_id,
            run__plan__status=PlanStatus.APPROVED,
            run__plan__adopted_run=F("run_id"),
        )
        .select_related("run__plan", "program__template", "program__template__bentuk")
        .order_by("-run__plan__tahun", "program__template__kode")
    )
    return render(request, "planning/my_plan.html", {"assignments": assignments})
