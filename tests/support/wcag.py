"""axe-core (vendored in tests/support/axe) run on the page shown in Chromium: WCAG 2.1 A and AA."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).parent / "axe" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page: Any) -> list[str]:
    """axe's WCAG 2.1 A/AA violations of the page shown, as 'url: id: help (targets)'."""
    page.wait_for_load_state()
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')})`)",
        TAGS,
    )
    return [f"{page.url}: {v}" for v in found]


def check(found: list[str]) -> None:
    assert not found, "axe-core vond schendingen van WCAG 2.1 A/AA:\n" + "\n".join(found)
