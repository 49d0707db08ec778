"""Trigram (pg_trgm, GIN) indexes for the free-text searches of concerns and action items, on PostgreSQL only,
and the indexes of the dashboard's open action items of an agency and of the walk follow-up (its cache key and its open measures).

Django's `icontains` on PostgreSQL is `UPPER(column::text) LIKE UPPER(%s)`, so the index is on that expression.
SQLite keeps its plain `LIKE` (no index, same results).
"""

from django.db import migrations, models

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
        ("coordination", "0009_meeting_attachments"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
        migrations.AddIndex(
            model_name="actionitem",
            index=models.Index(
                fields=["responsible_agency", "is_settled", "due_date", "id"], name="action_item_agency_open_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="actionitem",
            index=models.Index(fields=["source", "updated_at"], name="action_item_source_changed_idx"),
        ),
        migrations.AddIndex(
            model_name="actionitem",
            index=models.Index(fields=["source", "is_settled", "due_date", "id"], name="action_item_source_open_idx"),
        ),
    ]
