"""python manage.py apply_retention [--dry-run] [--now ISO]: the retention job by hand (docs/retention.md)."""

from datetime import date, datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from slt.core.retention import apply_retention


def parse_moment(value: str) -> datetime:
    """An ISO date (the start of that day, local time) or date and time (local time unless it names a zone)."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            _("--now takes an ISO date or date and time, e.g. 2031-01-31 or 2031-01-31T02:30.")
        ) from error
    if len(value) <= len("2031-01-31"):
        moment = datetime.combine(date.fromisoformat(value), time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class Command(BaseCommand):
    help = (
        "Anonymise closed cases past their retention date, delete old walk photos, expired sessions and old "
        "audit events. Prints counts and case references, never personal data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be done; change nothing.")
        parser.add_argument("--now", help="Act as if it were this moment (ISO date or date and time).")

    def handle(self, *args, dry_run=False, now=None, **options):
        moment = parse_moment(now) if now else timezone.now()
        if dry_run:
            self.stdout.write(_("Dry run: nothing is changed."))
        for report in apply_retention(now=moment, dry_run=dry_run):
            self.stdout.write(self.line(report, dry_run))
            if report.failed:
                self.stdout.write(
                    self.style.ERROR(
                        _("%(title)s: %(count)d failed and are tried again on the next run: %(references)s")
                        % {"title": report.title, "count": len(report.failed), "references": ", ".join(report.failed)}
                    )
                )

    def line(self, report, dry_run: bool) -> str:
        if not report.enabled:
            return _("%(title)s: kept (not configured)") % {"title": report.title}
        if dry_run:
            text = ngettext("%(title)s: %(count)d would be done", "%(title)s: %(count)d would be done", report.count)
        else:
            text = ngettext("%(title)s: %(count)d done", "%(title)s: %(count)d done", report.count)
        text %= {"title": report.title, "count": report.count}
        if report.before:
            text += " " + _("(older than %(date)s)") % {"date": report.before.isoformat()}
        if report.references:
            text += ": " + ", ".join(report.references)
        return text
