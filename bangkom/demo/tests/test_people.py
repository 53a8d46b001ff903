"""The demo's people, drawn without a database: valid numbers, believable ages and grades."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from bangkom.demo.people import DEMO_TODAY, YOUNG_ASN_BORN_FROM, PeopleFactory, Person
from bangkom.demo.regions import REGIONS
from bangkom.demo.spec import RegionSpec, walk
from bangkom.lib.golongan import GOLONGAN_PNS, GOLONGAN_PPPK
from bangkom.lib.nip import parse_nip
from bangkom.organisation.models import EmployeeKind


def draw(region: RegionSpec) -> list[Person]:
    factory = PeopleFactory(
        random.Random(region.seed),
        names=region.names,
        email_domain=region.email_domain,
        phone_prefixes=region.phone_prefixes,
        reserved_names={region.mitra_nama},
    )
    return [
        factory.make(spec, pppk=number >= spec.holders - spec.pppk)
        for unit, _ancestors in walk(region.units)
        for spec in unit.positions
        for number in range(spec.holders)
    ]


@pytest.mark.parametrize("region", REGIONS, ids=lambda region: region.slug)
def test_every_pns_has_a_valid_nip_that_matches_the_record(region: RegionSpec) -> None:
    for person in draw(region):
        if person.jenis != EmployeeKind.PNS:
            continue
        info = parse_nip(person.nip, today=DEMO_TODAY)
        assert info.birth_date == person.tanggal_lahir
        assert info.sex == person.jenis_kelamin
        assert info.appointment_month == person.tmt
        assert 1965 <= person.tanggal_lahir.year <= 2000
        assert info.age_on(person.tmt) >= 18


@pytest.mark.parametrize("region", REGIONS, ids=lambda region: region.slug)
def test_a_region_has_40_to_80_people_of_both_sexes_with_pppk_and_young_asn(
    region: RegionSpec,
) -> None:
    people = draw(region)

    assert 40 <= len(people) <= 80
    assert set(Counter(p.jenis_kelamin for p in people)) == {"L", "P"}
    pppk = [p for p in people if p.jenis == EmployeeKind.PPPK]
    assert len(pppk) >= 2
    assert all(len(p.nip) == 18 and p.nip.isdigit() for p in pppk)
    assert all(p.tmt.year >= 2022 for p in pppk)
    assert sum(p.tanggal_lahir.year >= YOUNG_ASN_BORN_FROM for p in people) >= 3


@pytest.mark.parametrize("region", REGIONS, ids=lambda region: region.slug)
def test_numbers_names_and_addresses_never_repeat(region: RegionSpec) -> None:
    people = draw(region)

    for attribute in ("nip", "nama", "email"):
        values = [getattr(p, attribute) for p in people]
        assert len(values) == len(set(values)), attribute
    assert region.mitra_nama not in {p.nama for p in people}


def test_grades_are_real_codes_and_fit_the_kind_of_employee() -> None:
    for region in REGIONS:
        for person in draw(region):
            allowed = GOLONGAN_PNS if person.jenis == EmployeeKind.PNS else GOLONGAN_PPPK
            assert person.golongan in allowed, person


def test_the_same_seed_draws_the_same_people() -> None:
    first, second = draw(REGIONS[0]), draw(REGIONS[0])

    assert first == second
