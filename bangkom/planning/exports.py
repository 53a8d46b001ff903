"""The plan document (PP 11/2017 art. 207(3)): competencies to develop, target ASN, form/path,
provider, schedule, fit with the sector's curriculum, and budget — per OPD and in total — as
XLSX (openpyxl) and PDF (WeasyPrint, DejaVu fonts from the system, no remote URLs)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from bangkom.competencies.models import Competency
from bangkom.lib.spreadsheet_safety import neutralise_formulas
from bangkom.organisation.models import Unit
from bangkom.planning import selectors
from bangkom.planning.models import Plan, PlanProgram, PlanRun
from bangkom.planning.templatetags.planning_tags import MONTHS

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class ProgramLine:
    program: PlanProgram
    competencies: str
    batches: int
    participants: int
    cost: int
    schedule: str


@dataclass
class OpdLine:
    name: str
    asn: set[int] = field(default_factory=set)
    assignments: int = 0
    jp: Decimal = Decimal(0)
    cost: Decimal = Decimal(0)


@dataclass
class ParticipantLine:
    opd: str
    unit: str
    nip: str
    name: str
    position: str
    program: str
    competencies: str
    batch: int
    month: str
    jp: Decimal


@dataclass
class PlanDocument:
    plan: Plan
    run: PlanRun
    programs: list[ProgramLine]
    opds: list[OpdLine]
    participants: list[ParticipantLine]
    total_cost: int
    total_asn: int
    generated_at: Any


def _schedule(program: PlanProgram, batches: int) -> str:
    parts = []
    for batch in range(1, batches + 1):
        month = program.month_of_batch(batch)
        parts.append(
            _("Angkatan %(n)d: %(m)s")
            % {"n": batch, "m": MONTHS[month] if month else _("belum dijadwalkan")}
        )
    return "; ".join(parts) or "—"


def plan_document(plan: Plan, run: PlanRun) -> PlanDocument:
    """Everything the plan document states, read in a fixed number of queries."""
    totals = selectors.run_program_totals(run)
    programs = [
        ProgramLine(
            program=row["program"],
            competencies=", ".join(
                f"{pc.competency.kode} {pc.competency.nama} (+{pc.gain})"
                for pc in row["program"].template.competencies.all()
            ),
            batches=row["batches"],
            participants=row["participants"],
            cost=row["cost"],
            schedule=_schedule(row["program"], row["batches"]),
        )
        for row in totals
        if row["participants"]
    ]
    per_seat_fixed = {
        row["program"].pk: Decimal(row["program"].template.biaya_tetap * row["batches"])
        / row["participants"]
        for row in totals
        if row["participants"]
    }
    assignments = list(selectors.run_assignments(run))
    opd_ids = {int(a.employee.unit.path.split("/")[0]) for a in assignments if a.employee.unit}
    opd_names = dict(Unit.objects.filter(pk__in=opd_ids).values_list("pk", "nama"))
    gaps = {e["id"]: e.get("gaps", {}) for e in run.instance_json.get("employees", [])}
    names = dict(Competency.objects.values_list("kode", "nama")) if assignments else {}
    opds: dict[str, OpdLine] = {}
    participants = []
    for a in assignments:
        unit = a.employee.unit
        opd = opd_names.get(int(unit.path.split("/")[0]), "—") if unit else _("(tanpa unit)")
        line = opds.setdefault(opd, OpdLine(name=opd))
        template = a.program.template
        line.asn.add(a.employee_id)
        line.assignments += 1
        line.jp += template.jp
        line.cost += template.biaya_per_peserta + per_seat_fixed.get(a.program_id, Decimal(0))
        employee_gaps = gaps.get(str(a.employee_id), {})
        closes = [
            f"{pc.competency.kode} {names.get(pc.competency.kode, '')}".strip()
            for pc in template.competencies.all()
            if pc.competency.kode in employee_gaps
        ]
        month = a.month
        participants.append(
            ParticipantLine(
                opd=opd,
                unit=unit.nama if unit else "—",
                nip=a.employee.nip,
                name=a.employee.display_name,
                position=a.employee.position.nama if a.employee.position else "—",
                program=f"{template.kode} {template.judul}",
                competencies=", ".join(closes) or _("(target JP)"),
                batch=a.angkatan,
                month=MONTHS[month] if month else "—",
                jp=template.jp,
            )
        )
    return PlanDocument(
        plan=plan,
        run=run,
        programs=programs,
        opds=sorted(opds.values(), key=lambda o: o.name),
        participants=sorted(participants, key=lambda p: (p.opd, p.unit, p.name, p.program)),
        total_cost=sum(p.cost for p in programs),
        total_asn=len({a.employee_id for a in assignments}),
        generated_at=timezone.now(),
    )


_BOLD = Font(bold=True)
_HEAD = Font(bold=True, color="FFFFFF")
_FILL = PatternFill("solid", fgColor="1F4E79")


def _header(sheet: Any, values: list[str]) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = _HEAD, _FILL


def plan_xlsx(plan: Plan, run: PlanRun) -> bytes:
    doc = plan_document(plan, run)
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = _("Ringkasan")
    summary.append([plan.judul])
    summary["A1"].font = Font(bold=True, size=14)
    rows = [
        (_("Instansi"), plan.instansi.nama),
        (_("Lingkup"), plan.unit.nama if plan.unit else _("Seluruh instansi")),
        (_("Tahun"), plan.tahun),
        (_("Status"), str(plan.get_status_display())),
        (
            _("Disetujui oleh"),
            f"{plan.disetujui_oleh_nama} ({plan.disetujui_oleh_jabatan})"
            if plan.disetujui_oleh_nama
            else "—",
        ),
        (_("Pagu anggaran (Rp)"), plan.pagu),
        (_("Total biaya (Rp)"), doc.total_cost),
        (_("ASN sasaran"), doc.total_asn),
        (_("ASN mencapai target JP"), run.jp_compliant),
        (_("Target JP per ASN"), plan.jp_target),
    ]
    for label, value in rows:
        summary.append([label, value])
    summary.column_dimensions["A"].width = 28
    summary.column_dimensions["B"].width = 50

    sheet = workbook.create_sheet(_("Program"))
    _header(
        sheet,
        [
            _("Kode"),
            _("Program"),
            _("Kompetensi yang dikembangkan"),
            _("Bentuk/jalur"),
            _("Moda"),
            _("Penyelenggara"),
            _("JP"),
            _("Angkatan"),
            _("Peserta"),
            _("Jadwal"),
            _("Kesesuaian kurikulum"),
            _("Biaya (Rp)"),
        ],
    )
    for line in doc.programs:
        template = line.program.template
        sheet.append(
            [
                template.kode,
                template.judul,
                line.competencies,
                f"{template.bentuk.get_kategori_display()}: {template.bentuk.nama}",
                str(template.get_mode_display()),
                template.penyelenggara,
                float(template.jp),
                line.batches,
                line.participants,
                line.schedule,
                line.program.kesesuaian_kurikulum,
                line.cost,
            ]
        )
    sheet.append(
        [
            _("Total"),
            "",
            "",
            "",
            "",
            "",
            "",
            sum(p.batches for p in doc.programs),
            sum(p.participants for p in doc.programs),
            "",
            "",
            doc.total_cost,
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD

    per_opd = workbook.create_sheet(_("Per OPD"))
    _header(per_opd, [_("OPD"), _("ASN"), _("Penugasan"), _("JP"), _("Biaya (Rp)")])
    for opd in doc.opds:
        per_opd.append([opd.name, len(opd.asn), opd.assignments, float(opd.jp), round(opd.cost)])
    per_opd.append(
        [
            _("Total"),
            doc.total_asn,
            len(doc.participants),
            float(sum((o.jp for o in doc.opds), Decimal(0))),
            doc.total_cost,
        ]
    )
    for cell in per_opd[per_opd.max_row]:
        cell.font = _BOLD

    people = workbook.create_sheet(_("Peserta"))
    _header(
        people,
        [
            _("OPD"),
            _("Unit"),
            _("NIP"),
            _("Nama"),
            _("Jabatan"),
            _("Program"),
            _("Kompetensi yang ditingkatkan"),
            _("Angkatan"),
            _("Bulan"),
            _("JP"),
        ],
    )
    for p in doc.participants:
        people.append(
            [
                p.opd,
                p.unit,
                p.nip,
                p.name,
                p.position,
                p.program,
                p.competencies,
                p.batch,
                p.month,
                float(p.jp),
            ]
        )
    for column in "ABCDEFG":
        people.column_dimensions[column].width = 24
    buffer = io.BytesIO()
    neutralise_formulas(workbook).save(buffer)
    return buffer.getvalue()


def _refuse_remote(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The document needs nothing from outside: every URL is refused."""
    raise ValueError(f"URL eksternal tidak diizinkan: {url}")


def plan_pdf(plan: Plan, run: PlanRun) -> bytes:
    from weasyprint import HTML

    html = render_to_string("planning/plan_pdf.html", {"doc": plan_document(plan, run)})
    return HTML(string=html, url_fetcher=_refuse_remote).write_pdf()
