"""``yunzhan-studio [PROJECT]``: start the desktop studio.

Sets up the QApplication (name, a font that can show Chinese), opens the main
window in the user's language (see :mod:`studio.gui.i18n`) and, when given, the
project file; without one it shows the start page.
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from studio.gui.main_window import MainWindow
from studio.gui.studio_context import internal_error_text

# Families that cover Chinese on Linux, Windows and macOS, best first.
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
                "PingFang SC", "Hiragino Sans GB", "SimHei")


def use_cjk_fallback(app: QApplication) -> list[str]:
    """Give the application font CJK fallback families (those installed); returns them.

    Qt usually finds a CJK font by itself through fontconfig; naming the fallbacks
    keeps Chinese from turning into boxes where it does not (offscreen, minimal
    installs) and picks Simplified Chinese glyph shapes.
    """
    installed = set(QFontDatabase.families())
    fallbacks = [f for f in CJK_FAMILIES if f in installed]
    if fallbacks:
        font = QFont(app.font())
        font.setFamilies([app.font().family(), *fallbacks])
        app.setFont(font)
    return fallbacks


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="yunzhan-studio", description="Yunzhan (云展) desktop studio")
    parser.add_argument("project", nargs="?", help="a .yunzhan project file to open")
    return parser.parse_args(argv)


def make_window(argv: list[str]) -> MainWindow:
    """The main window for the command line ``argv`` (without the program name)."""
    args = parse_args(argv)
    window = MainWindow()
    if args.project:
        window.open_project(args.project)  # a bad file shows the error box over the start page
    return window


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``yunzhan-studio``."""
    app = QApplication.instance() or QApplication(sys.argv if argv is None else [sys.argv[0], *argv])
    argv = app.arguments()[1:] if argv is None else argv  # Qt has taken its own options (-platform...)
    app.setApplicationName("Yunzhan Studio")
    app.setOrganizationName("Yunzhan")
    use_cjk_fallback(app)
    window = make_window(argv)
    install_last_line_of_defence(window)
    window.show()
    return app.exec()


def install_last_line_of_defence(window: MainWindow) -> None:
    """A bug anywhere in the window (an exception escaping a slot) becomes one line in
    the notifications area, its traceback saved to the crash log, never a traceback on
    the terminal or a silent failure."""
    def hook(kind, error, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        window.notify(internal_error_text(error.with_traceback(tb)), True)

    sys.excepthook = hook


if __name__ == "__main__":
    sys.exit(main())
