"""Chinese UI for screenshots: compile this area's zh_CN translations and install them.

The build compiles every ``studio/gui/translations/*.zh_CN.ts`` into ``.qm`` files
(``make``); a test compiles its area's own into a temporary folder with
``pyside6-lrelease``, so its screenshot speaks Chinese however the tree was built.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path
from typing import Iterator

from PySide6.QtCore import QCoreApplication, QTranslator

TRANSLATIONS = Path(__file__).resolve().parents[3] / "studio" / "gui" / "translations"


@contextlib.contextmanager
def chinese_ui(work: Path, *areas: str) -> Iterator[list[QTranslator]]:
    """Install the zh_CN translations of ``areas`` (e.g. "tours") for the block."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    app = QCoreApplication.instance()
    installed = []
    try:
        for area in areas:
            qm = work / f"{area}.zh_CN.qm"
            subprocess.run([str(lrelease), "-silent", str(TRANSLATIONS / f"{area}.zh_CN.ts"), "-qm", str(qm)],
                           check=True, capture_output=True)
            translator = QTranslator()
            assert translator.load(str(qm)), qm
            app.installTranslator(translator)
            installed.append(translator)
        yield installed
    finally:
        for translator in installed:
            app.removeTranslator(translator)
