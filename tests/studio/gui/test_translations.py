"""Every string of the studio has a finished Chinese translation, and the build's .qm speak it.

pyside6-lupdate collects the source strings of every studio/gui module (so the
other panes' strings are checked too) into a temporary .ts; each must have a
finished translation, with the same {placeholders}, in one of the
studio/gui/translations/*.zh_CN.ts files.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from studio.gui.i18n import TRANSLATIONS_DIR, translation_files, use_language
from studio.gui.panes import PANES

pytestmark = pytest.mark.gui

GUI = Path(__file__).resolve().parents[3] / "studio" / "gui"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def messages(ts: Path):
    """``(context, source, translation or None when unfinished)`` of a .ts file."""
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            tr = message.find("translation")
            done = tr is not None and tr.get("type") not in ("unfinished", "obsolete", "vanished") \
                and (tr.text or "").strip()
            yield name, message.findtext("source"), (tr.text if done else None)


def test_every_source_string_has_a_finished_chinese_translation(tmp_path):
    sources = sorted(str(p) for p in GUI.rglob("*.py"))
    collected = tmp_path / "all.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), *sources, "-ts", str(collected), "-silent"], check=True, capture_output=True)
    wanted = {(c, s) for c, s, _ in messages(collected)}
    wanted |= {("Panes", spec.title) for spec in PANES}  # the registry holds titles as data
    assert len(wanted) > 100  # lupdate found the studio's strings

    translated: dict[tuple[str, str], str] = {}
    for ts in sorted(TRANSLATIONS_DIR.glob("*.zh_CN.ts")):
        for context, source, text in messages(ts):
            if text is not None:
                translated[(context, source)] = text
    missing = sorted(f"{c}: {s!r}" for c, s in wanted if (c, s) not in translated)
    assert not missing, "untranslated in the zh_CN .ts files:\n" + "\n".join(missing)
    broken = sorted(f"{c}: {s!r} -> {translated[(c, s)]!r}" for c, s in wanted
                    if sorted(_PLACEHOLDER.findall(s)) != sorted(_PLACEHOLDER.findall(translated[(c, s)])))
    assert not broken, "placeholders differ:\n" + "\n".join(broken)


def test_the_compiled_translations_load_for_chinese_and_not_for_english(cjk_app):
    assert translation_files("zh") and all(p.suffix == ".qm" for p in translation_files("zh"))
    assert {p.stem for p in translation_files("zh")} == {p.stem for p in TRANSLATIONS_DIR.glob("*.zh_CN.ts")}
    try:
        loaded = use_language("zh")
        assert "qtbase_zh_CN" in loaded and "shell.zh_CN" in loaded
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own words too
        assert use_language("en") == []
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    finally:
        use_language("en")
