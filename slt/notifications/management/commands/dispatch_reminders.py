from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from slt.notifications import dispatcher


class Command(BaseCommand):
    help = "Run one pass of the reminder dispatcher and send what is due, here and now (no Celery worker needed)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", default="", help="The moment to run the pass for (ISO 8601, e.g. 2026-03-02T07:00+01:00)."
        )
        parser.add_argument("--no-send", action="store_true", help="Only insert the delivery rows.")

    def handle(self, *args, now, no_send, **options):
        moment = self._moment(now) if now else timezone.now()
        result = dispatcher.dispatch(now=moment)
        self.stdout.write(
            f"Window {result.since.isoformat()} – {result.until.isoformat()}: {result.offered} deliveries offered."
        )
        for kind, count in sorted(result.by_kind.items()):
            if count:
                self.stdout.write(f"  {kind}: {count}")
        if no_send:
            return
        stats = dispatcher.deliver(now=moment)
        summary = ", ".join(f"{key} {value}" for key, value in sorted(stats.items())) or "nothing to send"
        self.stdout.write(self.style.SUCCESS(f"Sent: {summary}."))

    def _moment(self, text):
        try:
            moment = datetime.fromisoformat(text)
        except ValueError as error:
            raise CommandError(f"--now: not an ISO 8601 date and time: {text!r}") from error
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment
