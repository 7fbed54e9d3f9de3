"""Running axe-core (a devDependency of scenes/web) on a page in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "scenes" / "web" / "node_modules" / "axe-core" / "axe.min.js"
# serious and critical violations, each as "rule: the elements it found"
_RUN = ("axe.run(document).then(r => ({passes: r.passes.length, violations: r.violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))}))")


def axe_source() -> str:
    if not AXE.is_file():
        pytest.skip(f"{AXE} missing: run 'make web' (axe-core is a devDependency of scenes/web)")
    return AXE.read_text(encoding="utf-8")


def serious_violations(page, source: str) -> list[str]:
    """axe's serious and critical violations on the page as loaded now."""
    page.evaluate(source)  # evaluated by the debugger protocol: the page's CSP does not apply
    result = page.evaluate(_RUN)
    assert result["passes"] > 10  # axe really ran its rules
    return result["violations"]
