import pytest
from django.core.management import CommandError, call_command

from coordination.models import Agency, Area
from slt.accounts.models import User

pytestmark = pytest.mark.django_db

DEMO_USERS = {
    "admin": User.Role.ADMIN,
    "koordinator": User.Role.COORDINATOR,
    "politi": User.Role.POLICE,
    "skole": User.Role.AGENCY,
    "barnevern": User.Role.AGENCY,
    "radikalisering": User.Role.AGENCY,
    "ungdomskoordinator": User.Role.AGENCY,
    "styring": User.Role.STEERING,
}


def test_it_refuses_with_debug_off():
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_it_builds_a_sandnes_like_municipality_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Agency.objects.count(), Area.objects.count(), User.objects.count())
    call_command("seed_demo", force=True)
    assert (Agency.objects.count(), Area.objects.count(), User.objects.count()) == counts
    assert counts[0] >= 12
    assert {u.username: u.role for u in User.objects.all()} == DEMO_USERS
    assert all(u.check_password("demo") for u in User.objects.all())
    assert User.objects.get(username="radikalisering").is_radicalisation_contact
    assert User.objects.get(username="ungdomskoordinator").is_youth_coordinator
    assert User.objects.get(username="politi").agency.kind == Agency.Kind.POLICE
    for agency in Agency.objects.all():
        agency.full_clean()  # valid organisation numbers and e-mails
    assert Agency.objects.filter(contacts__isnull=False).distinct().count() == Agency.objects.count()
