"""Generated input for every form-bearing POST view (Hypothesis): no server error, and no half-saved record.

The views come from the URL resolver: each named URL is either a target below or excluded with a reason, so
a new view cannot be forgotten. For each target the test signs in as a role that may use it, finds the
form that posts to it (on its own page or on the page above it), and posts generated values for the form's
fields: text with control characters, very long and unusual unicode, numbers and dates far out of range,
values that are not among the choices, and fields left out. After each post:
- the answer is never 5xx;
- when the answer is the form again (200) or a refusal (4xx), no row of the project's tables has been
  added or removed (nothing half-saved). A redirect means the input was accepted.

The demo municipality (seed_demo) is the world: one seeding per module, then every target of the module.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slt.accounts.models import User

pytestmark = pytest.mark.django_db

EXAMPLES = 20  # per view: the whole module stays around a minute or two

# ------------------------------------------------------------------------------------------------------------
# Which views are fuzzed, and which are not (with the reason).

BUTTON = "a button without input fields (a confirmation POST); its own tests cover it"
READ = "answers GET only: it writes nothing"
DJANGO_AUTH = "Django's own account view (sign-in, password change and reset); the accounts tests cover it"

EXCLUDED = {
    "core:dashboard": READ,
    "core:healthz": READ,
    "core:search": "a GET search form: writes nothing; tests/core covers odd queries",
    "login": DJANGO_AUTH + "; failed sign-ins are recorded on purpose (lockout), so rows change",
    "logout": BUTTON,
    "password_change": DJANGO_AUTH,
    "password_change_done": READ,
    "password_reset": DJANGO_AUTH + "; it sends e-mail",
    "password_reset_done": READ,
    "password_reset_confirm": DJANGO_AUTH + "; needs a valid one-time token",
    "password_reset_complete": READ,
    "core:csp_report": "a JSON endpoint for the browser's Content-Security-Policy reports, not a form",
    "second_factor_settings": "second-factor pages (django-otp): the accounts tests cover them",
    "second_factor_verify": "second-factor sign-in: a wrong code counts towards the lockout on purpose",
    "second_factor_enrol": "second-factor pages (django-otp): the accounts tests cover them",
    "second_factor_recovery_codes": "second-factor pages (django-otp): the accounts tests cover them",
    "second_factor_regenerate": "second-factor pages (django-otp): the accounts tests cover them",
    "second_factor_remove": "second-factor pages (django-otp): the accounts tests cover them",
    "oidc_authentication_init": "a redirect to the identity provider (OpenID Connect), no form",
    "oidc_authentication_callback": "the identity provider's redirect back (OpenID Connect), no form",
    "audit:access_report": READ + " (a filtered report)",
    "audit:access_report_csv": READ,
    "coordination:agency_list": READ,
    "coordination:agency_detail": READ,
    "coordination:forum_list": READ,
    "coordination:forum_detail": READ,
    "coordination:meeting_list": READ,
    "coordination:meeting_detail": READ,
    "coordination:meeting_ics": READ,
    "coordination:meeting_minutes": READ + " (the minutes for print)",
    "coordination:meeting_approve": BUTTON,
    "coordination:meeting_cancel": BUTTON,
    "coordination:agenda_item_move": BUTTON + " (up or down)",
    "coordination:agenda_item_delete": BUTTON + " (after a confirmation page)",
    "coordination:meeting_attachment": READ + " (a file download)",
    "coordination:meeting_attachment_add": "a file upload: tests/coordination/test_meeting_attachments.py posts odd files",
    "coordination:meeting_attachment_delete": BUTTON,
    "coordination:action_item_list": READ,
    "coordination:action_item_export": READ,
    "coordination:action_item_detail": READ,
    "coordination:concern_list": READ,
    "coordination:concern_inbox": READ,
    "coordination:concern_detail": READ,
    "coordination:concern_share_revoke": BUTTON,
    "coordination:concern_acknowledge": BUTTON,
    "coordination:statistics": READ,
    "coordination:statistics_csv": READ,
    "coordination:statistics_pdf": READ,
    "walks:walk_list": READ,
    "walks:follow_up": READ,
    "walks:walk_detail": READ,
    "walks:observations_csv": READ,
    "walks:observations_geojson": READ,
    "walks:walk_report": READ,
    "walks:walk_report_pdf": READ,
    "walks:observation_detail": READ,
    "walks:photo": READ,
    "walks:photo_thumbnail": READ,
    "extremism:guide": READ,
    "extremism:guide_search": "a GET search form: writes nothing",
    "extremism:contacts": READ,
    "extremism:guide_print": READ,
    "extremism:sign_list": READ,
    "extremism:sign_history": READ,
    "extremism:sign_restore": BUTTON,
    "extremism:section_detail": READ,
    "extremism:section_print": READ,
    "extremism:section_history": READ,
    "extremism:section_restore": BUTTON,
    "extremism:case_list": READ,
    "extremism:case_detail": READ,
    "extremism:member_remove": BUTTON,
    "youthfollowup:case_list": READ,
    "youthfollowup:statistics": READ,
    "youthfollowup:case_detail": READ,
    "youthfollowup:plan_meeting_ical": READ,
    "youthfollowup:team_remove": BUTTON,
    "notifications:notice_list": READ,
    "notifications:notice_read": BUTTON,
    "notifications:notices_read_all": BUTTON,
    "notifications:calendar_renew": BUTTON,
    "notifications:calendar_revoke": BUTTON,
    "notifications:calendar_feed": READ + " (a token-signed calendar feed)",
}


@dataclass
class Target:
    role: str  # a demo user name
    args: Any = None  # world -> URL arguments
    host: Any = None  # world -> the page that holds the form, when it is not the view's own page
    extra: dict = field(default_factory=dict)


def _pk(model_label):
    def get(world):
        return apps.get_model(model_label).objects.order_by("pk").values_list("pk", flat=True)[0]

    return get


def _one(make):
    """URL arguments from a fresh record made for this view alone (so that one view's accepted posts, such as
    closing a case, do not take the form away from the next view)."""
    return lambda world: make(world)


COORDINATION = {
    "set_language": Target("koordinator", host=lambda w: "/"),
    "notifications:profile": Target("skole"),
    "coordination:agency_create": Target("admin"),
    "coordination:agency_update": Target("admin", lambda w: [_pk("coordination.Agency")(w)]),
    "coordination:forum_create": Target("koordinator"),
    "coordination:forum_update": Target("koordinator", lambda w: [_pk("coordination.Forum")(w)]),
    "coordination:meeting_create": Target("koordinator"),
    "coordination:meeting_update": Target("koordinator", _one(lambda w: [w.meeting().pk])),
    "coordination:meeting_attendance": Target(
        "koordinator", _one(lambda w: [w.meeting().pk]), host=lambda w: w.last_page
    ),
    "coordination:agenda_item_add": Target("koordinator", _one(lambda w: [w.meeting().pk]), host=lambda w: w.last_page),
    "coordination:agenda_item_edit": Target("koordinator", _one(lambda w: w.agenda_item()), host=lambda w: w.last_page),
    "coordination:agenda_item_action": Target("koordinator", _one(lambda w: w.agenda_item())),
    "coordination:action_item_create": Target("koordinator"),
    "coordination:action_item_update": Target("koordinator", _one(lambda w: [w.action_item().pk])),
    "coordination:action_item_status": Target("koordinator", _one(lambda w: [w.action_item().pk])),
    "coordination:action_item_note": Target("koordinator", _one(lambda w: [w.action_item().pk])),
    "coordination:concern_create": Target("koordinator"),
    "coordination:concern_identity_search": Target("koordinator"),
    "coordination:concern_update": Target("koordinator", _one(lambda w: [w.concern().pk])),
    "coordination:concern_share": Target("koordinator", _one(lambda w: [w.concern().pk])),
    "coordination:concern_note": Target("koordinator", _one(lambda w: [w.concern().pk])),
    "coordination:concern_status": Target("koordinator", _one(lambda w: [w.concern().pk])),
    "coordination:concern_measure": Target("koordinator", _one(lambda w: [w.concern().pk])),
}
WALKS = {
    "walks:walk_create": Target("koordinator"),
    "walks:walk_update": Target("koordinator", _one(lambda w: [w.walk("planned").pk])),
    "walks:walk_status": Target("koordinator", _one(lambda w: [w.walk("in_progress").pk])),
    "walks:observation_create": Target("koordinator", _one(lambda w: [w.walk("in_progress").pk])),
    "walks:action_create": Target("koordinator", _one(lambda w: w.walk_with_observation())),
    "walks:action_status": Target("koordinator", _one(lambda w: w.walk_action_item())),
    "walks:walk_publish": Target(
        "koordinator",
        _one(lambda w: [w.walk("completed").pk]),
        host=lambda w: reverse("walks:walk_report", args=[w.last.pk]),
    ),
}
EXTREMISM = {
    "extremism:sign_create": Target("radikalisering"),
    "extremism:sign_update": Target("radikalisering", lambda w: [_pk("extremism.WarningSign")(w)]),
    "extremism:section_create": Target("radikalisering"),
    "extremism:section_update": Target("radikalisering", lambda w: [w.section_slug]),
    "extremism:case_create": Target("radikalisering"),
    "extremism:case_create_from_concern": Target(
        "radikalisering", _one(lambda w: [w.concern(reporter="radikalisering").pk])
    ),
    "extremism:case_move": Target("radikalisering", _one(lambda w: [w.extremism_case().pk])),
    "extremism:case_signs": Target("radikalisering", _one(lambda w: [w.extremism_case().pk])),
    "extremism:case_risk": Target("radikalisering", _one(lambda w: [w.extremism_case().pk])),
    "extremism:case_identity": Target("radikalisering", _one(lambda w: [w.extremism_case().pk])),
    "extremism:measure_create": Target("radikalisering", _one(lambda w: [w.extremism_case().pk])),
    "extremism:measure_status": Target("radikalisering", _one(lambda w: w.extremism_measure())),
    "extremism:member_add": Target("radikalisering", _one(lambda w: [w.extremism_case().pk])),
    "extremism:case_close": Target("radikalisering", _one(lambda w: [w.extremism_case().pk])),
}


def _youth(state, *related):
    def args(world):
        case = world.youth_case(state)
        return [case.pk, *(getter(case) for getter in related)]

    return args


def _first(relation):
    def get(case):
        if relation == "measure":
            plan = getattr(case, "plan", None)
            row = plan.measures.order_by("pk").first() if plan else None
        else:
            row = getattr(case, relation).order_by("pk").first()
        return row.pk if row else 0

    return get


YOUTH = {
    "youthfollowup:case_create": Target("ungdomskoordinator"),
    "youthfollowup:case_update": Target("ungdomskoordinator", _youth("referred")),
    "youthfollowup:guardian_add": Target("ungdomskoordinator", _youth("referred")),
    "youthfollowup:offence_add": Target("ungdomskoordinator", _youth("referred")),
    "youthfollowup:consent_add": Target("ungdomskoordinator", _youth("referred")),
    "youthfollowup:consent_withdraw": Target("ungdomskoordinator", _youth("consents_obtained", _first("consents"))),
    "youthfollowup:decision": Target("ungdomskoordinator", _youth("consents_obtained")),
    "youthfollowup:plan_meeting": Target("ungdomskoordinator", _youth("decided")),
    "youthfollowup:plan": Target("ungdomskoordinator", _youth("plan_meeting_planned")),
    "youthfollowup:plan_approve": Target("ungdomskoordinator", _youth("plan_meeting_planned")),
    "youthfollowup:measure_add": Target("ungdomskoordinator", _youth("in_follow_up")),
    "youthfollowup:measure_update": Target("ungdomskoordinator", _youth("in_follow_up", _first("measure"))),
    "youthfollowup:measure_note": Target("ungdomskoordinator", _youth("in_follow_up", _first("measure"))),
    "youthfollowup:team_add": Target("ungdomskoordinator", _youth("in_follow_up")),
    "youthfollowup:follow_up_add": Target("ungdomskoordinator", _youth("in_follow_up")),
    "youthfollowup:follow_up_held": Target("ungdomskoordinator", _one(lambda w: w.youth_follow_up_meeting())),
    "youthfollowup:note_add": Target("ungdomskoordinator", _youth("in_follow_up")),
    "youthfollowup:breach_add": Target("ungdomskoordinator", _youth("in_follow_up")),
    "youthfollowup:case_end": Target("ungdomskoordinator", _youth("in_follow_up")),
}
TARGETS = {**COORDINATION, **WALKS, **EXTREMISM, **YOUTH}


def _url_names():
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns))


def test_every_view_is_fuzzed_or_excluded_with_a_reason():
    names = _url_names()
    assert not names - set(TARGETS) - set(EXCLUDED), "a new view: add it to TARGETS or to EXCLUDED with a reason"
    assert not (set(TARGETS) | set(EXCLUDED)) - names, "a view in the lists no longer exists"
    assert not set(TARGETS) & set(EXCLUDED)
    assert all(reason.strip() for reason in EXCLUDED.values())


# ------------------------------------------------------------------------------------------------------------
# The world: the demo municipality, plus youth cases in each state the youth forms need.


class World:
    """The demo municipality; each view that works on a record gets a fresh one of its own."""

    def __init__(self):
        with open("/dev/null", "w") as quiet:
            call_command("seed_demo", force=True, stdout=quiet)
        from extremism.models import GuideSection

        self.users = {user.username: user for user in User.objects.all()}
        self.section_slug = GuideSection.objects.order_by("pk").values_list("slug", flat=True)[0]
        self.last = None  # the record made last, for a host page that names it
        self.last_page = None

    def _made(self, record, page=None):
        self.last = record
        self.last_page = page or (record.get_absolute_url() if hasattr(record, "get_absolute_url") else None)
        return record

    def meeting(self):
        from tests.coordination.factories import MeetingFactory

        return self._made(MeetingFactory(secretary=self.users["koordinator"]))

    def agenda_item(self):
        from tests.coordination.factories import AgendaItemFactory

        item = AgendaItemFactory(meeting=self.meeting(), decision="Vi gjør det.")
        return [item.meeting_id, item.pk]

    def action_item(self):
        from tests.coordination.factories import ActionItemFactory

        return self._made(ActionItemFactory())

    def concern(self, reporter="koordinator"):
        from tests.coordination.factories import ConcernFactory

        return self._made(ConcernFactory(reporter=self.users[reporter]))

    def walk(self, status):
        from tests.walks.factories import SafetyWalkFactory

        return self._made(SafetyWalkFactory(status=status))

    def walk_with_observation(self):
        from tests.walks.factories import ObservationFactory

        walk = self.walk("completed")
        ObservationFactory(walk=walk)
        return [walk.pk]

    def walk_action_item(self):
        from tests.walks.factories import ObservationFactory, WalkActionItemFactory

        observation = ObservationFactory(walk=self.walk("completed"))
        item = WalkActionItemFactory()
        observation.action_items.add(item)
        return [observation.walk_id, item.pk]

    def extremism_case(self):
        from tests.extremism.factories import CaseFactory

        return self._made(CaseFactory(created_by=self.users["radikalisering"]))

    def extremism_measure(self):
        from tests.extremism.factories import MeasureFactory

        measure = MeasureFactory(case=self.extremism_case())
        return [measure.case_id, measure.pk]

    def youth_follow_up_meeting(self):
        case = self.youth_case("in_follow_up")
        meeting = case.follow_up_meetings.create(
            starts_at=timezone.now() - timedelta(days=1), place="Skolen", created_by=self.users["ungdomskoordinator"]
        )
        return [case.pk, meeting.pk]

    def youth_case(self, state):
        from tests.youthfollowup.factories import case_in

        return self._made(case_in(state, self.users["ungdomskoordinator"]))


# ------------------------------------------------------------------------------------------------------------
# Finding the form that posts to a view.


@dataclass
class FormField:
    name: str
    kind: str  # input type, "textarea", "select"
    values: list = field(default_factory=list)  # choices of a select, radio or checkbox group
    multiple: bool = False
    initial: str = ""


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms = []  # (method, action, {name: FormField})
        self._current = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._current = ((a.get("method") or "get").lower(), a.get("action"), {})
            self.forms.append(self._current)
            return
        if self._current is None:
            return
        fields = self._current[2]
        name = a.get("name")
        if tag == "input" and name and a.get("type", "text") not in ("submit", "button", "reset", "image"):
            kind = a.get("type", "text")
            if name in fields and kind in ("checkbox", "radio"):
                fields[name].values.append(a.get("value", "on"))
                fields[name].multiple = kind == "checkbox"
            else:
                fields[name] = FormField(name, kind, [a.get("value", "on")] if kind in ("checkbox", "radio") else [])
                fields[name].initial = a.get("value", "")
        elif tag == "textarea" and name:
            fields[name] = FormField(name, "textarea")
        elif tag == "select" and name:
            self._select = fields[name] = FormField(name, "select", multiple="multiple" in a)
        elif tag == "option" and self._select is not None:
            self._select.values.append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


def _forms_posting_to(html, path, page_path):
    parser = _FormParser()
    parser.feed(html)
    for method, action, fields in parser.forms:
        target = urlsplit(action).path if action else page_path
        if method == "post" and target == path:
            yield fields


def find_form(client, path, host=None):
    """The fields of the form that posts to `path`: on the view's own page, on the given host page, or on a
    page above it (a detail page holds the small forms of its actions)."""
    candidates = [host] if host else []
    candidates.append(path)
    parts = [p for p in path.strip("/").split("/") if p]
    for end in range(len(parts) - 1, 0, -1):
        candidates.append("/" + "/".join(parts[:end]) + "/")
    for page in candidates:
        response = client.get(page)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        found = list(_forms_posting_to(response.content.decode(), path, page))
        if found:
            return {k: v for k, v in found[0].items() if k != "csrfmiddlewaretoken"}
    return None


# ------------------------------------------------------------------------------------------------------------
# Generated values.

ODD_TEXT = [
    "",
    " ",
    "\r",
    "\r\n",
    "\n\n\n",
    "\t\x0b\x0c",
    "\x1b[31m",
    ";,\\",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\u202eevil\u202c",
    "\ufeffBOM",
    "Z̸̡̢͓͈a̶l̷g̸o̵",
    "𝕳𝖊𝖑𝖑𝖔 🧑‍🤝‍🧑",
    "æøå ÆØÅ",
    "%s %(name)s {0}",
    "../../etc/passwd",
]
texts = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20),
    st.sampled_from([5_001, 20_001, 100_000]).map(lambda n: "x" * n),
)
numbers = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(["", "0", "-1", "1", "5", "25", "26", "32767", "32768", "2147483648", "1e400", "NaN", "inf"]),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(ODD_TEXT),
)
_today = date.today()
dates = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.sampled_from(["0001-01-01", "9999-12-31", "1999-12-31", "2024-02-30", "0000-00-00", "+10000-01-01", "i går"]),
    st.integers(min_value=-400, max_value=400).map(lambda d: (_today + timedelta(days=d)).isoformat()),
)
datetimes = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)).map(
        lambda d: d.isoformat()[:16]
    ),
    st.sampled_from(["0001-01-01T00:00", "9999-12-31T23:59", "2026-13-01T25:61", "nå"]),
    st.integers(min_value=-400, max_value=400).map(
        lambda d: (timezone.localtime() + timedelta(days=d)).isoformat()[:16]
    ),
)
times = st.one_of(
    st.times().map(lambda t: t.isoformat()[:5]),
    st.sampled_from(["24:00", "23:60", "-1:00", "kl. 14"]),
)


def value_strategy(form_field: FormField):
    kind = form_field.kind
    if kind in ("select", "radio", "checkbox") and form_field.values:
        choice = st.one_of(
            st.sampled_from(form_field.values), st.sampled_from(["", "0", "-1", "99999999999999999999", "x"])
        )
        if form_field.multiple or kind == "checkbox":
            return st.lists(choice, max_size=4)
        return choice
    if kind == "number":
        return numbers
    if kind == "date":
        return dates
    if kind == "datetime-local":
        return datetimes
    if kind == "time":
        return times
    if kind == "hidden":
        return st.one_of(st.just(form_field.initial), numbers, texts)
    if kind == "file":
        return st.just(None)
    return texts


# ------------------------------------------------------------------------------------------------------------
# The check.

COUNTED_APPS = ("coordination", "walks", "extremism", "youthfollowup", "accounts", "notifications")
NOT_COUNTED = {"audit.AuditEvent"}


def _row_counts():
    """Rows per table of the project's apps, in one query."""
    from django.db import connection

    tables = [
        model._meta.db_table
        for app in COUNTED_APPS
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.concrete_model._meta.label not in NOT_COUNTED
    ]
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT {i}, COUNT(*) FROM {quote(table)}" for i, table in enumerate(tables))
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = dict(cursor.fetchall())
    return {table: counts[i] for i, table in enumerate(tables)}


def fuzz(world, name):
    target = TARGETS[name]
    user = world.users[target.role]
    client = Client()
    client.force_login(user)
    path = reverse(name, args=target.args(world) if target.args else [])
    host = target.host(world) if target.host else None
    assert host is None or host.startswith("/"), f"{name}: no host page"
    fields = find_form(client, path, host)
    assert fields is not None, f"{name}: no form posting to {path} found; give the target a host page"
    names = sorted(fields)

    def check(payload):
        before = _row_counts()
        response = client.post(path, payload)
        assert response.status_code < 500, f"{name}: {response.status_code} for {payload!r}"[:2000]
        if response.status_code == 200 or 400 <= response.status_code < 500:
            after = _row_counts()
            changed = {label: (before[label], after[label]) for label in before if before[label] != after[label]}
            assert not changed, f"{name}: rows changed on a refused post {changed} for {payload!r}"[:2000]

    check({})  # an empty post, always

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def post(data):
        payload = {}
        for field_name in names:
            if data.draw(st.integers(0, 9), label=f"omit {field_name}") == 0:
                continue  # a missing field
            value = data.draw(value_strategy(fields[field_name]), label=field_name)
            if value is not None:
                payload[field_name] = value
        check(payload)

    post()


@pytest.fixture
def world(settings):
    settings.DEBUG = False
    return World()


def _check(world, targets):
    """Every target, then one failure that lists each view that failed (with Hypothesis' smallest example)."""
    failures = []
    for name in targets:
        try:
            fuzz(world, name)
        except Exception as error:
            failures.append(f"{name}: {error}"[:3000])
    assert not failures, "\n\n".join(failures)


def test_coordination_forms(world):
    _check(world, COORDINATION)


def test_walk_forms(world):
    _check(world, WALKS)


def test_extremism_forms(world):
    _check(world, EXTREMISM)


def test_youth_forms(world):
    _check(world, YOUTH)


def test_the_form_finder_reads_fields_choices_and_actions():
    html = (
        '<form method="post" action="/a/"><input type="hidden" name="csrfmiddlewaretoken" value="t">'
        '<input name="title"><input type="date" name="d"><select name="s" multiple><option value="1">'
        '<option value="2"></select><input type="checkbox" name="c" value="x"><input type="checkbox" name="c" '
        'value="y"><textarea name="t"></textarea><button type="submit" name="go">Go</button></form>'
        '<form method="get" action="/a/"><input name="q"></form>'
    )
    (fields,) = _forms_posting_to(html, "/a/", "/")
    assert {name: f.kind for name, f in fields.items()} == {
        "csrfmiddlewaretoken": "hidden",
        "title": "text",
        "d": "date",
        "s": "select",
        "c": "checkbox",
        "t": "textarea",
    }
    assert fields["s"].values == ["1", "2"] and fields["s"].multiple
    assert fields["c"].values == ["x", "y"] and fields["c"].multiple
