"""JP crediting, claims, targets and on-track: the services and selectors of the ledger."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from bangkom.accounts.services import user_create
from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.delivery.ledger import rules, selectors
from bangkom.delivery.ledger.services import ClaimData, claim_decide, claim_submit, jp_credit
from bangkom.delivery.models import ClaimStatus, ExternalLearningClaim, JpCredit, JpSource
from bangkom.delivery.tests.conftest import YEAR, certificate
from bangkom.planning.jp import prorated_target
from bangkom.planning.models import DevelopmentForm
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


def _credit(world: World, form: DevelopmentForm, **kwargs: object) -> JpCredit:
    values: dict[str, object] = {
        "employee": world.employee,
        "year": YEAR,
        "date": date(YEAR, 4, 2),
        "activity": "Kegiatan",
        "form": form,
        "units": Decimal(1),
        "learning_days": 1,
        "months": 1,
        "source": JpSource.COACHING,
        "source_key": "k1",
        "acting_user": None,
    }
    values.update(kwargs)
    return jp_credit(**values)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- conversion


def test_coaching_is_capped_per_month(world: World, forms: dict[str, DevelopmentForm]) -> None:
    # 2 JP a session, at most 2 sessions a month: 7 sessions over 2 months count as 4.
    line = _credit(world, forms["coaching"], units=Decimal(7), months=2)
    assert line.jp == Decimal("8.00")


def test_elearning_is_capped_per_day(world: World, forms: dict[str, DevelopmentForm]) -> None:
    # 1 JP an hour, at most 3 JP a day: 10 hours over 2 days earn 6 JP.
    line = _credit(world, forms["e-learning"], units=Decimal(10), learning_days=2)
    assert line.jp == Decimal("6.00")


def test_per_day_form_uses_the_instansi_table(
    world: World, forms: dict[str, DevelopmentForm]
) -> None:
    seminar = forms["seminar"]
    seminar.jp_per_unit = Decimal(3)
    seminar.save()
    assert _credit(world, seminar, units=Decimal(2)).jp == Decimal("6.00")


def test_form_of_another_instansi_is_refused(
    world: World, forms: dict[str, DevelopmentForm]
) -> None:
    other = DevelopmentForm.objects.get(instansi=world.other_instansi, kode="seminar")
    with pytest.raises(ServiceError):
        _credit(world, other)
    assert not JpCredit.objects.exists()


def test_absurd_jp_and_wrong_year_are_refused(
    world: World, forms: dict[str, DevelopmentForm]
) -> None:
    with pytest.raises(ServiceError):
        _credit(world, forms["pelatihan-teknis"], units=Decimal(900))
    with pytest.raises(ServiceError):
        _credit(world, forms["pelatihan-teknis"], date=date(YEAR + 1, 1, 5))
    assert not JpCredit.objects.exists()
    assert not AuditEvent.objects.filter(action="delivery.jp.credit").exists()


def test_crediting_is_idempotent_by_source_key(
    world: World, forms: dict[str, DevelopmentForm]
) -> None:
    first = _credit(world, forms["seminar"], units=Decimal(2))
    again = _credit(world, forms["seminar"], units=Decimal(5))
    assert again.pk == first.pk
    assert JpCredit.objects.count() == 1
    assert AuditEvent.objects.filter(action="delivery.jp.credit").count() == 1
    # Another source or another key is another line.
    _credit(world, forms["seminar"], units=Decimal(2), source=JpSource.SEMINAR)
    _credit(world, forms["seminar"], units=Decimal(2), source_key="k2")
    assert JpCredit.objects.count() == 3


# ----------------------------------------------------------------------------- targets


def test_proration_for_joiners_matches_planning() -> None:
    for month in range(1, 13):
        window = rules.service_window(YEAR, joined=date(YEAR, month, 15))
        assert window is not None
        assert rules.target_for(20, window) == prorated_target(20, join_month=month)
    assert rules.service_window(YEAR, joined=date(YEAR + 1, 1, 1)) is None
    full = rules.service_window(YEAR, joined=date(2010, 3, 1))
    assert full is not None and rules.target_for(20, full) == 20


def test_proration_for_leavers_and_both() -> None:
    leaver = rules.service_window(YEAR, joined=None, left=date(YEAR, 6, 30))
    assert leaver is not None and leaver.months == 6 and rules.target_for(20, leaver) == 10
    both = rules.service_window(YEAR, joined=date(YEAR, 4, 1), left=date(YEAR, 9, 2))
    assert both is not None and both.months == 6 and rules.target_for(20, both) == 10
    assert rules.service_window(YEAR, joined=None, left=date(YEAR - 1, 12, 31)) is None


def test_expected_grows_through_the_window() -> None:
    window = rules.service_window(YEAR, joined=None)
    assert window is not None
    assert rules.expected_by(20, window, date(YEAR - 1, 12, 31)) == 0
    assert rules.expected_by(20, window, date(YEAR, 1, 1)) == Decimal("0.05")
    assert rules.expected_by(20, window, date(YEAR, 7, 2)) == Decimal("10.03")
    assert rules.expected_by(20, window, date(YEAR, 12, 31)) == 20


def test_employee_year_for_a_mid_year_joiner(world: World, credit: Callable[..., JpCredit]) -> None:
    joiner = world.colleague
    joiner.tmt_cpns = date(YEAR, 3, 1)
    joiner.save()
    credit(joiner, 8, on=date(YEAR, 5, 1))
    summary = selectors.employee_year(joiner, YEAR, as_of=date(YEAR, 7, 1))
    assert summary.jp_target == 17
    assert summary.jp_earned == Decimal("8.00")
    # 17 × (1 Mar..1 Jul = 123 days) / (1 Mar..31 Dec = 306 days) = 6.83
    assert summary.jp_expected == Decimal("6.83")
    assert summary.on_track
    at_year_end = selectors.employee_year(joiner, YEAR, as_of=date(YEAR, 12, 31))
    assert not at_year_end.on_track
    assert [line.jp for line in summary.lines] == [Decimal("8.00")]


def test_shares_in_sql_agree_with_each_employee(
    world: World, credit: Callable[..., JpCredit], django_assert_max_num_queries: Callable
) -> None:
    as_of = date(YEAR, 7, 1)
    credit(world.employee, 10)
    credit(world.colleague, 9.9)  # expected 9.97 on 1 July: behind
    world.kecamatan_staff.tmt_cpns = date(YEAR, 6, 1)
    world.kecamatan_staff.save()
    credit(world.kecamatan_staff, 0.5, on=date(YEAR, 6, 20))
    people = selectors.instansi_year(world.instansi, YEAR, as_of=as_of)
    by_nip = {p.nip: p.on_track for p in people}
    assert by_nip[world.employee.nip] is True
    assert by_nip[world.colleague.nip] is False
    assert by_nip[world.supervisor.nip] is False
    with django_assert_max_num_queries(2):
        shares = selectors.on_track_shares(world.instansi, YEAR, as_of=as_of)
    assert shares.total.total == len(people) == 4
    assert shares.total.on_track == sum(1 for p in people if p.on_track)
    rows = {row.unit.nama: (row.total, row.on_track) for row in shares.units if row.unit}
    assert rows["Dinas Kesehatan"] == (3, 1)  # the subtree: Puskesmas Alak is under it
    assert rows["Puskesmas Alak"] == (3, 1)
    kecamatan_ok = by_nip[world.kecamatan_staff.nip]
    assert rows["Kecamatan Alak"] == (1, int(kecamatan_ok))
    sub = selectors.on_track_shares(world.instansi, YEAR, as_of=as_of, under=[world.kecamatan.path])
    assert sub.total.total == 1 and [r.unit for r in sub.units] == [world.kecamatan]


@pytest.mark.parametrize(("as_of", "jp"), [(date(YEAR, 7, 1), 9.97), (date(YEAR, 12, 31), 20)])
def test_exactly_the_expected_jp_is_on_track_in_sql_and_python(
    world: World, credit: Callable[..., JpCredit], as_of: date, jp: float
) -> None:
    window = rules.service_window(YEAR, joined=None)
    assert window is not None and rules.expected_by(20, window, as_of) == Decimal(str(jp))
    credit(world.employee, jp)
    credit(world.colleague, round(jp - 0.01, 2))
    people = {p.nip: p.on_track for p in selectors.instansi_year(world.instansi, YEAR, as_of=as_of)}
    assert people[world.employee.nip] is True and people[world.colleague.nip] is False
    shares = selectors.on_track_shares(world.instansi, YEAR, as_of=as_of)
    assert shares.total.on_track == 1
    assert [e.nip for e in selectors.behind(world.instansi, YEAR, as_of=as_of)] == sorted(
        nip for nip, ok in people.items() if not ok
    )


def test_share_query_count_does_not_grow(
    world: World, credit: Callable[..., JpCredit], django_assert_max_num_queries: Callable
) -> None:
    for index in range(6):
        credit(world.employee, 1, key=f"n{index}")
        credit(world.colleague, 1, key=f"n{index}")
    with django_assert_max_num_queries(2):
        selectors.on_track_shares(world.instansi, YEAR, as_of=date(YEAR, 12, 31))
    with django_assert_max_num_queries(2):
        selectors.instansi_year(world.instansi, YEAR, as_of=date(YEAR, 12, 31))


# ----------------------------------------------------------------------------- claims


def _claim_data(forms: dict[str, DevelopmentForm], **kwargs: object) -> ClaimData:
    values: dict[str, object] = {
        "title": "Seminar Kesehatan Masyarakat",
        "organiser": "Universitas Nusa Cendana",
        "start_date": date(YEAR, 5, 4),
        "end_date": date(YEAR, 5, 5),
        "form": forms["seminar"],
        "units": Decimal(2),
    }
    values.update(kwargs)
    return ClaimData(**values)  # type: ignore[arg-type]


TODAY = date(YEAR, 7, 1)


def _submit(world: World, forms: dict[str, DevelopmentForm]) -> ExternalLearningClaim:
    return claim_submit(
        employee=world.employee,
        data=_claim_data(forms),
        certificate=certificate(),
        acting_user=world.user("employee"),
        today=TODAY,
    )


def test_claim_without_certificate_is_rejected(
    world: World, forms: dict[str, DevelopmentForm]
) -> None:
    with pytest.raises(ServiceError) as exc:
        claim_submit(
            employee=world.employee,
            data=_claim_data(forms),
            certificate=None,
            acting_user=world.user("employee"),
            today=TODAY,
        )
    assert exc.value.message_dict["certificate"] == [
        "Sertifikat wajib diunggah sebagai bukti kegiatan."
    ]
    assert not ExternalLearningClaim.objects.exists()
    assert not AuditEvent.objects.filter(action="delivery.claim.submit").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("sertifikat.exe", b"MZ", "Sertifikat harus berkas PDF, JPG atau PNG."),
        ("sertifikat.pdf", b"GIF89a", "Isi berkas tidak sesuai"),
        ("sertifikat.png", b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024), "paling besar 5 MB"),
    ],
)
def test_certificate_type_and_size_are_checked(
    world: World, forms: dict[str, DevelopmentForm], name: str, content: bytes, message: str
) -> None:
    with pytest.raises(ServiceError) as exc:
        claim_submit(
            employee=world.employee,
            data=_claim_data(forms),
            certificate=certificate(name, content),
            acting_user=world.user("employee"),
            today=TODAY,
        )
    assert message in " ".join(exc.value.message_dict["certificate"])
    assert not ExternalLearningClaim.objects.exists()


def test_claim_reports_every_problem_at_once(
    world: World, forms: dict[str, DevelopmentForm]
) -> None:
    with pytest.raises(ServiceError) as exc:
        claim_submit(
            employee=world.employee,
            data=_claim_data(forms, title=" ", start_date=date(YEAR, 5, 6), units=Decimal(0)),
            certificate=None,
            acting_user=world.user("employee"),
            today=TODAY,
        )
    assert {"title", "end_date", "units", "certificate"} <= set(exc.value.message_dict)


def test_only_the_asn_submits_their_claim(world: World, forms: dict[str, DevelopmentForm]) -> None:
    with pytest.raises(PermissionDenied):
        claim_submit(
            employee=world.employee,
            data=_claim_data(forms),
            certificate=certificate(),
            acting_user=world.user("supervisor"),
            today=TODAY,
        )
    assert not ExternalLearningClaim.objects.exists()


def test_decline_needs_a_reason(world: World, forms: dict[str, DevelopmentForm]) -> None:
    claim = _submit(world, forms)
    with pytest.raises(ServiceError) as exc:
        claim_decide(claim=claim, approve=False, reason="  ", acting_user=world.user("opd_admin"))
    assert exc.value.message_dict["reason"] == ["Alasan penolakan wajib diisi."]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    declined = claim_decide(
        claim=claim,
        approve=False,
        reason="Sertifikat tidak terbaca",
        acting_user=world.user("opd_admin"),
    )
    assert declined.status == ClaimStatus.DECLINED and declined.credit is None
    assert not JpCredit.objects.exists()


def test_approval_credits_jp_exactly_once(world: World, forms: dict[str, DevelopmentForm]) -> None:
    claim = _submit(world, forms)
    approved = claim_decide(
        claim=claim, approve=True, reason="", acting_user=world.user("opd_admin")
    )
    assert approved.status == ClaimStatus.APPROVED
    assert approved.credit is not None and approved.credit.jp == Decimal("8.00")  # 2 days × 4 JP
    assert approved.credit.source == JpSource.EXTERNAL_CLAIM
    assert approved.credit.year == YEAR and approved.credit.date == date(YEAR, 5, 5)
    with pytest.raises(ServiceError):
        claim_decide(claim=claim, approve=True, reason="", acting_user=world.user("opd_admin"))
    assert JpCredit.objects.count() == 1
    actions = list(
        AuditEvent.objects.filter(action__startswith="delivery.").values_list("action", flat=True)
    )
    assert sorted(actions) == [
        "delivery.claim.approve",
        "delivery.claim.submit",
        "delivery.jp.credit",
    ]


def test_opd_admin_of_another_opd_cannot_decide(
    world: World, forms: dict[str, DevelopmentForm]
) -> None:
    claim = claim_submit(
        employee=world.kecamatan_staff,
        data=_claim_data(forms),
        certificate=certificate(),
        acting_user=user_create(
            username="asn.kecamatan",
            password=None,
            employee=world.kecamatan_staff,
            acting_user=None,
        ),
        today=TODAY,
    )
    with pytest.raises(PermissionDenied):
        claim_decide(claim=claim, approve=True, reason="", acting_user=world.user("opd_admin"))
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED and not JpCredit.objects.exists()
