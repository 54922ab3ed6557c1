"""Qt's own dialogs in French (buttons, file dialogs, message boxes).

Qt's French catalogue lags behind Qt: some of its newer strings (the file
dialog's « Look in: », « Files of type: », « Folder ») are missing from it.
``MissingFrench`` supplies them, asked after the catalogue."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

# (context, source text) -> French, for strings qtbase_fr.qm lacks.
MISSING = {
    ("QFileDialog", "&Look in:"): "&Voir dans\u00a0:",
    ("QFileDialog", "Files of &type:"): "&Type de fichier\u00a0:",
    ("QAbstractFileIconProvider", "Drive"): "Lecteur",
    ("QAbstractFileIconProvider", "Folder"): "Dossier",
    ("QAbstractFileIconProvider", "File"): "Fichier",
}

_installed: list[QTranslator] = []  # a Python translator must outlive its installation


class MissingFrench(QTranslator):
    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, not "", for the others: with "" PySide6 6.12 makes every PNG
        # decoding fail (QPixmap.loadFromData returns False).
        return MISSING.get((context, source))

    def isEmpty(self) -> bool:
        return False


def install_french(app: QApplication) -> QTranslator | None:
    """Load ``qtbase_fr.qm`` shipped with PySide6 (and the strings it lacks);
    return it (keep a reference). Before any dialog is made."""
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    fallback = MissingFrench(app)
    app.installTranslator(fallback)  # installed first: asked last
    _installed.append(fallback)
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_fr", folder):
        return None
    app.installTranslator(translator)
    return translator
