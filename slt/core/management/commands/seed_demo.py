from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from coordination.demo import seed_coordination
from slt.core import demo
from walks.demo import seed_walks


class Command(BaseCommand):
    help = "Fill the database with a Sandnes-like demo municipality (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DJANGO_DEBUG off (never on a production database)."
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo adds demo users with known passwords; it runs only with DJANGO_DEBUG=1, "
                "or with --force on a database that is not in production."
            )
        agencies = demo.seed_registry()
        users = demo.seed_users(agencies)
        coordination = seed_coordination(agencies, users)
        self.stdout.write(
            "Coordination: {forums} forums, {meetings} meetings, {action_items} action items, "
            "{concerns} concerns.".format(**coordination)
        )
        walks = seed_walks(agencies, users)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(agencies)} agencies, {len(users)} users, {len(walks)} safety walks."
            )
        )
        self.stdout.write(f"Demo users (password '{demo.DEMO_PASSWORD}'):")
        for user in users:
            agency = f", {user.agency}" if user.agency else ""
            self.stdout.write(f"  {user.username:<20} {user.get_role_display()}{agency}")
