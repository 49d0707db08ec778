import uuid

from django.core.management.base import BaseCommand, CommandError

from slt.core.tasks import ping


class Command(BaseCommand):
    help = "Send a task through the broker to a running Celery worker and wait for its answer."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=30.0, help="Seconds to wait for the worker.")

    def handle(self, *args, timeout, **options):
        token = uuid.uuid4().hex
        try:
            answer = ping.delay(token).get(timeout=timeout)
        except Exception as error:
            raise CommandError(f"No answer from a Celery worker within {timeout:g} s: {error}") from error
        if answer != f"pong:{token}":
            raise CommandError(f"Unexpected answer from the worker: {answer!r}")
        self.stdout.write(self.style.SUCCESS(f"Celery round trip OK ({answer})."))
