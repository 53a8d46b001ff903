"""Demo data: four city governments whose data tell the stories of the source documents.

``bangkom load-demo`` builds them through the services (``builder.py``) from plain data, one
module per region (``regions/``); ``bangkom demo-logins`` lists their logins.
"""
