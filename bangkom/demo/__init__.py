"""Demo data: four city governments whose data tell the stories of the source documents.

``bangkom load-demo`` builds them through the services (``builder.py``) from plain data, one
module per region (``regions/``), then plays each region's needs story for plan year 2026
(``needs/``: ratings, the training-needs survey, regional evidence, the needs recomputation);
``bangkom demo-logins`` lists their logins.
"""
