"""WCAG 2.1 AA checks with axe-core in the browser tests: `assert_accessible(page)` after a page has loaded."""

from pathlib import Path

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}

RUN_AXE = """
async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " — " + (n.failureSummary || "").split("\\n").slice(1, 3).join(" ")),
  }));
}
"""


def axe_violations(page, impacts=BLOCKING):
    """The axe-core violations of the page as it is now (evaluated through the browser's devtools, so the site's
    Content-Security-Policy does not apply to the injected script)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    return [v for v in page.evaluate(RUN_AXE, WCAG_21_AA) if v["impact"] in impacts]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.extend(f"    {node}" for node in violation["nodes"])
    return "\n".join(lines)


def assert_accessible(page, label=""):
    violations = axe_violations(page)
    assert not violations, f"axe-core on {label or page.url}:\n{describe(violations)}"
