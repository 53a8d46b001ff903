"""The needs stage of the demo: each region's story for plan year 2026 as assessments, a
training-needs survey, regional evidence and the needs recomputation (``stage.py``), from plain
data (``stories.py``)."""
