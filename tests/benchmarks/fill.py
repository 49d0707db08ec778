"""Bulk data for the benchmark, made on the PostgreSQL side (`INSERT … SELECT generate_series`), not by the ORM.

One million concerns take a few minutes this way instead of an hour of Python objects. The shape follows the demo
data: concerns over three years with one to three categories, 30 % shared with the police, action items spread over
the agencies (from concerns, meetings and walks), meetings of a working group, safety walks with observations (the
first walk has 500, the walk page's benchmark), extremism and youth follow-up cases with the demo's specialists as
members, and notices for the coordinator. A marker table (`bench_size`) records the size, so a second run with the
same size reuses the database.
"""

import json

from django.db import connection, transaction

from coordination.models import ActionItem, Concern, ConcernCategory
from walks.models import Observation, SafetyWalk

DESCRIPTIONS = [
    "Observert i sentrum sent på kvelden sammen med eldre ungdom.",
    "Høyt fravær siste måned, foresatte er kontaktet.",
    "Bekymring meldt av miljøarbeider etter episode på fritidsklubben.",
    "Rykter om salg av hasj på skolens område.",
    "Ungdommen har vært involvert i flere slåsskamper i helgene.",
    "Foresatte melder om endret vennekrets og sene kvelder.",
    "Mistanke om tyveri fra butikk sammen med to andre.",
    "Skolen melder om trusler mot medelever på sosiale medier.",
]
TITLES = ["Bedre belysning", "Oppfølgingssamtale", "Kontakt med foresatte", "Rydding av område", "Felles tiltak"]

MARKER = "bench_size"


def _pick(values) -> str:
    """An SQL expression choosing one of the values at random (values are trusted constants)."""
    quoted = ", ".join("'" + str(value).replace("'", "''") + "'" for value in values)
    return f"(ARRAY[{quoted}])[1 + floor(random() * {len(values)})::int]"


def stored_size() -> dict | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [MARKER])
        if cursor.fetchone()[0] is None:
            return None
        cursor.execute(f"SELECT size FROM {MARKER}")
        row = cursor.fetchone()
    if not row:
        return None
    return json.loads(row[0]) if isinstance(row[0], str) else row[0]  # Django leaves jsonb as text


def _ids(cursor, sql, params=()):
    cursor.execute(sql, params)
    return [row[0] for row in cursor.fetchall()]


@transaction.atomic
def fill(
    *,
    concerns: int,
    action_items: int,
    meetings: int,
    walks: int = 0,
    observations: int = 0,
    extremism_cases: int = 0,
    youth_cases: int = 0,
    notices: int = 0,
    seed: float = 0.42,
) -> None:
    with connection.cursor() as c:
        c.execute("SELECT setseed(%s)", [seed])
        # No per-row foreign-key triggers (the ids below are taken from the tables themselves): without this the
        # commit checks millions of deferred constraints one by one. Needs a superuser, as the benchmark's is.
        c.execute("SET LOCAL session_replication_role = replica")
        c.execute("SELECT id FROM coordination_area ORDER BY id")
        areas = [row[0] for row in c.fetchall()]
        c.execute("SELECT id, kind, name FROM coordination_agency WHERE is_active ORDER BY id")
        agencies = c.fetchall()
        schools = [row[0] for row in agencies if row[1] == "school"]
        police = next(row[0] for row in agencies if row[1] == "police")
        c.execute("SELECT id, username, agency_id FROM accounts_user")
        users = {row[1]: (row[0], row[2]) for row in c.fetchall()}
        coordinator = users["koordinator"][0]
        reporters = [users[name] for name in ("koordinator", "politi", "skole", "barnevern")]
        agency_ids = [row[0] for row in agencies]

        # Concerns over the last three years, numbered per year as the service numbers them (after the demo's).
        c.execute("CREATE TEMP TABLE bench_reporter (n int, user_id bigint, agency_id bigint) ON COMMIT DROP")
        c.executemany(
            "INSERT INTO bench_reporter VALUES (%s, %s, %s)", [(i, u, a) for i, (u, a) in enumerate(reporters)]
        )
        school_pick = f"(ARRAY[{', '.join(map(str, schools))}]::bigint[])[1 + floor(random() * {len(schools)})::int]"
        area_pick = f"(ARRAY[{', '.join(map(str, areas))}]::bigint[])[1 + floor(random() * {len(areas)})::int]"
        open_statuses = _pick(["new", "new", "new", "assessment", "assessment", "measures", "measures"])
        c.execute(
            f"""
            CREATE TEMP TABLE bench_concern ON COMMIT DROP AS
            SELECT g, now() - (random() * interval '1095 days') AS created_at,
                   9 + floor(random() * 10)::int AS age,
                   floor(random() * {len(reporters)})::int AS reporter
            FROM generate_series(1, %s) g
            """,
            [concerns],
        )
        c.execute("SELECT coalesce(max(id), 0) FROM coordination_concern")
        first_concern = c.fetchone()[0] + 1
        c.execute(
            f"""
            INSERT INTO coordination_concern (
                reference, status, age, age_band, gender, risk_level, observed_on, description, full_name,
                birth_date, legal_basis, legal_basis_detail, outcome, outcome_note, created_at, updated_at,
                closed_at, area_id, reporter_id, reporter_agency_id, school_id, anonymised_at, retain_until)
            SELECT
                to_char(b.created_at AT TIME ZONE 'Europe/Oslo', 'YYYY') || '-' || to_char(coalesce(y.last_number, 0)
                    + row_number() OVER (PARTITION BY date_part('year', b.created_at AT TIME ZONE 'Europe/Oslo')
                                         ORDER BY b.created_at, b.g), 'FM0000000'),
                s.status, b.age,
                CASE WHEN b.age <= 9 THEN '0-9' WHEN b.age <= 12 THEN '10-12' WHEN b.age <= 15 THEN '13-15'
                     WHEN b.age <= 17 THEN '16-17' ELSE '18+' END,
                {_pick(Concern.Gender.values)}, {_pick(Concern.Risk.values)},
                (b.created_at AT TIME ZONE 'Europe/Oslo')::date,
                {_pick(DESCRIPTIONS)}, '', NULL, '', '',
                CASE WHEN s.status = 'closed' THEN 'resolved' ELSE '' END, '',
                b.created_at, b.created_at,
                CASE WHEN s.status = 'closed' THEN b.created_at + interval '30 days' END,
                {area_pick}, r.user_id, r.agency_id,
                CASE WHEN random() < 0.6 THEN {school_pick} END, NULL, NULL
            FROM bench_concern b
            JOIN bench_reporter r ON r.n = b.reporter
            CROSS JOIN LATERAL (
                SELECT CASE WHEN b.created_at > now() - interval '120 days' THEN {open_statuses}
                            ELSE 'closed' END AS status
            ) s
            LEFT JOIN coordination_concernyearcounter y
                ON y.year = date_part('year', b.created_at AT TIME ZONE 'Europe/Oslo')
            """
        )
        c.execute(
            """
            INSERT INTO coordination_concernyearcounter (year, last_number)
            SELECT left(reference, 4)::int, max(split_part(reference, '-', 2)::int)
            FROM coordination_concern WHERE id >= %s GROUP BY 1
            ON CONFLICT (year) DO UPDATE SET last_number = EXCLUDED.last_number
            """,
            [first_concern],
        )
        c.execute("SELECT max(id) FROM coordination_concern")
        last_concern = c.fetchone()[0]

        # One to three categories each (1, 1, 2, 3 as in the demo's spread), 30 % shared with the police.
        categories = ConcernCategory.Category.values
        c.execute(
            f"""
            INSERT INTO coordination_concerncategory (concern_id, category)
            SELECT DISTINCT one.id, {_pick(categories)}
            FROM (SELECT id, (ARRAY[1, 1, 2, 3])[1 + floor(random() * 4)::int] AS n
                  FROM coordination_concern WHERE id BETWEEN %s AND %s) one
            CROSS JOIN LATERAL generate_series(1, one.n) k
            """,
            [first_concern, last_concern],
        )
        c.execute(
            """
            INSERT INTO coordination_concernshare (includes_identity, legal_basis, legal_basis_detail, shared_at,
                agency_id, concern_id, shared_by_id)
            SELECT false, 'anonymous', '', created_at + interval '1 day', %s, id, %s
            FROM coordination_concern WHERE id BETWEEN %s AND %s AND random() < 0.3
            """,
            [police, coordinator, first_concern, last_concern],
        )

        # Meetings of a benchmark forum.
        c.execute(
            "INSERT INTO coordination_forum (name, kind, mandate, is_active, created_at) "
            "SELECT 'Arbeidsgruppe (benchmark)', 'working', '', true, now() RETURNING id"
        )
        forum = c.fetchone()[0]
        c.execute(
            """
            INSERT INTO coordination_meeting (title, starts_at, ends_at, location, created_at, updated_at, forum_id,
                sequence)
            SELECT 'Arbeidsgruppemøte', t, t + interval '2 hours', 'Rådhuset', now(), now(), %s, 0
            FROM (SELECT date_trunc('hour', now() + (random() * 1020 - 900) * interval '1 day') AS t
                  FROM generate_series(1, %s)) m
            """,
            [forum, meetings],
        )

        # Safety walks: the first has 500 observations, the others share the rest.
        walk_ids = []
        if walks:
            organiser = coordinator
            c.execute(
                f"""
                INSERT INTO walks_safetywalk (title, date, start_time, light, meeting_point, route_description,
                    residents_count, youth_council_count, landlords_count, other_external_count, external_participants,
                    status, conclusion, published_at, created_at, updated_at, area_id, created_by_id, organiser_id)
                SELECT 'Trygghetsvandring ' || g, d, time '19:00', {_pick(SafetyWalk.Light.values)}, 'Torget',
                    'Fra torget gjennom parken.', 2, 1, 0, 0, '',
                    CASE WHEN d > current_date THEN 'planned' ELSE 'completed' END, '', NULL, now(), now(),
                    {area_pick}, %s, %s
                FROM (SELECT g, current_date - (floor(random() * 1800)::int - 60) AS d
                      FROM generate_series(1, %s) g) w
                RETURNING id
                """,
                [organiser, organiser, walks],
            )
            walk_ids = sorted(row[0] for row in c.fetchall())
            first_walk, rest = walk_ids[0], walk_ids[1:]
            ratings = "1 + floor(random() * 5)::int"
            c.execute(
                f"""
                INSERT INTO walks_observation (category, description, safety_rating, suggested_measure, latitude,
                    longitude, created_at, created_by_id, walk_id, number)
                SELECT {_pick(Observation.Category.values)}, 'Mørkt parti langs gangveien.', {ratings},
                    'Sett opp lys.', round((58.84 + random() * 0.04)::numeric, 6),
                    round((5.70 + random() * 0.08)::numeric, 6), now(), %s, walk_id,
                    row_number() OVER (PARTITION BY walk_id ORDER BY g)
                FROM (SELECT g, CASE WHEN g <= 500 OR %s = 0 THEN %s ELSE %s + (g %% %s) END AS walk_id
                      FROM generate_series(1, %s) g) o
                """,
                [organiser, len(rest), first_walk, rest[0] if rest else 0, max(len(rest), 1), observations],
            )

        # Action items: half from concerns, a tenth from walks (linked to observations), the rest from meetings.
        walk_items = action_items // 10 if walk_ids else 0
        agency_pick = (
            f"(ARRAY[{', '.join(map(str, agency_ids))}]::bigint[])[1 + floor(random() * {len(agency_ids)})::int]"
        )
        c.execute(
            f"""
            INSERT INTO coordination_actionitem (title, description, due_date, status, status_reason, source,
                created_at, updated_at, completed_at, created_by_id, responsible_agency_id, concern_id, meeting_id)
            SELECT {_pick(TITLES)} || ' ' || g, '', current_date + (floor(random() * 400)::int - 200), st,
                CASE WHEN st = 'wont_do' THEN 'Ikke prioritert i år.' ELSE '' END, src, now(), now(),
                CASE WHEN st = 'done' THEN now() END, %s, {agency_pick},
                CASE WHEN src = 'concern' THEN %s + floor(random() * (%s - %s + 1))::bigint END,
                CASE WHEN src = 'meeting' THEN (SELECT min(id) FROM coordination_meeting WHERE forum_id = %s)
                    + floor(random() * %s)::bigint END
            FROM (SELECT g, {_pick(ActionItem.Status.values)} AS st,
                         CASE WHEN g <= %s THEN 'walk' WHEN g %% 2 = 0 THEN 'concern' ELSE 'meeting' END AS src
                  FROM generate_series(1, %s) g) a
            """,
            [
                coordinator,
                first_concern,
                last_concern,
                first_concern,
                forum,
                max(meetings, 1),
                walk_items,
                action_items,
            ],
        )
        if walk_items:
            c.execute(
                """
                INSERT INTO walks_observation_action_items (observation_id, actionitem_id)
                SELECT o.id, a.id FROM
                    (SELECT id, row_number() OVER (ORDER BY id) n FROM coordination_actionitem WHERE source = 'walk') a
                JOIN (SELECT id, row_number() OVER (ORDER BY id DESC) n FROM walks_observation) o USING (n)
                """
            )

        # Extremism cases with the radicalisation contact as a member.
        if extremism_cases:
            contact = users["radikalisering"][0]
            c.execute(
                f"""
                INSERT INTO extremism_case (status, step, summary, age_band, gender, risk_level, risk_assessment,
                    full_name, birth_date, legal_basis, legal_basis_detail, outcome, outcome_note, retain_until,
                    created_at, updated_at, moved_at, closed_at, area_id, created_by_id, reporting_agency_id)
                SELECT st, {_pick(["concern_noted", "discussed", "clarification", "local_measures"])},
                    'Bekymring for radikalisering, følges opp av kontaktpersonen.',
                    {_pick(["13-15", "16-17", "18+"])}, {_pick(Concern.Gender.values)}, {_pick(Concern.Risk.values)},
                    '', '', NULL, '', '',
                    CASE WHEN st = 'closed' THEN 'resolved' ELSE '' END, '',
                    CASE WHEN st = 'closed' THEN current_date + 365 END, t, t, t,
                    CASE WHEN st = 'closed' THEN t + interval '60 days' END, {area_pick}, %s, %s
                FROM (SELECT now() - random() * interval '1095 days' AS t,
                             CASE WHEN random() < 0.8 THEN 'closed' ELSE 'open' END AS st
                      FROM generate_series(1, %s)) e
                RETURNING id
                """,
                [contact, users["radikalisering"][1], extremism_cases],
            )
            case_ids = [row[0] for row in c.fetchall()]
            c.execute(
                "INSERT INTO extremism_casemember (added_at, added_by_id, case_id, user_id) "
                "SELECT now(), %s, id, %s FROM unnest(%s::bigint[]) id",
                [contact, contact, case_ids],
            )

        # Youth follow-up cases with the youth coordinator on the team.
        if youth_cases:
            youth = users["ungdomskoordinator"][0]
            c.execute(
                """
                INSERT INTO youthfollowup_youthcase (number, state, given_name, family_name, initials, birth_date,
                    phone, email, address, referred_on, prosecutor_name, prosecutor_office, prosecution_reference,
                    age_at_offence, plan_due, next_follow_up_due, ended_on, end_note, retain_until, created_at,
                    updated_at, created_by_id)
                SELECT 'UO-B' || lpad(g::text, 6, '0'), st, 'Ola', 'Nordmann ' || g, 'ON', NULL, '', '', '', r,
                    'Statsadvokat', 'Rogaland statsadvokatembeter', '', 16,
                    CASE WHEN st = 'decided' THEN r + 42 END, CASE WHEN st = 'in_follow_up' THEN r + 90 END,
                    CASE WHEN st = 'completed' THEN r + 200 END, '',
                    CASE WHEN st = 'completed' THEN r + 2000 END, r, r, %s
                FROM (SELECT g, current_date - floor(random() * 1095)::int AS r,
                             (ARRAY['completed', 'completed', 'completed', 'in_follow_up', 'decided', 'referred'])
                                 [1 + floor(random() * 6)::int] AS st
                      FROM generate_series(1, %s) g) y
                RETURNING id
                """,
                [youth, youth_cases],
            )
            case_ids = [row[0] for row in c.fetchall()]
            c.execute(
                "INSERT INTO youthfollowup_teammember (function, added_at, added_by_id, user_id, case_id) "
                "SELECT 'youth_coordinator', now(), %s, %s, id FROM unnest(%s::bigint[]) id",
                [youth, youth, case_ids],
            )

        # Notices for the coordinator (most read), the notice list's benchmark.
        if notices:
            c.execute(
                """
                INSERT INTO notifications_notification (kind, reference, url, slot, due_at, created_at, read_at,
                    recipient_id)
                SELECT 'action_item_due_today', 'Tiltak ' || g, '/tiltak/', 'b' || g, t, t, CASE WHEN g %% 50 <> 0 THEN t END, %s
                FROM (SELECT g, now() - random() * interval '365 days' AS t FROM generate_series(1, %s) g) n
                """,
                [coordinator, notices],
            )


def mark(size: dict) -> None:
    with connection.cursor() as c:
        c.execute(f"CREATE TABLE IF NOT EXISTS {MARKER} (size jsonb NOT NULL)")
        c.execute(f"DELETE FROM {MARKER}")
        c.execute(f"INSERT INTO {MARKER} VALUES (%s)", [json.dumps(size, sort_keys=True)])
