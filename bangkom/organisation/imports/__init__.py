"""Bulk imports into the organisation: employees (SIASN export or template) and positions with
their duties and standards (template). Each import is all or nothing.

- :mod:`.reading` turns an uploaded CSV/XLSX into rows numbered as a spreadsheet shows them;
- :mod:`.layouts` defines each file's sheets and columns (read by the importers, written
  by the templates); :mod:`.columns` finds them under any of their header spellings;
- :mod:`.matching` finds (or plans) the units and positions a file names;
- :mod:`.employees` and :mod:`.positions` check a whole file, then write it in one transaction;
- :mod:`.workbooks` builds the downloadable templates;
- :mod:`.report` holds the errors and the summary shown to the user.
"""

from bangkom.organisation.imports.employees import employees_import
from bangkom.organisation.imports.positions import positions_import
from bangkom.organisation.imports.report import CellError, ImportRejected, ImportSummary

__all__ = ["CellError", "ImportRejected", "ImportSummary", "employees_import", "positions_import"]
