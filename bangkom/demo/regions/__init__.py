"""The four demo regions, one module each, in the order the logins table lists them."""

from __future__ import annotations

from bangkom.demo.regions import kupang, mataram, medan, pontianak
from bangkom.demo.spec import RegionSpec

REGIONS: tuple[RegionSpec, ...] = (kupang.REGION, pontianak.REGION, mataram.REGION, medan.REGION)
