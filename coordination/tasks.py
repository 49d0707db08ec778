from celery import shared_task

from .statistics import refresh_statistics as _refresh_statistics


@shared_task
def refresh_statistics() -> str:
    """Count the statistics into the cache (beat, every STATISTICS_REFRESH_SECONDS), so no page waits for it."""
    snapshot = _refresh_statistics()
    return snapshot["computed_at"].isoformat()
