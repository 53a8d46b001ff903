"""The JP conversion table: each development form's rule for the JP (jam pelajaran, learning
hours) its programs earn, seeded with the defaults and edited per instansi."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.organisation.models import Instansi
from bangkom.planning.bounds import RULE_BOUNDS, TEMPLATE_JP, bound_errors
from bangkom.planning.jp import DEFAULT_FORMS, JpRule, jp_for
from bangkom.planning.models import DevelopmentForm, ProgramTemplate


def form_table_ensure(*, instansi: Instansi, acting_user: Any) -> int:
    """Seed the instansi's JP conversion table with the defaults it does not have yet.

    Idempotent: rows the instansi already has (edited or not) are left alone.
    """
    with transaction.atomic():
        existing = set(
            DevelopmentForm.objects.filter(instansi=instansi).values_list("kode", flat=True)
        )
        missing = [item for item in DEFAULT_FORMS if item.kode not in existing]
        if not missing:
            return 0
        DevelopmentForm.objects.bulk_create(
            [
                DevelopmentForm(
                    instansi=instansi,
                    kode=item.kode,
                    nama=item.nama,
                    kategori=item.kategori,
                    jp_unit=item.unit,
                    jp_per_unit=item.jp_per_unit,
                    max_units_per_month=item.max_units_per_month,
                    max_jp_per_day=item.max_jp_per_day,
                    catatan=item.catatan,
                    urutan=DEFAULT_FORMS.index(item) + 1,
                )
                for item in missing
            ]
        )
        audit_event(
            actor=acting_user,
            action="planning.form_table.seed",
            target=None,
            target_type="planning.developmentform",
            instansi=instansi,
            after={"kode": [item.kode for item in missing]},
        )
    return len(missing)


def rule_of(form: DevelopmentForm) -> JpRule:
    return JpRule(
        unit=form.jp_unit,
        jp_per_unit=form.jp_per_unit,
        max_units_per_month=form.max_units_per_month,
        max_jp_per_day=form.max_jp_per_day,
    )


def template_jp(template: ProgramTemplate, form: DevelopmentForm | None = None) -> Decimal:
    """The JP a template earns by its form's rule (before any manual value)."""
    return jp_for(
        rule_of(form or template.bentuk),
        units=template.jumlah_satuan,
        learning_days=template.hari_belajar,
        months=template.bulan,
    )


RULE_FIELDS = (
    "nama",
    "kategori",
    "jp_unit",
    "jp_per_unit",
    "max_units_per_month",
    "max_jp_per_day",
    "catatan",
)


def form_rule_update(
    *, form: DevelopmentForm, data: dict[str, Any], acting_user: Any
) -> DevelopmentForm:
    """Change one row of the JP table; the JP of its programs is recomputed (manual values stay)."""
    with transaction.atomic():
        form = DevelopmentForm.objects.select_for_update().get(pk=form.pk)
        before = snapshot(form, RULE_FIELDS)
        for name in RULE_FIELDS:
            if name in data:
                setattr(form, name, data[name])
        errors = bound_errors({name: getattr(form, name) for name in RULE_BOUNDS}, RULE_BOUNDS)
        if errors:
            raise ServiceError(errors)
        form.save()
        changed = 0
        refused: list[str] = []
        for template in ProgramTemplate.objects.filter(bentuk=form).select_for_update():
            try:
                jp = (
                    template.jp_override
                    if template.jp_override is not None
                    else template_jp(template, form)
                )
            except ArithmeticError:  # an overflowing rule is out of bounds too
                jp = None
            if jp is None or TEMPLATE_JP.check(jp):
                refused.append(template.kode)
                continue
            if jp != template.jp:
                template.jp = jp
                template.save(update_fields=["jp", "updated_at"])
                changed += 1
        if refused:
            raise ServiceError(
                {
                    "jp_per_unit": [
                        _("Dengan aturan ini JP program %(kode)s menjadi di luar batas. %(bound)s")
                        % {"kode": ", ".join(refused), "bound": TEMPLATE_JP.message()}
                    ]
                }
            )
        audit_event(
            actor=acting_user,
            action="planning.form.update",
            target=form,
            instansi=form.instansi,
            before=before,
            after=snapshot(form, RULE_FIELDS),
            note=_("%d program dihitung ulang JP-nya") % changed if changed else "",
        )
    return form
