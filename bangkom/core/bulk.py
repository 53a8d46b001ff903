"""Fast inserts of many rows for materialised tables (hundreds of thousands of rows).

PostgreSQL gets ``COPY … FROM STDIN``; SQLite a prepared ``executemany``. Both run inside the
caller's transaction. Only for plain rows: no signals, no ``save()``, no audit row of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models


def bulk_insert(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    table = connection.ops.quote_name(model._meta.db_table)
    fields = [model._meta.get_field(name) for name in columns]
    quoted = ", ".join(
        connection.ops.quote_name(field.column)  # type: ignore[union-attr,arg-type]
        for field in fields
    )
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})"  # noqa: S608 - names quoted
            batch: list[Sequence[Any]] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= 5000:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
    return count
