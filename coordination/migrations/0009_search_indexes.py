"""Trigram (pg_trgm, GIN) indexes for the free-text searches of concerns and action items, on PostgreSQL only.

Django's `icontains` on PostgreSQL is `UPPER(column::text) LIKE UPPER(%s)`, so the index is on that expression.
SQLite keeps its plain `LIKE` (no index, same results).
"""

from django.db import migrations

INDEXES = [
    ("concern_description_trgm", "coordination_concern", "description"),
    ("action_item_title_trgm", "coordination_actionitem", "title"),
    ("action_item_description_trgm", "coordination_actionitem", "description"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("coordination", "0008_text_and_date_bounds"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
