"""Observation.number: 1, 2, 3 … per walk, the same number on the map, in the lists, the report and the exports.

Existing observations are numbered by the order they were recorded in (created_at, then id)."""

import django.core.validators
from django.db import migrations, models


def number_existing(apps, schema_editor):
    Observation = apps.get_model("walks", "Observation")
    current_walk, number = None, 0
    changed = []
    for observation in Observation.objects.order_by("walk_id", "created_at", "id").only("id", "walk_id"):
        if observation.walk_id != current_walk:
            current_walk, number = observation.walk_id, 0
        number += 1
        observation.number = number
        changed.append(observation)
    Observation.objects.bulk_update(changed, ["number"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("walks", "0002_text_and_date_bounds"),
    ]

    operations = [
        migrations.AddField(
            model_name="observation",
            name="number",
            field=models.PositiveIntegerField(null=True, verbose_name="number"),
        ),
        migrations.RunPython(number_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="observation",
            name="number",
            field=models.PositiveIntegerField(
                validators=[django.core.validators.MinValueValidator(1)], verbose_name="number"
            ),
        ),
        migrations.AlterModelOptions(
            name="observation",
            options={
                "ordering": ["walk_id", "number"],
                "verbose_name": "observation",
                "verbose_name_plural": "observations",
            },
        ),
        migrations.AddConstraint(
            model_name="observation",
            constraint=models.UniqueConstraint(fields=("walk", "number"), name="observation_number_unique_per_walk"),
        ),
    ]
