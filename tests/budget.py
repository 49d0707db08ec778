"""Query budgets, the same way in every test: a page costs the same number of queries with 10 rows as with 500.
Use the `page_queries` fixture (tests/conftest.py) or `queries_for` directly."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url, headers=None) -> int:
    """The queries of one request to `url` (with `headers`, e.g. htmx's), after a warm-up request."""
    client.get(url, headers=headers)  # warm up: the first request of a session does one-off work (session, language)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries)


def report(page: str, small: int, large: int) -> None:
    """The figures for the notes (`pytest -s -k budget`); the test asserts that they are equal."""
    print(f"\nquery budget, {page}: {small} queries with 10 rows, {large} with 500")
