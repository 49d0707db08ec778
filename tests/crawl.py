"""Every page a user can reach: follow the links of the site from a few start pages with the test client, one
address per view (or a few), and keep each response. Used by the header tests and the browser's CSP tour."""

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve

LINK = re.compile(r"""(?:href|src)=["']([^"'#]+)""")
# Never followed: other sites, static files, sign-out, and the report endpoint (a POST only).
SKIPPED_PREFIXES = ("/static/", "/accounts/logout/", "/admin/logout/", "/csp-report/")
START = ("/", "/sok/?q=a", "/varsler/profil/")


@dataclass
class Visit:
    url: str
    view_name: str
    status: int
    content_type: str
    headers: dict = field(repr=False)
    body: str = field(default="", repr=False)  # the page's HTML (empty for other content)


def _view_name(path):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name or match.func.__module__ + "." + match.func.__name__


def crawl(client, *, start=START, per_view=1, limit=600):
    """The visits, in order: GET each start page, then every same-site link found, at most `per_view`
    addresses per view name, at most `limit` in all."""
    queue = list(start)
    seen, per_name, visits = set(), {}, []
    while queue and len(visits) < limit:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url in seen:
            continue
        seen.add(url)
        if parts.path.startswith(SKIPPED_PREFIXES) or parts.path.startswith("/media/"):
            continue
        name = _view_name(parts.path)
        if name is None or per_name.get(name, 0) >= per_view:
            continue
        per_name[name] = per_name.get(name, 0) + 1
        response = client.get(url)
        content_type = response.get("Content-Type", "")
        body = response.content.decode() if content_type.startswith("text/html") else ""
        visits.append(Visit(url, name, response.status_code, content_type, dict(response.headers), body))
        if response.status_code == 200 and body:
            for link in LINK.findall(body):
                link = urljoin(url, link.replace("&amp;", "&"))
                if urlsplit(link).netloc in ("", "testserver"):
                    target = urlsplit(link)
                    queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return visits
