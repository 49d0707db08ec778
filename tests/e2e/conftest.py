"""Browser tests: Debian's Chromium driven by Playwright against Django's live server."""

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls of the tests are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(django_settings.BASE_DIR) / "var" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_site(live_server, settings):
    """The live server over plain http: cookies without the Secure flag, as behind no TLS proxy."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    return live_server


@pytest.fixture
def new_page(browser, live_site, page_problems):
    """Open a fresh browser context (its own cookies) on the live site: `new_page(viewport=PHONE)`."""
    contexts = []

    def make(viewport=DESKTOP, **options):
        context = browser.new_context(base_url=live_site.url, viewport=viewport, locale="en-US", **options)
        context.set_default_timeout(10_000)
        page_problems.watch(context)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        page_problems.settle(context)
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


# Every page of every browser test reports its Content-Security-Policy violations and uncaught script errors
# here; a test with any of them fails (in teardown). `page_problems.take()` hands them to a test that expects them.
REPORT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const text = `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(text);
  if (window.__reportCspViolation) window.__reportCspViolation(text);
});
"""


class PageProblems:
    def __init__(self):
        self.found, self.taken = [], set()

    def watch(self, context):
        context.expose_binding("__reportCspViolation", lambda source, text: self._add(source["page"], "CSP", text))
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("page", lambda page: page.on("pageerror", lambda error: self._add(page, "script error", error)))

    def _add(self, page, kind, text):
        entry = f"{kind} on {page.url}: {text}"
        if entry not in self.found and entry not in self.taken:
            self.found.append(entry)

    def settle(self, context):
        """Wait for the events still queued in the open pages, and read what their documents recorded."""
        for page in context.pages:
            try:
                for text in page.evaluate(
                    "() => new Promise((r) => setTimeout(() => r(window.__cspViolations || []), 50))"
                ):
                    self._add(page, "CSP", text)
            except PlaywrightError:  # a page that is closing or navigating away has nothing more to read
                pass

    def take(self):
        found, self.found = self.found, []
        self.taken.update(found)
        return found


@pytest.fixture
def page_problems(settings):
    settings.CSP_STORE_REPORTS = True
    problems = PageProblems()
    yield problems
    assert not problems.found, "\n".join(problems.found)


def sign_in(page, username, password):
    page.goto("/accounts/login/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/")


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
