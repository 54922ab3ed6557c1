"""Qt's own dialogs in French (buttons, file dialogs, message boxes)."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication


def install_french(app: QApplication) -> QTranslator | None:
    """Load ``qtbase_fr.qm`` shipped with PySide6; return it (keep a reference)."""
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_fr", folder):
        return None
    app.installTranslator(translator)
    return translator
