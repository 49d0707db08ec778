from celery import shared_task


@shared_task
def ping(token: str) -> str:
    """A round trip through the broker and a worker (used by CI and operators)."""
    return f"pong:{token}"
