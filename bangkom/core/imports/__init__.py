"""Reading spreadsheet uploads for any app's bulk import, all or nothing.

- :mod:`.reading` turns an uploaded CSV/XLSX into rows numbered as a spreadsheet shows them;
- :mod:`.columns` finds each expected column under any of its header spellings;
- :mod:`.report` holds the errors of a rejected file, the summary of a good one and what the
  shared result page (``core/import_result.html``) shows.
"""
