"""Where the optimiser's ``jp_done`` (JP an ASN already earned in the plan year) comes from.

Planning sits below delivery in the layers and must not import it, yet the JP ledger lives in
delivery. So planning owns this small hook and delivery registers the ledger as its provider
in ``DeliveryConfig.ready()``. Without a provider every ASN has done 0 JP.

A provider is ``fn(instansi_id, year, employee_ids) -> {employee_id: jp}``; ids it leaves out
count as 0.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

JpDoneProvider = Callable[[int, int, Collection[int]], Mapping[int, float]]

_provider: JpDoneProvider | None = None


def register_jp_done_provider(provider: JpDoneProvider | None) -> None:
    """Install the provider (one at a time; registering again replaces it, None removes it)."""
    global _provider
    _provider = provider


def jp_done_for(instansi_id: int, year: int, employee_ids: Collection[int]) -> dict[int, float]:
    """JP each of ``employee_ids`` already earned in ``year``, 0 for those without any."""
    done = dict(_provider(instansi_id, year, employee_ids)) if _provider is not None else {}
    return {employee_id: float(done.get(employee_id, 0.0)) for employee_id in employee_ids}
