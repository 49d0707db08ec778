"""Django admin: the municipality's name in the header and title, Bokmål throughout (also for Django's own strings
that Django ships untranslated: slt/core/admin_strings.py), and no page for Django's groups (roles are used)."""

import re
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib import admin as admin_app
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation
from django.views.i18n import JavaScriptCatalog

pytestmark = pytest.mark.django_db

# Django 5.2's strings without a Bokmål translation in Django itself, as they would show in English.
ENGLISH = [
    "Show counts",
    "Hide counts",
    "Add link",
    "Change or view list link",
    "Model name",
    "Breadcrumbs",
    "Sidebar",
    "Start typing to filter",
    "Filter navigation items",
    "Toggle theme",
    "Raw passwords are not stored",
    "After you’ve created a user",
    "Whether the user will be able to authenticate",
    "Password-based authentication",
    "Select all objects on this page",
    "Select this object for an action",
    ">Axes<",
    ">Accounts<",
    "Access attempt",
    "Attempt Time",
    "Failed Logins",
    "User Agent",
]


def test_the_header_and_title_name_the_municipality(client_for, admin, settings):
    settings.SLT_MUNICIPALITY_NAME = "Bjørnafjorden kommune"
    page = client_for(admin).get(reverse("admin:index")).text
    assert re.search(r'<div id="site-name"><a href="/admin/">Bjørnafjorden kommune · SLT – administrasjon</a>', page)
    assert "<title>" in page and "Bjørnafjorden kommune · SLT – administrasjon</title>" in page


def test_the_sign_in_page_of_admin_is_branded_and_norwegian(settings):
    settings.SLT_MUNICIPALITY_NAME = "Bjørnafjorden kommune"
    page = Client().get(reverse("admin:login")).text
    assert "Bjørnafjorden kommune · SLT – administrasjon" in page
    assert "Toggle theme" not in page and "Bytt fargetema" in page


def test_the_header_follows_the_language(client_for, admin):
    admin.preferred_language = "en"
    admin.save(update_fields=["preferred_language"])
    page = client_for(admin).get(reverse("admin:index")).text
    assert "Sandnes kommune · SLT administration</a>" in page


@pytest.mark.parametrize(
    "url",
    [
        lambda user: reverse("admin:index"),
        lambda user: reverse("admin:accounts_user_changelist"),
        lambda user: reverse("admin:accounts_user_add"),
        lambda user: reverse("admin:accounts_user_change", args=[user.pk]),
        lambda user: reverse("admin:auth_user_password_change", args=[user.pk]),
        lambda user: reverse("admin:audit_auditevent_changelist"),
        lambda user: reverse("admin:coordination_agency_changelist"),
        lambda user: reverse("admin:axes_accessattempt_changelist"),
    ],
    ids=["index", "users", "add-user", "change-user", "set-password", "audit", "agencies", "lockouts"],
)
def test_admin_pages_have_no_english_left(client_for, admin, url):
    AccessAttempt.objects.create(
        username="skole", ip_address="10.0.0.1", user_agent="Firefox", path_info="/", failures_since_start=3
    )
    response = client_for(admin).get(url(admin))
    assert response.status_code == 200
    page = response.text
    assert [text for text in ENGLISH if text in page] == []


def test_django_s_untranslated_strings_get_bokmal_from_the_project():
    with translation.override("nb"):
        assert translation.gettext("Show counts") == "Vis antall"
        assert translation.gettext("Set password") == "Sett passord"
        assert translation.ngettext("entry", "entries", 2) == "oppføringer"
        assert translation.gettext("Raw passwords are not stored, so there is no way to see the user’s password.") != (
            "Raw passwords are not stored, so there is no way to see the user’s password."
        )


def test_there_is_no_page_for_groups(client_for, admin):
    Group.objects.create(name="ubrukt")
    client = client_for(admin)
    with pytest.raises(NoReverseMatch):
        reverse("admin:auth_group_changelist")
    assert client.get("/admin/auth/group/").status_code == 404
    assert "Grupper" not in client.get(reverse("admin:index")).text
    assert Group.objects.count() == 1  # nothing touched


def test_the_lockout_records_are_under_a_norwegian_heading(client_for, admin):
    page = client_for(admin).get(reverse("admin:index")).text
    assert "Innloggingssperre" in page and "Innloggingsforsøk" in page


def test_the_apps_keep_their_own_configuration():
    """The lockout app's config lives apart from AccountsConfig, so Django still picks AccountsConfig (its ready()
    connects the second-factor signal)."""
    from django.apps import apps

    assert type(apps.get_app_config("accounts")).__name__ == "AccountsConfig"
    assert type(apps.get_app_config("axes")).__name__ == "LockoutConfig"


ADMIN_SCRIPTS = Path(admin_app.__file__).parent / "static" / "admin" / "js"
SINGULAR = re.compile(r"""\bgettext\(\s*(['"])((?:(?!\1).)+)\1\s*\)""")
PLURAL = re.compile(r"""\bngettext\(\s*(['"])((?:(?!\1).)+)\1\s*,""")
CONTEXT = re.compile(r"""\bpgettext\(\s*(['"])((?:(?!\1).)+)\1\s*,\s*(['"])((?:(?!\3).)+)\3\s*\)""")


def _admin_script_strings() -> set:
    keys = set()
    for script in ADMIN_SCRIPTS.glob("*.js"):
        text = script.read_text()
        keys |= {m[2] for m in SINGULAR.finditer(text)}
        keys |= {(m[2], 0) for m in PLURAL.finditer(text)}
        keys |= {f"{m[2]}\x04{m[4]}" for m in CONTEXT.finditer(text)}
    return keys


def test_every_string_of_admin_s_scripts_has_bokmal():
    """Django ships Bokmål for most of admin's JavaScript but not the calendar's weekdays or the two-box
    selector's buttons; the project's djangojs catalogue (slt/core/admin_strings.js) fills them in."""
    keys = _admin_script_strings()
    assert len(keys) > 60  # the expressions above still find admin's strings
    paths = JavaScriptCatalog().get_paths(["django.contrib.admin"])
    catalog = DjangoTranslation("nb", domain="djangojs", localedirs=paths)._catalog
    assert sorted(str(key) for key in keys if key not in catalog) == []


def test_admin_s_script_catalogue_is_served_in_bokmal(client_for, admin):
    response = client_for(admin).get(reverse("admin:jsi18n"))
    assert response.status_code == 200
    script = response.content.decode()
    assert '"Monday": "mandag"' in script
    assert '"Choose all %s": "Velg alle %s"' in script
    assert '"Remove": "Fjern"' in script  # Django's own Bokmål says "Slett" (delete) for this button
    assert '"Choose a Date": "Velg en dato"' in script  # Django's translations are kept
