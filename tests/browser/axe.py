"""The accessibility check of a page: axe-core with the WCAG 2.1 A and AA rules, no violation."""

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def violations(page) -> list[dict]:
    """What axe finds wrong on the page as it is now (after it has loaded)."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    return results.response["violations"]


def describe(found: list[dict]) -> str:
    """One line per rule and element: rule id, impact, target, and what axe says is wrong."""
    lines = []
    for violation in found:
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            fixes = [
                line.strip()
                for line in node.get("failureSummary", "").splitlines()
                if line.strip() and not line.startswith("Fix ")
            ]
            lines.append(
                f"- {violation['id']} ({violation['impact']}) at {target}: {violation['help']}"
                + (f" ({fixes[0]})" if fixes else "")
            )
    return "\n".join(lines)


# axe no longer reports ids used twice (WCAG 2.2 dropped 4.1.1 Parsing), but 2.1 has the rule
# and a label or aria-describedby pointing at a doubled id may describe the wrong field.
DUPLICATE_IDS = """() => {
  const seen = {};
  document.querySelectorAll("[id]").forEach(e => { seen[e.id] = (seen[e.id] || 0) + 1; });
  return Object.keys(seen).filter(id => seen[id] > 1);
}"""


def assert_accessible(page, where: str = "") -> None:
    """Fail with a readable list of every violation of WCAG 2.1 A/AA rules on the page."""
    page.wait_for_load_state()
    where = f"{where or page.url} (lang={page.locator('html').get_attribute('lang')})"
    found = violations(page)
    assert not found, f"Accessibility violations on {where}:\n{describe(found)}"
    doubled = page.evaluate(DUPLICATE_IDS)
    assert not doubled, f"Ids used more than once on {where}: {', '.join(doubled)}"
