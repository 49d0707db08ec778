"""Benchmark: the coordination pages under concurrent load on PostgreSQL, beside Django admin.

    .venv/bin/python -m tests.benchmarks.run                # 200,000 concerns, 50,000 items, 5,000 meetings
    .venv/bin/python -m tests.benchmarks.run --reuse        # keep the filled database from the last run

It (re)creates the PostgreSQL database `slt_bench`, migrates, loads the demo data and the bulk data, serves
the site with gunicorn (debug off, as in production) and measures each page with ApacheBench (`ab`, Debian's
apache2-utils) from this machine: p50/p95 latency and requests per second at the same concurrency, all in
one run. Results go to standard output as a Markdown table (copy them into docs/benchmarks.md).
"""

import argparse
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
DB_NAME = "slt_bench"
PG = "postgres://postgres@127.0.0.1:5432"


def _environment(port):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "slt.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "REDIS_URL": "redis://127.0.0.1:6379/13",
    }


def _manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare_database(env, *, concerns, action_items, meetings):
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", DB_NAME], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB_NAME], check=True)
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "seed_demo", "--force")
    started = time.monotonic()
    code = (
        "import django; django.setup(); from tests.benchmarks.fill import fill; "
        f"fill(concerns={concerns}, action_items={action_items}, meetings={meetings})"
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
        "s.create(); print(s.session_key)\n"
    )
    out = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def concern_id(env):
    code = (
        "import django; django.setup(); from coordination.models import Concern; "
        "ids = Concern.objects.order_by('-created_at', '-id').values_list('pk', flat=True); "
        "print(ids[min(ids.count() // 2, 5000)])"
    )
    out = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--concerns", type=int, default=200_000)
    parser.add_argument("--action-items", type=int, default=50_000)
    parser.add_argument("--meetings", type=int, default=5_000)
    parser.add_argument("--requests", type=int, default=400, help="requests per page")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--reuse", action="store_true", help="keep the database of the last run")
    options = parser.parse_args()
    if not shutil.which("ab"):
        raise SystemExit("ApacheBench is missing: apt-get install apache2-utils")

    env = _environment(options.port)
    if not options.reuse:
        prepare_database(env, concerns=options.concerns, action_items=options.action_items, meetings=options.meetings)
    _manage(env, "collectstatic", "--noinput", "-v", "0")
    coordinator = session_cookie(env, "koordinator")
    admin = session_cookie(env, "admin")
    base = f"http://127.0.0.1:{options.port}"
    pages = [
        ("Dashboard (koordinator)", f"{base}/", coordinator),
        (
            "Concern list, filtered (status new, category drugs, page 3)",
            f"{base}/bekymringer/?status=new&category=drugs&page=3",
            coordinator,
        ),
        ("Concern page", f"{base}/bekymringer/{concern_id(env)}/", coordinator),
        (
            "Django admin change list, same filter",
            f"{base}/bench-admin/coordination/concern/?status__exact=new&categories__category=drugs&p=3",
            admin,
        ),
    ]
    server = start_server(env, options.port, options.workers)
    try:
        results = []
        for name, url, cookie in pages:
            ab(url, cookie, requests=20, concurrency=2)  # warm up the workers and caches
            results.append((name, ab(url, cookie, requests=options.requests, concurrency=options.concurrency)))
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(
        f"\n{options.concerns:,} concerns, {options.action_items:,} action items, {options.meetings:,} meetings; "
        f"gunicorn {options.workers} workers; ab -n {options.requests} -c {options.concurrency}\n"
    )
    print("| page | p50 ms | p95 ms | requests/s | failed |")
    print("|---|---:|---:|---:|---:|")
    for name, r in results:
        print(f"| {name} | {r['p50']} | {r['p95']} | {r['rps']:.1f} | {r['failed']} |")


if __name__ == "__main__":
    main()
