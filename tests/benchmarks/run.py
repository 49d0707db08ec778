"""Benchmark: every page under concurrent load on PostgreSQL at 1,000,000 concerns, beside Django admin and a ceiling.

    .venv/bin/python -m tests.benchmarks.run                  # fills slt_bench once (minutes), then measures
    .venv/bin/python -m tests.benchmarks.run                  # again: the same size reuses the filled database
    .venv/bin/python -m tests.benchmarks.run --refill         # drop and fill again
    .venv/bin/python -m tests.benchmarks.run --notifications  # and the reminder dispatch benchmark afterwards

It creates the PostgreSQL database `slt_bench` (unless it holds the same size already: the `bench_size` table),
migrates, loads the demo data and the bulk data (`tests/benchmarks/fill.py`, on the database side), serves the site
with gunicorn (debug off, Redis cache, as in production) and measures each page with ApacheBench (`ab`, Debian's
apache2-utils) from this machine: p50/p95 latency and requests per second, and each page's query count and SQL time
from one request in process. Results go to standard output as a Markdown table (copy them into docs/benchmarks.md),
with the load average of the machine before and after.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DB_NAME = os.environ.get("SLT_BENCH_DB", "slt_bench")
PG = "postgres://postgres@127.0.0.1:5432"
REDIS = os.environ.get("SLT_BENCH_REDIS", "redis://127.0.0.1:6379/10")


def _environment(port):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "slt.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "REDIS_URL": REDIS,
    }


def _manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _python(env, code):
    out = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def _stored_size(env):
    exists = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", "SELECT 1", DB_NAME], capture_output=True, text=True
    )
    if exists.returncode != 0:
        return None
    code = "import django, json; django.setup(); from tests.benchmarks.fill import stored_size; print(json.dumps(stored_size()))"
    return json.loads(_python(env, code))


def prepare_database(env, size, *, refill=False):
    """Fill the database once; a later run with the same size reuses it."""
    if not refill and _stored_size(env) == size:
        print(f"reusing {DB_NAME}: {size}", flush=True)
        _manage(env, "migrate", "--noinput", "-v", "0")
        return
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", DB_NAME], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB_NAME], check=True)
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "seed_demo", "--force")
    started = time.monotonic()
    arguments = ", ".join(f"{key}={value}" for key, value in size.items())
    code = (
        "import django; django.setup(); from tests.benchmarks.fill import fill, mark; "
        f"fill({arguments}); mark({size!r})"
    )
    subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, check=True)
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", "VACUUM ANALYZE", DB_NAME], check=True)
    print(f"filled in {time.monotonic() - started:.0f} s", flush=True)


def session_cookie(env, username):
    """A signed-in session made directly in the database (the benchmark measures pages, not the login)."""
    code = (
        "import django, time; django.setup()\n"
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "from slt.accounts.middleware import SESSION_LAST_SEEN, SESSION_STARTED\n"
        "from slt.accounts.models import User\n"
        f"user = User.objects.get(username={username!r})\n"
        "s = SessionStore()\n"
        "s[SESSION_KEY] = str(user.pk); s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'\n"
        "s[HASH_SESSION_KEY] = user.get_session_auth_hash()\n"
        "s[SESSION_STARTED] = s[SESSION_LAST_SEEN] = time.time() + 3600\n"
        # Signed in with the second factor, as in production: a confirmed authenticator, verified in the session.
        "from django_otp import DEVICE_ID_SESSION_KEY\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "from slt.accounts.second_factor import DONE_WITH_DEVICE, SESSION_SECOND_FACTOR_DONE\n"
        "device = TOTPDevice.objects.filter(user=user, confirmed=True).first()\n"
        "device = device or TOTPDevice.objects.create(user=user, name='benchmark', confirmed=True)\n"
        "s[DEVICE_ID_SESSION_KEY] = device.persistent_id; s[SESSION_SECOND_FACTOR_DONE] = DONE_WITH_DEVICE\n"
        "s.create(); print(s.session_key)\n"
    )
    return _python(env, code)


def record_ids(env):
    """A concern in the middle of the coordinator's list, and the walk with 500 observations."""
    code = (
        "import django, json; django.setup()\n"
        "from django.db.models import Count\n"
        "from coordination.models import Concern\n"
        "from walks.models import SafetyWalk\n"
        "ids = Concern.objects.order_by('-created_at', '-id').values_list('pk', flat=True)\n"
        "walk = SafetyWalk.objects.filter(title__regex=r'^Trygghetsvandring [0-9]+$').order_by('pk').first()\n"
        "walk = walk or SafetyWalk.objects.annotate(n=Count('observations')).order_by('-n').first()\n"
        "print(json.dumps({'concern': ids[5000], 'walk': walk.pk}))\n"
    )
    return json.loads(_python(env, code))


def query_counts(env, pages):
    """Each page once in process: its status, query count and SQL time (Django's own query log)."""
    code = (
        "import django, json, sys, time; django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "from django.conf import settings; settings.ROOT_URLCONF = 'tests.benchmarks.urls'\n"
        "out = []\n"
        "for path, cookie in json.loads(sys.argv[1]):\n"
        "    client = Client()\n"
        "    client.cookies['sessionid'] = cookie\n"
        "    client.get(path)\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        started = time.perf_counter(); response = client.get(path); total = time.perf_counter() - started\n"
        "    sql = sum(float(q['time']) for q in queries.captured_queries)\n"
        "    out.append([response.status_code, len(queries), round(sql * 1000, 1), round(total * 1000, 1)])\n"
        "print(json.dumps(out))\n"
    )
    argument = json.dumps([[path, cookie] for _, path, cookie in pages])
    out = subprocess.run(
        [PYTHON, "-c", code, argument], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def start_server(env, port, workers):
    server = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "tests.benchmarks.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer on /healthz")


def ab(url, cookie, *, requests, concurrency):
    out = subprocess.run(
        ["ab", "-q", "-l", "-n", str(requests), "-c", str(concurrency), "-H", f"Cookie: sessionid={cookie}", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    non_2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
    if non_2xx:
        raise SystemExit(f"{url}: {non_2xx.group(1)} responses were not 200\n{out}")
    failed = int(re.search(r"Failed requests:\s+(\d+)", out).group(1))
    rps = float(re.search(r"Requests per second:\s+([\d.]+)", out).group(1))
    p50 = int(re.search(r"\s50%\s+(\d+)", out).group(1))
    p95 = int(re.search(r"\s95%\s+(\d+)", out).group(1))
    return {"p50": p50, "p95": p95, "rps": rps, "failed": failed}


def pages(base, ids, cookies):
    """(name, path, session cookie): the ceiling first, the admin change list beside the filtered list."""
    coordinator, police, admin = cookies["koordinator"], cookies["politi"], cookies["admin"]
    walk = ids["walk"]
    return [
        ("Ceiling: a signed-in page with no data (password change)", "/accounts/password_change/", coordinator),
        ("Dashboard (koordinator)", "/", coordinator),
        (
            "Concern list, status new + category drugs, page 3",
            "/bekymringer/?status=new&category=drugs&page=3",
            coordinator,
        ),
        (
            "Django admin change list, same filter",
            "/bench-admin/coordination/concern/?status__exact=new&categories__category=drugs&p=3",
            admin,
        ),
        ("Concern list (politi, shared scope)", "/bekymringer/", police),
        ("Concern search q=hasj (politi)", "/bekymringer/?q=hasj", police),
        ("Concern page", f"/bekymringer/{ids['concern']}/", coordinator),
        ("Action-item list", "/tiltak/", coordinator),
        ("Statistics (cached)", "/statistikk/", coordinator),
        ("Walk list", "/trygghetsvandringer/", coordinator),
        ("Walk page (500 observations)", f"/trygghetsvandringer/{walk}/", coordinator),
        ("Walk GeoJSON (500 observations)", f"/trygghetsvandringer/{walk}/observasjoner.geojson", coordinator),
        ("Walk follow-up", "/trygghetsvandringer/oppfolging/", coordinator),
        ("Extremism case list (radikalisering)", "/ekstremisme/saker/", cookies["radikalisering"]),
        ("Youth follow-up list (ungdomskoordinator)", "/ungdomsoppfolging/", cookies["ungdomskoordinator"]),
        ("Notice list", "/varsler/", coordinator),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--concerns", type=int, default=1_000_000)
    parser.add_argument("--action-items", type=int, default=200_000)
    parser.add_argument("--meetings", type=int, default=20_000)
    parser.add_argument("--walks", type=int, default=20_000)
    parser.add_argument("--observations", type=int, default=500_000)
    parser.add_argument("--extremism-cases", type=int, default=50_000)
    parser.add_argument("--youth-cases", type=int, default=50_000)
    parser.add_argument("--notices", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8108)
    parser.add_argument("--refill", action="store_true", help="drop and fill the database even if the size matches")
    parser.add_argument("--only", help="measure only pages whose name contains this text")
    parser.add_argument("--notifications", action="store_true", help="then run the reminder dispatch benchmark")
    options = parser.parse_args()
    if not shutil.which("ab"):
        raise SystemExit("ApacheBench is missing: apt-get install apache2-utils")

    size = {
        "concerns": options.concerns,
        "action_items": options.action_items,
        "meetings": options.meetings,
        "walks": options.walks,
        "observations": options.observations,
        "extremism_cases": options.extremism_cases,
        "youth_cases": options.youth_cases,
        "notices": options.notices,
    }
    env = _environment(options.port)
    prepare_database(env, size, refill=options.refill)
    _manage(env, "collectstatic", "--noinput", "-v", "0")
    users = ["koordinator", "politi", "admin", "radikalisering", "ungdomskoordinator"]
    cookies = {name: session_cookie(env, name) for name in users}
    base = f"http://127.0.0.1:{options.port}"
    measured = pages(base, record_ids(env), cookies)
    if options.only:
        measured = [page for page in measured if options.only.lower() in page[0].lower()]
    counts = query_counts(env, measured)
    load_before = os.getloadavg()
    server = start_server(env, options.port, options.workers)
    try:
        results = []
        for name, path, cookie in measured:
            ab(base + path, cookie, requests=20, concurrency=2)  # warm up the workers and caches
            results.append((name, ab(base + path, cookie, requests=options.requests, concurrency=options.concurrency)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    load_after = os.getloadavg()

    print(
        f"\n{', '.join(f'{value:,} {key.replace(chr(95), chr(32))}' for key, value in size.items())}; "
        f"gunicorn {options.workers} workers; ab -n {options.requests} -c {options.concurrency}; "
        f"load average before {load_before[0]:.2f} / after {load_after[0]:.2f} (1 min)\n"
    )
    print("| page | p50 ms | p95 ms | requests/s | queries | SQL ms | in-process ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    by_name = {}
    for (name, r), (status, queries, sql, total) in zip(results, counts, strict=True):
        by_name[name] = r
        flag = "" if status == 200 else f" (status {status})"
        print(f"| {name}{flag} | {r['p50']} | {r['p95']} | {r['rps']:.1f} | {queries} | {sql} | {total} |")
    admin = by_name.get("Django admin change list, same filter")
    listed = by_name.get("Concern list, status new + category drugs, page 3")
    if admin and listed:
        print(
            f"\nadmin ratio (p50 / p95): {admin['p50'] / max(listed['p50'], 1):.1f}× / "
            f"{admin['p95'] / max(listed['p95'], 1):.1f}×"
        )
    if options.notifications:
        subprocess.run([PYTHON, "-m", "tests.benchmarks.notifications"], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
