"""The endpoint that receives the browser's reports of Content-Security-Policy violations."""

import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from slt.core.security import stored_reports

pytestmark = pytest.mark.django_db

URL = "/csp-report/"
REPORT = {
    "csp-report": {
        "document-uri": "https://slt.kommune.no/sok/?q=Ola+Nordmann",
        "referrer": "https://slt.kommune.no/bekymringer/?navn=Ola",
        "violated-directive": "style-src-attr",
        "effective-directive": "style-src-attr",
        "original-policy": "default-src 'self'",
        "blocked-uri": "inline",
        "source-file": "https://slt.kommune.no/static/js/walks/map.js",
        "line-number": 12,
        "script-sample": "Ola Nordmann, født 01.02.2011",
        "disposition": "enforce",
    }
}


def post(body, content_type="application/csp-report"):
    # A browser sends no CSRF token and no session: the endpoint must take the report all the same.
    return Client(enforce_csrf_checks=True).post(URL, data=body, content_type=content_type)


def test_the_policy_reports_to_this_endpoint():
    assert reverse("core:csp_report") == URL


def test_a_report_is_logged_without_samples_or_query_strings_and_kept_when_asked(settings, caplog):
    settings.CSP_STORE_REPORTS = True
    with caplog.at_level(logging.WARNING, logger="slt.security"):
        response = post(json.dumps(REPORT))
    assert response.status_code == 204
    assert stored_reports() == [
        {
            "page": "https://slt.kommune.no/sok/",
            "directive": "style-src-attr",
            "blocked": "inline",
            "source": "https://slt.kommune.no/static/js/walks/map.js",
            "line": 12,
            "disposition": "enforce",
        }
    ]
    assert "style-src-attr" in caplog.text
    assert "Ola" not in caplog.text
    assert "2011" not in caplog.text


def test_reports_of_the_reporting_api_are_taken_too(settings):
    settings.CSP_STORE_REPORTS = True
    body = [
        {"type": "csp-violation", "body": {"documentURL": "https://slt.kommune.no/", "effectiveDirective": "img-src"}},
        {"type": "deprecation", "body": {"id": "something"}},
    ]
    assert post(json.dumps(body), content_type="application/reports+json").status_code == 204
    assert stored_reports() == [{"page": "https://slt.kommune.no/", "directive": "img-src"}]


def test_reports_are_only_logged_when_keeping_is_off(settings, caplog):
    settings.CSP_STORE_REPORTS = False
    with caplog.at_level(logging.WARNING, logger="slt.security"):
        assert post(json.dumps(REPORT)).status_code == 204
    assert "style-src-attr" in caplog.text
    assert stored_reports() == []


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[]",
        '{"something": "else"}',
        '{"csp-report": "text"}',
        '[{"type": "csp-violation", "body": "text"}]',
        b"\xff\xfe",
        json.dumps({"csp-report": {"blocked-uri": "x" * 20_000}}),
    ],
)
def test_anything_else_is_refused_with_400_and_nothing_is_kept(settings, body, caplog):
    settings.CSP_STORE_REPORTS = True
    with caplog.at_level(logging.WARNING, logger="slt.security"):
        response = post(body)
    assert response.status_code == 400
    assert stored_reports() == []
    assert "violation" not in caplog.text


def test_only_post_is_accepted(settings):
    settings.CSP_STORE_REPORTS = True
    assert Client().get(URL).status_code == 405
    assert stored_reports() == []


def test_at_most_the_last_reports_are_kept(settings):
    settings.CSP_STORE_REPORTS = True
    for number in range(205):
        post(json.dumps({"csp-report": {"blocked-uri": "inline", "line-number": number}}))
    kept = stored_reports()
    assert len(kept) == 200
    assert kept[-1]["line"] == 204
