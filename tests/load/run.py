"""Load test: many signed-in clients reading pages and writing notes at once, on SQLite or PostgreSQL.

    .venv/bin/python -m tests.load.run --clients 20 --seconds 30 --database sqlite
    .venv/bin/python -m tests.load.run --clients 20 --seconds 30 --database postgres --pg-name slt_load

It migrates a fresh database (SQLite: a new file in a temporary folder; PostgreSQL: the database named by
--pg-name, dropped and created again), loads the demo data, adds one coordinator per client, serves the
site with gunicorn (debug off, as in production) and lets each client sign in through the login form, then
read pages (dashboard, concern list, a concern, an action item, statistics) and post concern notes and
action-item progress notes for the given number of seconds.

It reports requests, errors (5xx answers, connection errors, "database is locked" in an answer or in the
server's log) and rows lost (notes answered 2xx/3xx that are not in the database afterwards), and exits
non-zero on any error or lost row (CI runs a small size of it).
"""

import argparse
import http.client
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
PG = "postgres://postgres@127.0.0.1:5432"
PASSWORD = secrets.token_urlsafe(16)
LOCKED = "database is locked"


def _environment(options, database_url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "slt.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        # The clients sign in with a password only: the load test measures the pages, not the second factor.
        "DJANGO_REQUIRE_2FA": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": options.redis_url,
    }
    return env


def _python(env, code, *, debug=False):
    run_env = {**env, "DJANGO_DEBUG": "1"} if debug else env
    out = subprocess.run(
        [PYTHON, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=run_env,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def prepare(env, clients):
    """Migrate, seed the demo data (seed_demo needs debug on) and add one coordinator per client."""
    debug_env = {**env, "DJANGO_DEBUG": "1"}
    for args in (["migrate", "--noinput", "-v", "0"], ["seed_demo"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=debug_env if args[0] != "collectstatic" else env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    code = (
        "from coordination.models import ActionItem, Agency, Concern\n"
        "from slt.accounts.models import User\n"
        "agency = Agency.objects.order_by('pk').first()\n"
        f"for n in range({clients}):\n"
        "    user, _ = User.objects.update_or_create(username=f'last{n}', defaults={'role': User.Role.COORDINATOR, "
        "'agency': agency, 'is_active': True})\n"
        f"    user.set_password({PASSWORD!r}); user.save()\n"
        "print(','.join(str(pk) for pk in Concern.objects.values_list('pk', flat=True)))\n"
        "print(','.join(str(pk) for pk in ActionItem.objects.values_list('pk', flat=True)))\n"
    )
    concerns, items = _python(env, code).splitlines()[-2:]
    return [int(pk) for pk in concerns.split(",")], [int(pk) for pk in items.split(",")]


def start_server(env, port, workers, log):
    server = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "slt.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    for _ in range(150):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer on /healthz")


class Client:
    """One browser: its own cookies, a new connection per request (gunicorn's sync workers close them)."""

    def __init__(self, port, stats):
        self.port = port
        self.cookies = {}
        self.stats = stats

    def request(self, method, path, fields=None):
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            fields = {**fields, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=90)
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            connection.close()
        except (OSError, http.client.HTTPException) as error:
            self.stats.add("connection error", f"{method} {path}: {error!r}")
            return None, ""
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        self.stats.count(response.status, "write" if method == "POST" else "read", time.monotonic() - started)
        if response.status >= 500:
            self.stats.add("5xx", f"{method} {path}: {response.status}")
        if LOCKED in text:
            self.stats.add(LOCKED, f"{method} {path}")
        return response.status, text

    def sign_in(self, username):
        self.request("GET", "/accounts/login/")
        status, _ = self.request("POST", "/accounts/login/", {"username": username, "password": PASSWORD})
        if status != 302:
            raise SystemExit(f"{username} could not sign in (status {status})")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.errors = Counter()
        self.examples = []
        self.posted = {"concern": set(), "action item": set()}
        self.requests = 0
        self.durations = {"read": [], "write": []}

    def count(self, status, kind, seconds):
        with self.lock:
            self.requests += 1
            self.statuses[status // 100 * 100] += 1
            self.durations[kind].append(seconds)

    def latency(self, kind) -> str:
        values = sorted(self.durations[kind])
        if not values:
            return "–"
        p50, p95 = values[len(values) // 2], values[min(len(values) - 1, int(len(values) * 0.95))]
        return f"p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {values[-1] * 1000:.0f} ms"

    def add(self, kind, example):
        with self.lock:
            self.errors[kind] += 1
            if len(self.examples) < 10:
                self.examples.append(f"{kind}: {example}")

    def saved(self, kind, text):
        with self.lock:
            self.posted[kind].add(text)


def client_loop(number, port, deadline, concerns, items, stats, run_id, ready, started):
    client = Client(port, stats)
    try:
        client.sign_in(f"last{number}")
    finally:
        ready.release()
    started.wait()
    rng = random.Random(number)
    written = 0
    while time.monotonic() < deadline[0]:
        step = rng.random()
        if step < 0.35:
            concern = rng.choice(concerns)
            text = f"{run_id} {number} {written} concern"
            written += 1
            status, _ = client.request("POST", f"/bekymringer/{concern}/notat/", {"text": text})
            if status is not None and status < 400:
                stats.saved("concern", text)
        elif step < 0.5 and items:
            item = rng.choice(items)
            text = f"{run_id} {number} {written} item"
            written += 1
            status, _ = client.request("POST", f"/tiltak/{item}/notat/", {"text": text})
            if status is not None and status < 400:
                stats.saved("action item", text)
        elif step < 0.65:
            client.request("GET", "/")
        elif step < 0.8:
            client.request("GET", "/bekymringer/")
        elif step < 0.9:
            client.request("GET", f"/bekymringer/{rng.choice(concerns)}/")
        elif step < 0.95 and items:
            client.request("GET", f"/tiltak/{rng.choice(items)}/")
        else:
            client.request("GET", "/statistikk/")


def rows_in_database(env, run_id):
    code = (
        "from coordination.models import ActionItemNote, ConcernNote\n"
        f"for text in ConcernNote.objects.filter(text__startswith={run_id!r}).values_list('text', flat=True): print('C', text)\n"
        f"for text in ActionItemNote.objects.filter(text__startswith={run_id!r}).values_list('text', flat=True): print('A', text)\n"
    )
    found = {"concern": set(), "action item": set()}
    for line in _python(env, code).splitlines():
        kind, _, text = line.partition(" ")
        if kind in ("C", "A"):
            found["concern" if kind == "C" else "action item"].add(text)
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-name", default="slt_load", help="the PostgreSQL database (dropped and created)")
    parser.add_argument("--redis-url", default="", help="REDIS_URL of the server (empty: the embedded defaults)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8791)
    options = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="slt-load-"))
    if options.database == "sqlite":
        database_url = f"sqlite:///{workdir / 'db.sqlite3'}"
    else:
        for command in (["dropdb", "--if-exists", "--force"], ["createdb"]):
            subprocess.run([*command, "-h", "127.0.0.1", "-U", "postgres", options.pg_name], check=True)
        database_url = f"{PG}/{options.pg_name}"
    env = _environment(options, database_url)
    concerns, items = prepare(env, options.clients)

    log_path = workdir / "gunicorn.log"
    stats = Stats()
    run_id = f"load-{secrets.token_hex(4)}"
    with open(log_path, "w") as log:
        server = start_server(env, options.port, options.workers, log)
        try:
            # Everyone signs in first; the clock starts when the last client is in.
            ready, started, deadline = threading.Semaphore(0), threading.Event(), [0.0]
            threads = [
                threading.Thread(
                    target=client_loop,
                    args=(number, options.port, deadline, concerns, items, stats, run_id, ready, started),
                    daemon=True,
                )
                for number in range(options.clients)
            ]
            for thread in threads:
                thread.start()
            for _ in threads:
                ready.acquire()
            began = time.monotonic()
            deadline[0] = began + options.seconds
            started.set()
            for thread in threads:
                thread.join(options.seconds + 120)
            elapsed = time.monotonic() - began
        finally:
            server.terminate()
            server.wait(timeout=30)
    server_log = log_path.read_text()
    locked_in_log = server_log.count(LOCKED)
    if locked_in_log:
        stats.errors[f"{LOCKED} (server log)"] += locked_in_log
    tracebacks = server_log.count("Traceback")
    found = rows_in_database(env, run_id)
    lost = {kind: len(stats.posted[kind] - found[kind]) for kind in stats.posted}

    writes = sum(len(texts) for texts in stats.posted.values())
    print(
        f"\n{options.database}: {options.clients} clients, {elapsed:.0f} s, gunicorn {options.workers} workers\n"
        f"requests: {stats.requests} ({stats.requests / elapsed:.1f}/s); by status: "
        + ", ".join(f"{code // 100}xx {n}" for code, n in sorted(stats.statuses.items()))
        + f"\nlatency: reads {stats.latency('read')}; writes {stats.latency('write')}"
        + f"\nnotes saved (2xx/3xx): {writes} (concern {len(stats.posted['concern'])}, "
        f"action item {len(stats.posted['action item'])})"
        f"\nerrors: {sum(stats.errors.values())} "
        + (", ".join(f"{kind} {n}" for kind, n in stats.errors.items()) or "")
        + f"\ntracebacks in the server log: {tracebacks}"
        + f"\nrows lost: {sum(lost.values())} (concern {lost['concern']}, action item {lost['action item']})"
    )
    for example in stats.examples:
        print("  ", example)
    failed = sum(stats.errors.values()) or sum(lost.values()) or tracebacks or not writes
    if failed:
        print(f"FAILED (server log: {log_path})")
        return 1
    shutil.rmtree(workdir, ignore_errors=True)
    if options.database == "postgres":
        subprocess.run(["dropdb", "--if-exists", "--force", "-h", "127.0.0.1", "-U", "postgres", options.pg_name])
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
