"""Bulk imports into the organisation: employees (SIASN export or template) and positions with
their duties and standards (template). Each import is all or nothing.

Reading the file, finding its columns and reporting errors are shared by every app's imports
(:mod:`bangkom.core.imports`).

- :mod:`.layouts` defines each file's sheets and columns (read by the importers, written
  by the templates);
- :mod:`.matching` finds (or plans) the units and positions a file names;
- :mod:`.employees` and :mod:`.positions` check a whole file, then write it in one transaction;
- :mod:`.workbooks` builds the downloadable templates.
"""

from bangkom.organisation.imports.employees import employees_import
from bangkom.organisation.imports.positions import positions_import

__all__ = ["employees_import", "positions_import"]
