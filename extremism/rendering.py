"""Markdown to safe HTML: `markdown` renders, then `nh3` (Ammonia, a maintained sanitiser) keeps only an
allow-list of tags, attributes and URL schemes. Used for the page and the print view alike."""

import difflib
import re

import markdown
import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "def_list", "abbr", "sane_lists", "smarty"]


def render_markdown(text: str) -> SafeString:
    """The guide's Markdown as HTML that is safe to put in a page (no script, no event handlers, no frames,
    no javascript: links; links to other sites open without access to this page)."""
    html = markdown.markdown(text or "", extensions=EXTENSIONS, output_format="html")
    # Headings in a section start at h2: the page's own title is the only h1.
    html = re.sub(r"<(/?)h1\b", r"<\1h2", html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(clean)  # sanitised by nh3 just above


_MARKUP = re.compile(r"<[^>]*>|[#*_`>\[\]|]+|\(https?://[^)]*\)")


def plain_text(text: str) -> str:
    """Markdown without its markup, for excerpts."""
    return re.sub(r"\s+", " ", _MARKUP.sub(" ", text or "")).strip()


def excerpt(text: str, query: str, *, width: int = 90) -> SafeString:
    """A short piece of `text` around the first hit of `query`, escaped, with the hit in <mark>."""
    text = plain_text(text)
    at = text.lower().find(query.lower()) if query else -1
    if at < 0:
        piece = text[: width * 2]
        return mark_safe(escape(piece) + ("…" if len(text) > len(piece) else ""))
    start = max(0, at - width)
    end = min(len(text), at + len(query) + width)
    before, hit, after = text[start:at], text[at : at + len(query)], text[at + len(query) : end]
    # Every piece is escaped; only our own <mark> is added.
    return mark_safe(
        ("…" if start > 0 else "")
        + escape(before)
        + "<mark>"
        + escape(hit)
        + "</mark>"
        + escape(after)
        + ("…" if end < len(text) else "")
    )


HIGHLIGHT_START = "\x02"
HIGHLIGHT_STOP = "\x03"


def highlighted(headline: str) -> SafeString:
    """PostgreSQL's ts_headline output (with control characters around the hits) as escaped HTML with <mark>."""
    text = escape(plain_text(headline))
    text = text.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>")
    return mark_safe(text)  # escaped above; only our own <mark> tags are added


def diff_lines(old: str, new: str) -> list[tuple[str, str]]:
    """A unified diff of two texts as (kind, line) pairs: kind is "hunk", "added", "removed" or "same".
    The template escapes the lines."""
    rows = []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=2):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            rows.append(("hunk", line))
        elif line.startswith("+"):
            rows.append(("added", line[1:]))
        elif line.startswith("-"):
            rows.append(("removed", line[1:]))
        else:
            rows.append(("same", line[1:]))
    return rows
