from celery import shared_task


@shared_task
def ping(token: str) -> str:
    """A round trip through the broker and a worker (used by CI and operators)."""
    return f"pong:{token}"


@shared_task(acks_late=True)
def apply_retention() -> dict:
    """Daily at 02:30 Europe/Oslo (beat): the retention job. Returns counts per step, never personal data."""
    from .retention import apply_retention as run

    return {report.key: {"done": report.count, "failed": len(report.failed)} for report in run()}
