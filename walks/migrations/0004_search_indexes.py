"""Trigram (pg_trgm, GIN) index for the search of walks by title (the global search), on PostgreSQL only, and the
index in the walk list's order.

Django's `icontains` on PostgreSQL is `UPPER(column::text) LIKE UPPER(%s)`, so the index is on that expression.
SQLite keeps its plain `LIKE` (no index, same results).
"""

from django.db import migrations, models

INDEXES = [
    ("walk_title_trgm", "walks_safetywalk", "title"),
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
        ("walks", "0003_observation_number"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
        migrations.AddIndex(
            model_name="safetywalk",
            index=models.Index(fields=["-date", "-start_time", "-id"], name="walk_list_order_idx"),
        ),
    ]
