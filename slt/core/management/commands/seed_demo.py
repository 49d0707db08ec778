from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from slt.core.registry import DEMO_PASSWORD, DemoContext, registry


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
        context = DemoContext()
        for seeder in registry.demo_seeders():
            self.stdout.write(f"{seeder.key}: {seeder.seed(context)}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"Demo users (password '{DEMO_PASSWORD}'):")
        for user in context.users.values():
            agency = f", {user.agency}" if user.agency else ""
            self.stdout.write(f"  {user.username:<20} {user.get_role_display()}{agency}")
