"""Where one request's time goes, page by page, on the benchmark database: the gap to the ceiling page.

    .venv/bin/python -m tests.benchmarks.profile                  # every page of the benchmark
    .venv/bin/python -m tests.benchmarks.profile --only "walk"    # pages whose name contains "walk"
    .venv/bin/python -m tests.benchmarks.profile --includes       # and the included templates that cost most

Run it after `python -m tests.benchmarks.run` has filled `slt_bench`. Each page is requested in process (Django's
test client, the benchmark's settings and signed-in sessions) 5 times to warm up and then 30 times; the medians
split a request into:

- middleware: everything around the view (session, user, second factor, language, security headers, audit),
  with its own SQL;
- SQL: the queries the view runs, also those a template runs while it renders (a queryset read in a loop);
- template: rendering, without that SQL;
- view code: the rest of the view (forms, selectors building querysets, Python over the rows).
"""

import argparse
import json
import subprocess
import sys

from .run import PYTHON, ROOT, _environment, _stored_size, pages, record_ids, session_cookie

CODE = r"""
import collections, json, statistics, sys, time
import django
django.setup()
from django.conf import settings
from django.core.handlers import base
from django.db import connection
from django.template import loader_tags
from django.template.backends import django as django_backend
from django.test import Client

settings.ROOT_URLCONF = "tests.benchmarks.urls"
state = {"phase": None, "sql": collections.Counter(), "render": 0.0, "render_sql": 0.0, "view": 0.0, "depth": 0}
includes = collections.Counter()


def timed_sql(execute, sql, params, many, context):
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        spent = time.perf_counter() - started
        state["sql"][state["phase"]] += spent
        if state["depth"]:
            state["render_sql"] += spent


original_response = base.BaseHandler._get_response


def get_response(self, request):
    state["phase"] = "view"
    started = time.perf_counter()
    try:
        return original_response(self, request)
    finally:
        state["view"] += time.perf_counter() - started
        state["phase"] = "middleware"


original_render = django_backend.Template.render


def render(self, *args, **kwargs):
    state["depth"] += 1
    started = time.perf_counter()
    try:
        return original_render(self, *args, **kwargs)
    finally:
        state["depth"] -= 1
        if state["depth"] == 0:
            state["render"] += time.perf_counter() - started


original_include = loader_tags.IncludeNode.render


def include(self, context):
    started = time.perf_counter()
    try:
        return original_include(self, context)
    finally:
        name = getattr(self.template, "var", self.template)
        includes[str(name)] += time.perf_counter() - started


base.BaseHandler._get_response = get_response
django_backend.Template.render = render
loader_tags.IncludeNode.render = include

out = []
for name, path, cookie in json.loads(sys.argv[1]):
    client = Client()
    client.cookies["sessionid"] = cookie
    with connection.execute_wrapper(timed_sql):
        for _ in range(5):
            client.get(path)  # warm up: connection, caches, templates
        includes.clear()
        parts = collections.defaultdict(list)
        for _ in range(30):
            state.update(phase="middleware", sql=collections.Counter(), render=0.0, render_sql=0.0, view=0.0)
            started = time.perf_counter()
            response = client.get(path)
            total = time.perf_counter() - started
            parts["total"].append(total)
            parts["middleware"].append(total - state["view"])
            parts["middleware_sql"].append(state["sql"]["middleware"])
            parts["sql"].append(state["sql"]["view"])
            parts["template"].append(state["render"] - state["render_sql"])
            parts["code"].append(state["view"] - state["sql"]["view"] - (state["render"] - state["render_sql"]))
    medians = {key: statistics.median(values) * 1000 for key, values in parts.items()}
    top = [[str(key), seconds * 1000 / 30] for key, seconds in includes.most_common(8)]
    out.append({"name": name, "status": response.status_code, "includes": top, **medians})
print(json.dumps(out))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="profile only pages whose name contains this text")
    parser.add_argument("--includes", action="store_true", help="list the included templates that cost most")
    options = parser.parse_args()
    env = _environment(8108)
    if not _stored_size(env):
        raise SystemExit("slt_bench is not filled: run `python -m tests.benchmarks.run` first")
    users = ["koordinator", "politi", "admin", "radikalisering", "ungdomskoordinator"]
    cookies = {name: session_cookie(env, name) for name in users}
    measured = pages("", record_ids(env), cookies)
    if options.only:
        measured = [page for page in measured if options.only.lower() in page[0].lower()]
    result = subprocess.run(
        [PYTHON, "-c", CODE, json.dumps(measured)], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    data = json.loads(result.stdout.strip().splitlines()[-1])
    print("| page | total ms | middleware ms (its SQL) | view SQL ms | template ms | view code ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for page in data:
        flag = "" if page["status"] == 200 else f" (status {page['status']})"
        print(
            f"| {page['name']}{flag} | {page['total']:.1f} | {page['middleware']:.1f} ({page['middleware_sql']:.1f}) "
            f"| {page['sql']:.1f} | {page['template']:.1f} | {page['code']:.1f} |"
        )
    if options.includes:
        for page in data:
            print(f"\n{page['name']}: included templates, ms a request (an include's time holds its own includes)")
            for name, ms in page["includes"]:
                print(f"  {ms:6.2f}  {name}")


if __name__ == "__main__":
    sys.exit(main())
