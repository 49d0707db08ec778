"""`EXPLAIN (ANALYZE, BUFFERS)` of the heaviest list and search queries on the benchmark database.

    .venv/bin/python -m tests.benchmarks.explain             # every query below
    .venv/bin/python -m tests.benchmarks.explain search      # those whose name contains "search"
    .venv/bin/python -m tests.benchmarks.explain --before    # without this branch's indexes, the count as it was

Run it after `python -m tests.benchmarks.run` has filled `slt_bench`. The querysets are the pages' own (the
selectors with the pages' filters, the paginator's capped count and the page's rows), so a plan shown here is the
plan the page gets.
"""

import os
import sys


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slt.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-explain")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost")
    os.environ.setdefault(
        "DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{os.environ.get('SLT_BENCH_DB', 'slt_bench')}"
    )
    os.environ.setdefault("REDIS_URL", os.environ.get("SLT_BENCH_REDIS", "redis://127.0.0.1:6379/10"))
    import django

    django.setup()


NEW_INDEXES = [
    "concern_description_trgm",
    "action_item_title_trgm",
    "action_item_description_trgm",
    "walk_title_trgm",
    "walk_list_order_idx",
    "action_item_agency_open_idx",
    "action_item_source_changed_idx",
    "action_item_source_open_idx",
]


def queries(before=False):
    """(name, SQL, params) of each query; `before`: the count as it was (10,001 rows, unordered)."""
    from coordination import selectors as coordination
    from extremism import selectors as extremism
    from slt.accounts.models import User
    from slt.core.pagination import CappedPaginator
    from walks import selectors as walks

    coordinator = User.objects.get(username="koordinator")
    police = User.objects.get(username="politi")
    contact = User.objects.get(username="radikalisering")

    def count(queryset):
        inner = queryset.order_by().values("pk")[:10001] if before else queryset.values("pk")[: CappedPaginator.cap + 1]
        sql, params = inner.query.sql_with_params()
        return f"SELECT count(*) FROM ({sql}) capped", params

    def rows(queryset):
        return queryset.query.sql_with_params()

    filtered = coordination.concern_list(coordinator, status="new", category="drugs")
    scoped = coordination.concern_list(police)
    search = coordination.concern_list(police, search="hasj")
    return [
        ("concern list, status new + category drugs: the capped count", *count(filtered)),
        ("concern list, status new + category drugs: the rows of page 3", *rows(filtered[50:75])),
        ("police scoped list: the capped count", *count(scoped)),
        ("police search hasj: the capped count", *count(search)),
        ("police search hasj: the rows of page 1", *rows(search[:25])),
        ("extremism case list: the rows of page 1", *rows(extremism.case_list(contact)[:25])),
        ("walk follow-up: the open measures' capped count", *count(walks.open_walk_actions(coordinator))),
        ("walk list: the rows of page 1", *rows(walks.walk_list(coordinator)[:25])),
        ("dashboard: my agency's open action items", *rows(coordination.my_open_action_items(coordinator))),
    ]


def main():
    _setup()
    from django.db import connection, transaction

    arguments = sys.argv[1:]
    before = "--before" in arguments
    wanted = " ".join(a for a in arguments if a != "--before").lower()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        if before:
            # Without this branch's indexes (dropped inside the transaction, which is rolled back).
            for name in NEW_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
        for name, sql, params in queries(before=before):
            if wanted and wanted not in name.lower():
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            print(f"### {name}\n\n```\n{plan}\n```\n", flush=True)
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
