"""`EXPLAIN (ANALYZE, BUFFERS)` of the heaviest list and search queries on the benchmark database.

    .venv/bin/python -m tests.benchmarks.explain            # every query below
    .venv/bin/python -m tests.benchmarks.explain search     # those whose name contains "search"

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


def queries():
    from coordination import selectors as coordination
    from slt.accounts.models import User
    from slt.core.pagination import CappedPaginator
    from walks import selectors as walks

    coordinator = User.objects.get(username="koordinator")
    police = User.objects.get(username="politi")

    def count(queryset):
        return CappedPaginator(queryset, 25).object_list.order_by().values("pk")[: CappedPaginator.cap + 1]

    filtered = coordination.concern_list(coordinator, status="new", category="drugs")
    scoped = coordination.concern_list(police)
    search = coordination.concern_list(police, search="hasj")
    items = coordination.action_item_list(coordinator, search="oppfølging")
    return [
        ("filtered list: rows of page 3", filtered[50:75]),
        ("filtered list: capped count", count(filtered)),
        ("police scoped list: rows of page 1", scoped[:25]),
        ("police scoped list: capped count", count(scoped)),
        ("police search hasj: rows of page 1", search[:25]),
        ("police search hasj: capped count", count(search)),
        ("action-item search: rows of page 1", items[:25]),
        ("walk list: rows of page 1", walks.walk_list(coordinator)[:25]),
        (
            "walk search (global search panel)",
            walks.walks_visible_to(coordinator).filter(title__icontains="vandring 1234"),
        ),
    ]


def main():
    _setup()
    wanted = " ".join(sys.argv[1:]).lower()
    for name, queryset in queries():
        if wanted and wanted not in name.lower():
            continue
        # A count is explained as the count query the paginator runs.
        if name.endswith("capped count"):
            from django.db import connection

            sql, params = queryset.query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM ({sql}) capped", params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
        else:
            plan = queryset.explain(analyze=True, buffers=True)
        print(f"### {name}\n\n```\n{plan}\n```\n", flush=True)


if __name__ == "__main__":
    main()
