"""The statistics are counted by a beat task into the cache; pages read them and say when they were counted."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from coordination import tasks
from coordination.statistics import Grouping, StatisticsQuery, Unit, default_range, statistics_table
from slt.celery import app as celery_app

from .factories import ConcernFactory

pytestmark = pytest.mark.django_db

URL = reverse("coordination:statistics")


def test_beat_runs_the_refresh_every_few_minutes():
    entry = settings.CELERY_BEAT_SCHEDULE["coordination-statistics"]
    assert entry["task"] == "coordination.tasks.refresh_statistics"
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"] <= 15 * 60


def test_after_the_task_the_page_counts_nothing_itself(client_for, coordinator, django_assert_max_num_queries):
    ConcernFactory.create_batch(6, reporter=coordinator, area__name="Lura")
    tasks.refresh_statistics()
    client = client_for(coordinator)
    client.get(URL)  # the session and the menu's own queries once
    with django_assert_max_num_queries(20) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert not [sql for sql in counts if "coordination_" in sql]
    assert "Talt " in response.text


def _areas_this_month():
    query = StatisticsQuery(Grouping.AREA, Unit.MONTH, *default_range(timezone.localdate()))
    return {row["label"]: row["cells"][-1] for row in statistics_table(query)["rows"]}


def test_new_concerns_appear_after_the_next_run(coordinator):
    tasks.refresh_statistics()
    ConcernFactory.create_batch(5, reporter=coordinator, area__name="Lura")
    before = _areas_this_month()
    tasks.refresh_statistics()
    after = _areas_this_month()
    assert before["Lura"] == "< 5" and after["Lura"] == "5"


def test_a_cold_cache_counts_once_and_keeps_the_counts(coordinator, django_assert_num_queries):
    cache.clear()
    query = StatisticsQuery(Grouping.AREA, Unit.MONTH, *default_range(timezone.localdate()))
    first = statistics_table(query)
    with django_assert_num_queries(1):  # only the list of areas
        second = statistics_table(query)
    assert first["computed_at"] == second["computed_at"]
    assert first == second
