"""Where the optimiser learns which ASN are already booked on a program outside the plans
(enrolled in a session of that catalogue program in the plan year).

Planning sits below delivery in the layers and must not import it, yet enrolment lives in
delivery. So planning owns this small hook (like ``jp_done``) and delivery registers its
provider in ``DeliveryConfig.ready()``. Without a provider nobody is booked outside the plans;
the other approved plans of the year are read by planning itself
(``selectors.planned_elsewhere``).

A provider is ``fn(instansi_id, year, employee_ids) -> {(employee_id, template_id)}``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Set

BookedProvider = Callable[[int, int, Collection[int]], Set[tuple[int, int]]]

_provider: BookedProvider | None = None


def register_booked_provider(provider: BookedProvider | None) -> None:
    """Install the provider (one at a time; registering again replaces it, None removes it)."""
    global _provider
    _provider = provider


def booked_for(instansi_id: int, year: int, employee_ids: Collection[int]) -> set[tuple[int, int]]:
    """(employee id, program template id) pairs already booked outside the plans in ``year``."""
    if _provider is None:
        return set()
    wanted = set(employee_ids)
    return {pair for pair in _provider(instansi_id, year, employee_ids) if pair[0] in wanted}
