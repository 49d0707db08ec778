import threading
import uuid

from django.core.management.base import BaseCommand, CommandError

from slt.core.tasks import ping


class Command(BaseCommand):
    help = "Send a task through the broker to a running Celery worker and wait for its answer."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=30.0, help="Seconds to wait for the worker.")

    def handle(self, *args, timeout, **options):
        """The whole round trip (publish, worker, result) is bounded by the timeout: a broker that is down or
        hangs makes the command fail after `timeout` seconds, not after the client's own retries."""
        token = uuid.uuid4().hex
        outcome = {}

        def round_trip():
            try:
                outcome["answer"] = ping.delay(token).get(timeout=timeout)
            except Exception as error:
                outcome["error"] = error

        thread = threading.Thread(target=round_trip, daemon=True)
        thread.start()
        thread.join(timeout)
        if "answer" not in outcome:
            error = outcome.get("error", "the broker or the worker did not answer")
            raise CommandError(f"No answer from a Celery worker within {timeout:g} s: {error}")
        answer = outcome["answer"]
        if answer != f"pong:{token}":
            raise CommandError(f"Unexpected answer from the worker: {answer!r}")
        self.stdout.write(self.style.SUCCESS(f"Celery round trip OK ({answer})."))
