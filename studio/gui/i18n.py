"""Which language the studio speaks, and Qt's translations that make it speak it.

All UI text is written in English in the source, through Qt's translation system
(``self.tr("…")`` in QObject subclasses, ``QCoreApplication.translate("Context",
"…")`` elsewhere). ``pyside6-lupdate`` collects it into
``studio/gui/translations/<area>.zh_CN.ts`` (one file per area of the studio),
translators fill in the Chinese, and the build (``make translations``) compiles
each into a ``.qm`` beside it with ``pyside6-lrelease``. :func:`use_language`
installs one :class:`QTranslator` per ``.qm`` plus Qt's own ``qtbase_zh_CN``
(the words of standard dialogs and buttons).

The language is ``$YUNZHAN_LANG`` (``zh`` or ``en``, for tests and scripts), else
the one chosen in Preferences, else the system locale (Chinese locales → ``zh``).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = ("zh", "en")
TRANSLATIONS_DIR = Path(__file__).resolve().with_name("translations")
QT_LOCALE = {"zh": "zh_CN"}

_installed: list[QTranslator] = []
_current = "en"


def choose_language(env_value: str | None, locale_name: str, preference: str | None = None) -> str:
    """``zh`` or ``en``: the override if valid, else the preference, else from a locale like ``zh_CN``."""
    for choice in (env_value, preference):
        if choice and choice.strip().lower() in LANGUAGES:
            return choice.strip().lower()
    return "zh" if locale_name.lower().startswith("zh") else "en"


def system_language() -> str:
    """The language of the user interface: ``$YUNZHAN_LANG``, else Preferences, else the locale."""
    from studio.gui.settings import Settings

    return choose_language(os.environ.get("YUNZHAN_LANG"), QLocale.system().name(), Settings().language())


def translation_files(language: str) -> list[Path]:
    """The compiled ``.qm`` files of the studio for ``language`` (none for English, the source)."""
    locale = QT_LOCALE.get(language)
    return sorted(TRANSLATIONS_DIR.glob(f"*.{locale}.qm")) if locale else []


def use_language(language: str) -> list[str]:
    """Make ``language`` the studio's: replace the installed translators; returns the files loaded.

    Widgets built afterwards speak it; the window is rebuilt to switch at once.
    """
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (known: {', '.join(LANGUAGES)})")
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    loaded = []
    locale = QT_LOCALE.get(language)
    if locale:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        candidates = [(f"qtbase_{locale}", qt_dir)] + [(p.stem, str(p.parent)) for p in translation_files(language)]
        for name, folder in candidates:
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                _installed.append(translator)
                loaded.append(name)
    _current = language
    return loaded


def current_language() -> str:
    """The language installed by the last :func:`use_language` (``en`` before any)."""
    return _current
