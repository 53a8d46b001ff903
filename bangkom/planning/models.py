"""The catalogue of development forms and programs, and the annual competency development plan.

Terms: *bentuk pengembangan* is a form of development (Peraturan LAN 10/2018: pendidikan,
pelatihan klasikal, pelatihan nonklasikal); JP (*jam pelajaran*) is a 45-minute learning hour;
*Rencana Pengembangan Kompetensi* is the annual plan of PP 11/2017 art. 207; an *angkatan* is one
batch of a program; OPD is a regional agency (a top-level unit).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel
from bangkom.planning.bounds import (
    PLAN_BOUNDS,
    PROGRAM_BOUNDS,
    RULE_BOUNDS,
    TEMPLATE_BOUNDS,
    TEMPLATE_JP,
    Bound,
    bound_errors,
)


def _within(bounds: dict[str, Bound], name: str, *, null: bool = False) -> Q:
    """The database's half of a bound (see ``planning.bounds``)."""
    bound = bounds[name]
    condition = Q(**{f"{name}__gte": bound.low, f"{name}__lte": bound.high})
    return condition | Q(**{f"{name}__isnull": True}) if null else condition


class FormCategory(models.TextChoices):
    PENDIDIKAN = "pendidikan", _("Pendidikan")
    KLASIKAL = "klasikal", _("Pelatihan klasikal")
    NONKLASIKAL = "nonklasikal", _("Pelatihan nonklasikal")


class JpUnit(models.TextChoices):
    """What a form's JP rule counts: 45-minute hours, days, sessions, activities, semesters."""

    JAM = "jam", _("per jam pelajaran (45 menit)")
    HARI = "hari", _("per hari")
    SESI = "sesi", _("per sesi")
    KEGIATAN = "kegiatan", _("per kegiatan")
    SEMESTER = "semester", _("per semester")


class DevelopmentForm(TimeStampedModel):
    """One row of an instansi's JP conversion table: a form of development and its JP rule.

    JP = units × ``jp_per_unit``, where units are capped at ``max_units_per_month`` × months
    (e.g. coaching: 2 sessions a month), and JP is capped at ``max_jp_per_day`` × learning days
    (e.g. e-learning: 3 JP a day). Seeded from the BPS 2019 example, editable per instansi.
    """

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="development_forms"
    )
    kode = models.SlugField(_("kode"), max_length=40)
    nama = models.CharField(_("nama bentuk"), max_length=120)
    kategori = models.CharField(_("kategori"), max_length=12, choices=FormCategory.choices)
    jp_unit = models.CharField(_("satuan JP"), max_length=10, choices=JpUnit.choices)
    jp_per_unit = models.DecimalField(
        _("JP per satuan"), max_digits=6, decimal_places=2, default=Decimal(1)
    )
    max_units_per_month = models.PositiveSmallIntegerField(
        _("paling banyak satuan per bulan"), null=True, blank=True
    )
    max_jp_per_day = models.DecimalField(
        _("paling banyak JP per hari"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    catatan = models.CharField(_("catatan"), max_length=255, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("bentuk pengembangan")
        verbose_name_plural = _("bentuk pengembangan")
        ordering = ["instansi", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "kode"], name="development_form_unique"),
            models.CheckConstraint(condition=Q(jp_per_unit__gte=0), name="form_jp_nonnegative"),
            models.CheckConstraint(
                condition=_within(RULE_BOUNDS, "jp_per_unit")
                & _within(RULE_BOUNDS, "max_units_per_month", null=True)
                & _within(RULE_BOUNDS, "max_jp_per_day", null=True),
                name="form_rule_bounds",
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class DeliveryMode(models.TextChoices):
    TATAP_MUKA = "tatap_muka", _("Tatap muka")
    DARING = "daring", _("Daring")
    CAMPURAN = "campuran", _("Campuran")


class ProgramTemplate(TimeStampedModel):
    """A catalogue program (templat program): what it develops, what it costs, who it is for."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="program_templates"
    )
    kode = models.CharField(_("kode"), max_length=30)
    judul = models.CharField(_("judul"), max_length=200)
    bentuk = models.ForeignKey(
        DevelopmentForm,
        verbose_name=_("bentuk pengembangan"),
        on_delete=models.PROTECT,
        related_name="templates",
    )
    jumlah_satuan = models.DecimalField(
        _("durasi (jumlah satuan)"),
        max_digits=7,
        decimal_places=2,
        help_text=_("Dalam satuan JP bentuknya: jam pelajaran, hari, sesi, kegiatan, semester."),
    )
    hari_belajar = models.PositiveSmallIntegerField(_("hari belajar"), default=1)
    bulan = models.PositiveSmallIntegerField(_("lama (bulan)"), default=1)
    jp = models.DecimalField(_("JP"), max_digits=7, decimal_places=2, editable=False)
    jp_override = models.DecimalField(
        _("JP ditetapkan manual"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    jp_override_reason = models.CharField(_("alasan JP manual"), max_length=255, blank=True)
    hari_tinggal_kerja = models.PositiveSmallIntegerField(_("hari meninggalkan pekerjaan"))
    mode = models.CharField(_("moda"), max_length=12, choices=DeliveryMode.choices)
    min_peserta = models.PositiveSmallIntegerField(_("peserta minimum per angkatan"))
    max_peserta = models.PositiveSmallIntegerField(_("peserta maksimum per angkatan"))
    biaya_tetap = models.PositiveBigIntegerField(_("biaya tetap per angkatan (Rp)"))
    biaya_per_peserta = models.PositiveBigIntegerField(_("biaya per peserta (Rp)"))
    kelas_jabatan = models.JSONField(_("kelas jabatan sasaran"), default=list, blank=True)
    units = models.ManyToManyField(
        "organisation.Unit", verbose_name=_("unit sasaran"), blank=True, related_name="+"
    )
    penyelenggara = models.CharField(_("penyelenggara/mitra"), max_length=200, blank=True)
    prasyarat = models.TextField(_("prasyarat"), blank=True)
    catatan_kurikulum = models.TextField(_("catatan kurikulum"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("templat program")
        verbose_name_plural = _("templat program")
        ordering = ["instansi", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "kode"], name="program_template_unique"),
            models.CheckConstraint(
                condition=Q(min_peserta__lte=models.F("max_peserta")) & Q(max_peserta__gte=1),
                name="program_template_participants",
            ),
            models.CheckConstraint(
                condition=_within(TEMPLATE_BOUNDS, "jumlah_satuan")
                & _within(TEMPLATE_BOUNDS, "hari_belajar")
                & _within(TEMPLATE_BOUNDS, "bulan")
                & _within(TEMPLATE_BOUNDS, "hari_tinggal_kerja")
                & _within(TEMPLATE_BOUNDS, "max_peserta")
                & _within(TEMPLATE_BOUNDS, "biaya_tetap")
                & _within(TEMPLATE_BOUNDS, "biaya_per_peserta")
                & _within(TEMPLATE_BOUNDS, "jp_override", null=True)
                & Q(jp__gte=TEMPLATE_JP.low, jp__lte=TEMPLATE_JP.high),
                name="program_template_bounds",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.judul}"

    @property
    def bound_problems(self) -> list[str]:
        """Messages for stored values outside the bounds (rows kept from before a bound was set
        or tightened): the pages show them as invalid, with the way to fix them, and go on."""
        values = {name: getattr(self, name) for name in TEMPLATE_BOUNDS}
        problems = [
            m for messages in bound_errors(values, TEMPLATE_BOUNDS).values() for m in messages
        ]
        jp_problem = TEMPLATE_JP.check(self.jp)
        return [*problems, jp_problem] if jp_problem else problems


class ProgramCompetency(models.Model):
    """A competency a program develops and the levels it is expected to add."""

    template = models.ForeignKey(
        ProgramTemplate, on_delete=models.CASCADE, related_name="competencies"
    )
    competency = models.ForeignKey(
        "competencies.Competency", on_delete=models.PROTECT, related_name="+"
    )
    gain = models.PositiveSmallIntegerField(_("kenaikan level"), default=1)

    class Meta:
        ordering = ["template", "competency__kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "competency"], name="program_competency_unique"
            ),
            models.CheckConstraint(
                condition=Q(gain__gte=1) & Q(gain__lte=4), name="program_gain_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency_id} +{self.gain}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "diajukan", _("Diajukan")
    APPROVED = "disetujui", _("Disetujui")


class Plan(TimeStampedModel):
    """The annual competency development plan of an instansi, or a sub-plan for one unit subtree
    (an OPD or a kecamatan). ``version`` is the optimistic lock: every write checks it."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.PROTECT, related_name="plans"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("OPD/kecamatan (sub-rencana)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    judul = models.CharField(_("judul"), max_length=200)
    pagu = models.PositiveBigIntegerField(_("pagu anggaran (Rp)"))
    jp_target = models.PositiveSmallIntegerField(_("target JP per ASN"), default=20)
    jp_bonus = models.DecimalField(
        _("bobot pemenuhan target JP"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        help_text=_("Nilai tambahan per ASN yang mencapai target JP, setara satu level bobot 1."),
    )
    max_hari = models.PositiveSmallIntegerField(_("paling lama meninggalkan pekerjaan (hari)"))
    max_jp_per_asn = models.PositiveSmallIntegerField(
        _("batas JP per ASN dari rencana ini"),
        null=True,
        blank=True,
        help_text=_("Kosongkan bila tanpa batas. JP yang sudah diperoleh tidak dihitung."),
    )
    max_program_per_asn = models.PositiveSmallIntegerField(
        _("batas program per ASN dari rencana ini"),
        null=True,
        blank=True,
        help_text=_("Kosongkan bila tanpa batas."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    disetujui_oleh_nama = models.CharField(_("disetujui oleh (nama)"), max_length=150, blank=True)
    disetujui_oleh_jabatan = models.CharField(
        _("disetujui oleh (jabatan)"), max_length=150, blank=True
    )
    approved_at = models.DateTimeField(_("tanggal persetujuan"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField(_("alasan dikembalikan"), blank=True)
    adopted_run = models.ForeignKey(
        "PlanRun",
        verbose_name=_("hasil optimasi yang dipakai"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("rencana pengembangan kompetensi")
        verbose_name_plural = _("rencana pengembangan kompetensi")
        ordering = ["-tahun", "instansi", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "tahun", "unit"], name="plan_unique_unit"),
            models.UniqueConstraint(
                fields=["instansi", "tahun"],
                condition=Q(unit__isnull=True),
                name="plan_unique_instansi",
            ),
            models.CheckConstraint(
                condition=_within(PLAN_BOUNDS, "pagu")
                & _within(PLAN_BOUNDS, "jp_target")
                & _within(PLAN_BOUNDS, "jp_bonus")
                & _within(PLAN_BOUNDS, "max_hari"),
                name="plan_bounds",
            ),
            models.CheckConstraint(
                condition=_within(PLAN_BOUNDS, "max_jp_per_asn", null=True)
                & _within(PLAN_BOUNDS, "max_program_per_asn", null=True),
                name="plan_caps_per_asn",
            ),
        ]

    def __str__(self) -> str:
        return self.judul

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT


class PlanProgram(models.Model):
    """A catalogue program chosen for a plan, with what the plan decides about it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="programs")
    template = models.ForeignKey(ProgramTemplate, on_delete=models.PROTECT, related_name="+")
    max_angkatan = models.PositiveSmallIntegerField(_("paling banyak angkatan"), default=4)
    min_angkatan = models.PositiveSmallIntegerField(
        _("paling sedikit angkatan"),
        default=0,
        help_text=_(
            "Angkatan yang wajib berjalan menurut perencana; 0 = diserahkan ke optimasi. "
            "Agar program tidak berjalan sama sekali, keluarkan dari rencana."
        ),
    )
    jadwal_bulan = models.CharField(
        _("jadwal (bulan per angkatan)"),
        max_length=60,
        blank=True,
        help_text=_("Nomor bulan tiap angkatan, dipisah koma, misalnya 3, 7, 10."),
    )
    kesesuaian_kurikulum = models.TextField(
        _("kesesuaian dengan kurikulum instansi pembina"), blank=True
    )

    class Meta:
        ordering = ["plan", "template__kode"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "template"], name="plan_program_unique"),
            models.CheckConstraint(condition=Q(max_angkatan__gte=1), name="plan_program_batches"),
            models.CheckConstraint(
                condition=_within(PROGRAM_BOUNDS, "max_angkatan"), name="plan_program_bounds"
            ),
            models.CheckConstraint(
                condition=_within(PROGRAM_BOUNDS, "min_angkatan")
                & Q(min_angkatan__lte=F("max_angkatan")),
                name="plan_program_min_batches",
            ),
        ]

    def __str__(self) -> str:
        return str(self.template)

    @property
    def months(self) -> list[int]:
        return [int(p) for p in self.jadwal_bulan.replace(" ", "").split(",") if p.isdigit()]

    def month_of_batch(self, batch: int) -> int | None:
        """The planned month of batch ``batch`` (1-based); later batches take the last month."""
        months = self.months
        if not months:
            return None
        return months[min(batch, len(months)) - 1]


class PlanPin(models.Model):
    """A planner's decision the optimiser must keep: this ASN attends (or never attends)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="pins")
    employee = models.ForeignKey(
        "organisation.Employee", on_delete=models.CASCADE, related_name="+"
    )
    program = models.ForeignKey(PlanProgram, on_delete=models.CASCADE, related_name="pins")
    assign = models.BooleanField(_("wajib ikut"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "employee", "program"], name="plan_pin_unique")
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {'+' if self.assign else '−'} {self.program_id}"


class RunStatus(models.TextChoices):
    QUEUED = "antre", _("Menunggu giliran")
    RUNNING = "berjalan", _("Sedang berjalan")
    DONE = "selesai", _("Selesai")
    FAILED = "gagal", _("Gagal")


RESULT_LABELS = {
    "optimal": _("optimal"),
    "feasible": _("layak, belum terbukti optimal"),
    "infeasible": _("tidak layak"),
    "unknown": _("belum ditemukan rencana yang layak"),
}


class PlanRun(models.Model):
    """One optimiser run of a plan (or a scenario copied from a run with another budget), with
    the instance it solved, so its result can be explained later exactly as it was computed."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="runs")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="scenarios"
    )
    label = models.CharField(_("nama skenario"), max_length=120, blank=True)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    progress_note = models.CharField(max_length=200, blank=True)
    budget = models.PositiveBigIntegerField(_("anggaran (Rp)"))
    instance_json = models.JSONField(default=dict, blank=True)
    evidence_json = models.JSONField(default=dict, blank=True)
    solver_status = models.CharField(max_length=12, blank=True)
    objective = models.FloatField(null=True, blank=True)
    upper_bound = models.FloatField(null=True, blank=True)
    batches = models.JSONField(default=dict, blank=True)
    cost = models.PositiveBigIntegerField(null=True, blank=True)
    jp_compliant = models.PositiveIntegerField(null=True, blank=True)
    employee_count = models.PositiveIntegerField(default=0)
    solve_seconds = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.plan_id}#{self.pk} {self.label or self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)

    @property
    def has_plan(self) -> bool:
        return self.status == RunStatus.DONE and self.solver_status in ("optimal", "feasible")

    @property
    def is_empty(self) -> bool:
        """Finished without placing anyone: no ASN had needs for the plan year and scope, or
        no program was worth its cost. "Optimal" at Rp0 then; nothing to submit."""
        return self.status == RunStatus.DONE and (self.employee_count == 0 or not self.batches)

    @property
    def result_label(self) -> str:
        """The solver's verdict as a planner reads it."""
        if self.status != RunStatus.DONE:
            return ""
        if self.is_empty:
            return str(_("tidak ada yang direncanakan"))
        return str(RESULT_LABELS.get(self.solver_status, self.solver_status))

    @property
    def is_stale(self) -> bool:
        """Still running half an hour past its time limit: its worker has stopped, and the run
        will not finish (a new run can be started; this one stays as the record)."""
        limit = float(getattr(settings, "PLANNING_TIME_LIMIT", 60))
        return (
            self.status == RunStatus.RUNNING
            and self.started_at is not None
            and timezone.now() - self.started_at > timedelta(seconds=limit, minutes=30)
        )


class RunAssignment(models.Model):
    """One ASN in one program of a run, with the batch (angkatan) they are placed in."""

    run = models.ForeignKey(PlanRun, on_delete=models.CASCADE, related_name="assignments")
    employee = models.ForeignKey(
        "organisation.Employee", on_delete=models.CASCADE, related_name="+"
    )
    program = models.ForeignKey(PlanProgram, on_delete=models.CASCADE, related_name="+")
    angkatan = models.PositiveSmallIntegerField(default=1)
    pinned = models.BooleanField(default=False)

    class Meta:
        ordering = ["run", "program", "angkatan", "employee__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "employee", "program"], name="run_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} → {self.program_id}"

    @property
    def month(self) -> int | None:
        """The planned month of this ASN's batch."""
        return self.program.month_of_batch(self.angkatan)
