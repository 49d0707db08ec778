"""Query budgets: a page costs the same number of queries however many records it covers."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url) -> int:
    client.get(url)  # warm up: the first request of a session does one-off work (session, language)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries)
