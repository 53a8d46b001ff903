"""The JP ledger (*rekam JP*): crediting, external learning claims, targets and who is on track.

- ``rules``: pure arithmetic of targets, proration and "on track" (no database).
- ``services``: the writes (``jp_credit``, ``claim_submit``, ``claim_decide``).
- ``selectors``: the reads shared by the pages, the command and the optimiser's input.
- ``access``: who may see and decide what.
"""
