"""Pages of signal rules: the list with each rule's last evaluation, a rule with its factors and
history, the rule form, and evaluating one rule or all signals of a plan year."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.core.access import deny
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.paging import paginate
from bangkom.organisation.plan_year import current_plan_year
from bangkom.regional import selectors
from bangkom.regional.access import (
    can_write_rule,
    current_instansi,
    get_rule_for_user,
    indicators_for_user,
    is_manager,
    managed_units,
    require_admin,
    rules_for_user,
    units_within_reach,
)
from bangkom.regional.forms import EvaluateForm, RuleForm
from bangkom.regional.models import SignalRule
from bangkom.regional.services import (
    RuleData,
    rule_delete,
    rule_evaluate,
    rule_save,
    signals_evaluate_all,
)
from bangkom.regional.services.rules import rule_target_units
from bangkom.regional.views.common import (
    instansi_competencies,
    page_context,
    with_instansi,
)


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    instansi = current_instansi(request)
    qs = selectors.rule_list(rules_for_user(request.user).filter(instansi=instansi))
    context = {
        **paginate(request, qs),
        **page_context(request, instansi, "rules"),
        "evaluate_form": EvaluateForm(initial={"tahun": current_plan_year(instansi)}),
    }
    return render(request, "regional/rule_list.html", context)


def _form(request: HttpRequest, instansi: Any, initial: dict[str, Any] | None = None) -> RuleForm:
    return RuleForm(
        request.POST or None,
        initial=initial or {},
        indicators=indicators_for_user(request.user).filter(instansi=instansi).order_by("kode"),
        units=managed_units(request.user, instansi),
        competencies=instansi_competencies(instansi),
    )


def _rule_data(data: dict[str, Any]) -> RuleData:
    return RuleData(
        nama=data["nama"],
        indicator=data["indicator"],
        unit=data["unit"],
        wilayah=data["wilayah"],
        kondisi=data["kondisi"],
        ambang=data["ambang"],
        competencies=list(data["competencies"]),
        target_unit=data["target_unit"],
        position_classes=data["position_classes"],
        position_keyword=data["position_keyword"],
        factor=data["factor"],
        is_active=data["is_active"],
    )


def _save(request: HttpRequest, form: RuleForm, instansi: Any, rule: SignalRule | None) -> Any:
    data = form.cleaned_data
    aimed = [data["target_unit"] or data["unit"]]
    if not units_within_reach(request.user, instansi, aimed):
        form.add_error(
            "target_unit",
            _("Admin OPD hanya dapat membuat aturan untuk unit di lingkupnya; pilih unit sasaran."),
        )
        return None
    try:
        return rule_save(
            instansi=instansi, data=_rule_data(data), rule=rule, acting_user=request.user
        )
    except ServiceError as exc:
        apply_service_errors(form, exc)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def rule_create(request: HttpRequest) -> HttpResponse:
    instansi = current_instansi(request)
    if not is_manager(request.user, instansi):
        raise deny()
    form = _form(request, instansi, {"kondisi": "pertumbuhan", "ambang": "20"})
    if request.method == "POST" and form.is_valid():
        rule = _save(request, form, instansi, None)
        if rule is not None:
            messages.success(
                request, _("Aturan %s disimpan; evaluasi untuk melihat hasilnya.") % rule.nama
            )
            return redirect("regional:rule_detail", rule.pk)
    context = {"form": form, "rule": None, **page_context(request, instansi, "rules")}
    return render(request, "regional/rule_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_rule_for_user(request.user, pk, for_write=True)
    initial = {
        "nama": rule.nama,
        "indicator": rule.indicator,
        "unit": rule.unit,
        "kode_wilayah": rule.wilayah_id or "",
        "kondisi": rule.kondisi,
        "ambang": str(rule.ambang.normalize()).replace(".", ",") if rule.ambang is not None else "",
        "competencies": list(rule.competencies.all()),
        "target_unit": rule.target_unit,
        "position_classes": rule.position_classes,
        "position_keyword": rule.position_keyword,
        "factor": str(rule.factor.normalize()).replace(".", ","),
        "is_active": rule.is_active,
    }
    form = _form(request, rule.instansi, initial)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, rule.instansi, rule)
        if saved is not None:
            messages.success(request, _("Aturan %s disimpan.") % saved.nama)
            return redirect("regional:rule_detail", rule.pk)
    context = {"form": form, "rule": rule, **page_context(request, rule.instansi, "rules")}
    return render(request, "regional/rule_form.html", context)


@login_required
def rule_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_rule_for_user(request.user, pk)
    factors = list(selectors.factors_of(rule.instansi_id, rule.source_key))
    reach = selectors.factor_reach(factors, rule.instansi)
    context = {
        **page_context(request, rule.instansi, "rules"),
        "rule": rule,
        "competencies": rule.competencies.order_by("jenis", "kode"),
        "targets": rule_target_units(rule),
        "factors": factors,
        "reach": reach,
        "evaluations": rule.evaluations.order_by("-evaluated_at", "-pk")[:20],
        "can_write": can_write_rule(request.user, rule),
        "evaluate_form": EvaluateForm(initial={"tahun": current_plan_year(rule.instansi)}),
    }
    return render(request, "regional/rule_detail.html", context)


@login_required
@require_POST
def rule_evaluate_view(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_rule_for_user(request.user, pk, for_write=True)
    form = EvaluateForm(request.POST)
    tahun = form.cleaned_data["tahun"] if form.is_valid() else current_plan_year(rule.instansi)
    try:
        evaluation = rule_evaluate(rule=rule, tahun=tahun, acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Evaluasi %(year)d: %(outcome)s — %(summary)s (%(count)d faktor).")
            % {
                "year": tahun,
                "outcome": evaluation.get_outcome_display(),
                "summary": evaluation.summary,
                "count": evaluation.factor_count,
            },
        )
    return redirect("regional:rule_detail", rule.pk)


@login_required
@require_POST
def rule_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_rule_for_user(request.user, pk, for_write=True)
    instansi = rule.instansi
    name = rule.nama
    rule_delete(rule=rule, acting_user=request.user)
    messages.success(request, _("Aturan %s dihapus beserta faktornya.") % name)
    return redirect(with_instansi("regional:rule_list", instansi))


@login_required
@require_POST
def evaluate_all(request: HttpRequest) -> HttpResponse:
    """Evaluate every signal rule, plan priority and unit SKM of the instansi for a plan year."""
    instansi = current_instansi(request)
    require_admin(request.user, instansi)
    form = EvaluateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tahun rencana harus antara 2000 dan 2100."))
        return redirect(with_instansi("regional:rule_list", instansi))
    try:
        report = signals_evaluate_all(
            instansi=instansi, tahun=form.cleaned_data["tahun"], acting_user=request.user
        )
    except ServiceError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(
            request,
            _(
                "Evaluasi %(year)d selesai: %(rules)d aturan (%(met)d terpenuhi), %(priorities)d "
                "prioritas, %(skm)d unit SKM; %(count)d faktor bobot berlaku."
            )
            % {
                "year": report.tahun,
                "rules": len(report.rules),
                "met": sum(1 for e in report.rules if e.outcome == "terpenuhi"),
                "priorities": len(report.priorities),
                "skm": len(report.skm),
                "count": report.factor_count,
            },
        )
    return redirect(with_instansi("regional:rule_list", instansi))
