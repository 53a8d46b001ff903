"""Pages for units, positions (with duties and standards) and employees."""

from bangkom.organisation.views.employees import (
    employee_create_view,
    employee_detail,
    employee_edit,
    employee_list,
    wilayah_search,
)
from bangkom.organisation.views.positions import (
    duty_create_view,
    duty_delete_view,
    duty_edit,
    position_create_view,
    position_detail,
    position_edit,
    position_list,
    standard_edit,
)
from bangkom.organisation.views.units import unit_create_view, unit_detail, unit_edit, unit_list

__all__ = [
    "duty_create_view",
    "duty_delete_view",
    "duty_edit",
    "employee_create_view",
    "employee_detail",
    "employee_edit",
    "employee_list",
    "position_create_view",
    "position_detail",
    "position_edit",
    "position_list",
    "standard_edit",
    "unit_create_view",
    "unit_detail",
    "unit_edit",
    "unit_list",
    "wilayah_search",
]
