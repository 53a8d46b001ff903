"""Pages for assessments: rounds, self-assessment, the supervisor grid, calibration, the
employee's own ratings and gaps, SKP shortfall links and the instansi's rules."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bangkom.accounts.scope import scope_for
from bangkom.assessments import access, selectors
from bangkom.assessments.combination import DEFAULT_ORDER
from bangkom.assessments.forms import (
    CalibrationForm,
    RoundForm,
    RulesForm,
    grid_field,
    level_field,
    note_field,
    posted_grid,
    posted_levels,
)
from bangkom.assessments.levels import rule_for
from bangkom.assessments.models import (
    AssessmentRound,
    AssessmentSource,
    RoundStatus,
)
from bangkom.assessments.performance import (
    shortfall_factors_for,
)
from bangkom.assessments.services import (
    RatingInput,
    RulesData,
    assessment_rules_set,
    calibration_set,
    round_close,
    round_create,
    self_assessment_submit,
    supervisor_assessments_submit,
)
from bangkom.competencies.models import Competency
from bangkom.core.access import deny
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.paging import paginate
from bangkom.organisation.models import Employee, Instansi


def _round_state(assessment_round: AssessmentRound | None) -> str:
    """``open``, ``not_yet``, ``ended`` or ``none``: what the page tells the user."""
    if assessment_round is None:
        return "none"
    today = timezone.localdate()
    if today < assessment_round.opens_on:
        return "not_yet"
    if today > assessment_round.closes_on or assessment_round.status == RoundStatus.CLOSED:
        return "ended"
    return "open"


# ----------------------------------------------------------------------------- rounds


@login_required
@require_GET
def round_list(request: HttpRequest) -> HttpResponse:
    scope = access.require_overseer(request.user)
    rounds = selectors.rounds_with_counts(access.rounds_for_user(request.user))
    return render(
        request,
        "assessments/round_list.html",
        {
            **paginate(request, rounds),
            "can_create": scope.is_admin,
            "admin_ids": scope.admin_instansi_ids,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_create_view(request: HttpRequest) -> HttpResponse:
    instansi_qs = access.admin_instansi(request.user)
    if request.method == "POST" and request.POST.get("instansi"):
        access.get_admin_instansi(request.user, request.POST["instansi"])
    today = timezone.localdate()
    form = RoundForm(
        request.POST or None,
        instansi_qs=instansi_qs,
        initial={
            "tahun": today.year,
            "nama": _("Penilaian Kompetensi %d") % today.year,
            "opens_on": today,
            "closes_on": today.replace(day=28)
            if today.month == 12
            else today.replace(month=today.month + 1, day=28),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = round_create(
                instansi=data["instansi"],
                tahun=data["tahun"],
                nama=data["nama"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Periode %s dibuka.") % created.nama)
            return redirect("assessments:round_list")
    return render(request, "assessments/round_form.html", {"form": form})


@login_required
@require_POST
def round_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment_round = access.get_round_for_user(request.user, pk, for_write=True)
    try:
        round_close(assessment_round=assessment_round, acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Periode %s ditutup.") % assessment_round.nama)
    return redirect("assessments:round_list")


# ----------------------------------------------------------------------------- self-assessment


@login_required
@require_http_methods(["GET", "POST"])
def self_assessment(request: HttpRequest) -> HttpResponse:
    """The open round of the ASN's instansi: one card per competency of their standard."""
    employee = access.own_employee(request.user)
    assessment_round = selectors.open_round(employee.instansi_id)
    cards = selectors.self_assessment_cards(employee, assessment_round)
    state = _round_state(assessment_round)
    errors: list[str] = []
    posted: dict[int, tuple[str, str]] = {}
    if request.method == "POST":
        posted = posted_levels(request.POST, [card.competency.pk for card in cards])
        by_id = {card.competency.pk: card.competency for card in cards}
        if assessment_round is None:
            errors.append(_("Tidak ada periode penilaian yang dibuka; penilaian tidak disimpan."))
        elif not posted:
            errors.append(_("Pilih level untuk paling sedikit satu kompetensi."))
        else:
            try:
                created = self_assessment_submit(
                    assessment_round=assessment_round,
                    employee=employee,
                    ratings=[
                        RatingInput(employee, by_id[pk], level, note)
                        for pk, (level, note) in posted.items()
                    ],
                    acting_user=request.user,
                )
            except ServiceError as exc:
                errors.extend(exc.messages)
            else:
                if created:
                    messages.success(
                        request,
                        _("Penilaian mandiri disimpan: %d kompetensi.") % len(created),
                    )
                else:
                    messages.info(request, _("Tidak ada perubahan; penilaian sebelumnya tetap."))
                return redirect("assessments:my_assessments")
    rated = sum(1 for card in cards if card.latest is not None)
    return render(
        request,
        "assessments/self_assessment.html",
        {
            "employee": employee,
            "round": assessment_round,
            "state": state,
            "cards": [
                {
                    "card": card,
                    "choices": _level_choices(card),
                    "field": level_field(card.competency.pk),
                    "note_field": note_field(card.competency.pk),
                    "chosen": posted[card.competency.pk][0]
                    if card.competency.pk in posted
                    else (str(card.latest.level) if card.latest else ""),
                    "note": posted[card.competency.pk][1]
                    if card.competency.pk in posted
                    else (card.latest.note if card.latest else ""),
                }
                for card in cards
            ],
            "rated": rated,
            "errors": errors,
        },
    )


def _level_choices(card: selectors.SelfCard) -> list[dict[str, Any]]:
    """Levels 1–5 with the dictionary's description and indicators where it has them."""
    described = {level.level: level for level in card.levels}
    return [
        {
            "number": number,
            "value": str(number),
            "deskripsi": described[number].deskripsi if number in described else "",
            "indikator": described[number].indikator if number in described else [],
        }
        for number in range(1, 6)
    ]


# ----------------------------------------------------------------------------- own / employee page


def _employee_page(request: HttpRequest, employee: Employee, *, is_self: bool) -> HttpResponse:
    levels = selectors.current_levels_for(employee)
    history = selectors.assessment_history_for(employee)[:200]
    open_round = selectors.open_round(employee.instansi_id)
    return render(
        request,
        "assessments/employee_assessments.html",
        {
            "employee": employee,
            "levels": levels,
            "gaps": [row for row in levels if row.gap],
            "unassessed": sum(
                1 for row in levels if row.required_level and row.current_level is None
            ),
            "history": history,
            "is_self": is_self,
            "open_round": open_round,
            "round_state": _round_state(open_round),
            "performance": selectors.performance_for(employee)[:5],
        },
    )


@login_required
@require_GET
def my_assessments(request: HttpRequest) -> HttpResponse:
    return _employee_page(request, access.own_employee(request.user), is_self=True)


@login_required
@require_GET
def employee_assessments(request: HttpRequest, pk: int) -> HttpResponse:
    employee = access.get_employee_for_reading(request.user, pk)
    is_self = employee.pk == scope_for(request.user).employee_id
    return _employee_page(request, employee, is_self=is_self)


# ----------------------------------------------------------------------------- supervisor grid


def _grid_inputs(
    request: HttpRequest, subordinates: dict[int, Employee], competencies: dict[int, Competency]
) -> tuple[list[RatingInput], list[str]]:
    """The posted cells as ratings; a cell of someone who is not a direct subordinate refuses
    the whole submission (``errors``)."""
    ratings: list[RatingInput] = []
    errors: list[str] = []
    strangers = 0
    for (employee_id, competency_id), level in sorted(posted_grid(request.POST).items()):
        employee = subordinates.get(employee_id)
        if employee is None:
            strangers += 1
            continue
        competency = competencies.get(competency_id)
        if competency is None:
            errors.append(_("Kompetensi yang dikirim tidak termasuk standar bawahan Anda."))
            continue
        ratings.append(RatingInput(employee, competency, level))
    if strangers:
        errors.insert(
            0,
            _(
                "Anda hanya dapat menilai bawahan langsung Anda; kiriman berisi pegawai yang "
                "bukan bawahan langsung Anda, sehingga tidak ada penilaian yang disimpan."
            ),
        )
    return ratings, errors


@login_required
@require_http_methods(["GET", "POST"])
def supervisor_grid(request: HttpRequest) -> HttpResponse:
    """Direct subordinates × competencies: fill from the keyboard (1–5, row by row) or a phone."""
    supervisor = access.require_supervisor(request.user)
    assessment_round = selectors.open_round(supervisor.instansi_id)
    subordinates_qs = access.subordinates_of(supervisor)
    errors: list[str] = []
    posted: dict[tuple[int, int], str] = {}
    if request.method == "POST":
        grid = selectors.supervisor_grid(subordinates_qs, assessment_round)
        posted = posted_grid(request.POST)
        subordinates = {row.employee.pk: row.employee for row in grid.rows}
        competencies = {c.pk: c for c in grid.competencies}
        ratings, errors = _grid_inputs(request, subordinates, competencies)
        if errors:
            pass
        elif assessment_round is None:
            errors.append(_("Tidak ada periode penilaian yang dibuka; penilaian tidak disimpan."))
        elif str(assessment_round.pk) not in request.POST.getlist("round"):
            errors.append(
                _("Periode penilaian sudah berganti sejak halaman dibuka; muat ulang halaman.")
            )
        elif not ratings:
            errors.append(_("Isi paling sedikit satu sel dengan level 1 sampai 5."))
        if not errors and assessment_round is not None:
            try:
                created = supervisor_assessments_submit(
                    assessment_round=assessment_round,
                    supervisor=supervisor,
                    ratings=ratings,
                    acting_user=request.user,
                )
            except ServiceError as exc:
                errors.extend(exc.messages)
            else:
                if created:
                    messages.success(
                        request,
                        _("Penilaian atasan disimpan: %(n)d nilai untuk %(e)d pegawai.")
                        % {"n": len(created), "e": len({r.employee_id for r in created})},
                    )
                else:
                    messages.info(request, _("Tidak ada perubahan; penilaian sebelumnya tetap."))
                return redirect("assessments:supervisor_grid")
    grid = selectors.supervisor_grid(subordinates_qs, assessment_round)
    return render(
        request,
        "assessments/supervisor_grid.html",
        {
            "grid": grid,
            "rows": _grid_rows(grid, posted),
            "round": assessment_round,
            "state": _round_state(assessment_round),
            "errors": errors,
        },
    )


def _grid_rows(grid: selectors.Grid, posted: dict[tuple[int, int], str]) -> list[dict[str, Any]]:
    rows = []
    for row in grid.rows:
        cells = []
        for cell in row.cells:
            pair = (row.employee.pk, cell.competency.pk)
            value = posted.get(pair)
            if value is None:
                value = "" if cell.supervisor_level is None else str(cell.supervisor_level)
            cells.append({"cell": cell, "name": grid_field(*pair), "value": value})
        rows.append({"row": row, "cells": cells})
    return rows


@login_required
@require_POST
def supervisor_grid_row(request: HttpRequest, employee_pk: int) -> HttpResponse:
    """Save one subordinate's row (HTMX); answers the row, saved or with its error."""
    supervisor = access.require_supervisor(request.user)
    employee = access.get_subordinate_for_user(request.user, employee_pk)
    assessment_round = selectors.open_round(supervisor.instansi_id)
    if assessment_round is None or str(assessment_round.pk) != request.POST.get("round", ""):
        raise deny(_("Periode penilaian ini sudah tidak dibuka; muat ulang halaman."))
    subordinates_qs = access.subordinates_of(supervisor).filter(pk=employee.pk)
    grid = selectors.supervisor_grid(subordinates_qs, assessment_round)
    cells = {
        pair: value for pair, value in posted_grid(request.POST).items() if pair[0] == employee.pk
    }
    competencies = {c.pk: c for c in grid.competencies}
    errors: list[str] = []
    saved: int | None = None
    ratings = [
        RatingInput(employee, competencies[c], value)
        for (_e, c), value in sorted(cells.items())
        if c in competencies
    ]
    if len(ratings) != len(cells):
        errors.append(_("Kompetensi yang dikirim tidak termasuk standar pegawai ini."))
    else:
        try:
            saved = len(
                supervisor_assessments_submit(
                    assessment_round=assessment_round,
                    supervisor=supervisor,
                    ratings=ratings,
                    acting_user=request.user,
                )
            )
        except ServiceError as exc:
            errors.extend(exc.messages)
    if saved is not None:
        grid = selectors.supervisor_grid(subordinates_qs, assessment_round)
        cells = {}
    return render(
        request,
        "assessments/_grid_row.html",
        {
            "item": _grid_rows(grid, cells)[0],
            "round": assessment_round,
            "row_errors": errors,
            "saved": saved,
            "state": "open",
        },
    )


# ----------------------------------------------------------------------------- calibration


def _selected_round(request: HttpRequest, rounds: list[AssessmentRound]) -> AssessmentRound | None:
    wanted = request.GET.get("periode", "")
    for candidate in rounds:
        if str(candidate.pk) == wanted:
            return candidate
    for candidate in rounds:
        if candidate.status == RoundStatus.OPEN:
            return candidate
    return rounds[0] if rounds else None


@login_required
@require_GET
def calibration(request: HttpRequest) -> HttpResponse:
    """Self/supervisor disagreements of a round in the user's scope, to settle."""
    access.require_overseer(request.user)
    rounds = list(
        access.rounds_for_user(request.user)
        .filter(instansi_id__in=access.overseer_instansi_ids(scope_for(request.user)))
        .order_by("-opens_on", "-id")[:50]
    )
    selected = _selected_round(request, rounds)
    flags = access.flags_for_user(request.user).filter(round=selected)
    flags = selectors.filter_flags(flags, request.GET)
    page = paginate(request, flags)
    page["object_list"] = [
        {"flag": flag, "can_calibrate": access.can_calibrate(request.user, flag.employee)}
        for flag in page["object_list"]
    ]
    return render(
        request,
        "assessments/calibration_list.html",
        {
            **page,
            "rounds": rounds,
            "selected": selected,
            "filters": request.GET,
            "threshold": rule_for(selected.instansi_id).threshold if selected else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def calibration_set_view(request: HttpRequest, pk: int) -> HttpResponse:
    flag = access.get_flag_for_user(request.user, pk, for_write=True)
    initial = {"level": str(flag.calibration.level)} if flag.calibration else {}
    form = CalibrationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            calibration_set(
                flag=flag,
                level=form.cleaned_data["level"],
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Level kalibrasi %(kode)s untuk %(nama)s ditetapkan: %(level)s.")
                % {
                    "kode": flag.competency.kode,
                    "nama": flag.employee.display_name,
                    "level": form.cleaned_data["level"],
                },
            )
            back = request.POST.get("next", "")
            if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
                return redirect(back)
            return redirect(f"{reverse('assessments:calibration')}?periode={flag.round_id}")
    history = selectors.assessment_history_for(flag.employee).filter(
        competency=flag.competency, round=flag.round
    )
    return render(
        request,
        "assessments/calibration_form.html",
        {"flag": flag, "form": form, "history": history, "next": request.GET.get("next", "")},
    )


# ----------------------------------------------------------------------------- rules


@login_required
@require_http_methods(["GET", "POST"])
def rules(request: HttpRequest) -> HttpResponse:
    """The instansi's combination rule and SKP factors (BKPSDM admin)."""
    instansi_qs = access.admin_instansi(request.user)
    wanted = request.POST.get("instansi") or request.GET.get("instansi")
    instansi: Instansi | None = (
        access.get_admin_instansi(request.user, wanted) if wanted else instansi_qs.first()
    )
    if instansi is None:
        raise deny()
    rule = rule_for(instansi)
    factors = shortfall_factors_for(instansi)
    initial: dict[str, Any] = {
        "ac_max_age_months": rule.ac_max_age_months,
        "threshold": rule.threshold,
        **{f"prioritas_{i}": s for i, s in enumerate(rule.order, start=1)},
        **{f"faktor_{p}": f for p, f in factors.items()},
    }
    form = RulesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            assessment_rules_set(
                instansi=instansi,
                data=RulesData(
                    order=form.order_values(),
                    ac_max_age_months=form.cleaned_data["ac_max_age_months"],
                    threshold=form.cleaned_data["threshold"],
                    shortfall_factors=form.factor_values(),
                ),
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Aturan penilaian %s disimpan; level saat ini dihitung ulang.") % instansi.nama,
            )
            return redirect(f"{reverse('assessments:rules')}?instansi={instansi.pk}")
    return render(
        request,
        "assessments/rules.html",
        {
            "form": form,
            "instansi": instansi,
            "instansi_choices": instansi_qs,
            "source_labels": dict(AssessmentSource.choices),
            "default_order": DEFAULT_ORDER,
        },
    )
