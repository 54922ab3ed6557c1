"""The main window's comfort: where it opens, a tool bar that keeps its size,
French everywhere, years never grouped, the help, the checks panel's room."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QSettings
from PySide6.QtGui import QPixmap

from avereport.ui.geometry import GEOMETRY_KEY, opening_rect
from avereport.ui.help_dialog import HELP_TEXT
from avereport.ui.history_panel import HistoryPanel
from avereport.ui.main_window import MainWindow
from avereport.ui.outline_panel import ORGANISATION_KEY

LOGO = Path(__file__).parent.parent / "resources" / "logo-demo.png"


def test_a_small_screen_opens_maximised_a_large_one_at_the_usual_size():
    assert opening_rect(QRect(0, 0, 1366, 728)) is None
    assert opening_rect(QRect(0, 0, 1024, 560)) is None
    rect = opening_rect(QRect(0, 0, 1920, 1040))
    assert rect.size().toTuple() == (1360, 860) and QRect(0, 0, 1920, 1040).contains(rect)


def test_a_remembered_place_off_the_screens_is_not_restored(qtbot):
    QSettings().setValue(GEOMETRY_KEY, QRect(3000, 2000, 1360, 860))  # a screen since unplugged
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.screen().availableGeometry().contains(window.frameGeometry()))
    assert window.isMaximized()


def test_the_remembered_place_comes_back(qtbot):
    QSettings().setValue(GEOMETRY_KEY, QRect(40, 30, 900, 600))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.geometry() == QRect(40, 30, 900, 600)


def test_the_tool_bar_keeps_its_size_whatever_the_change_undone(window, qtbot):
    toolbar = window.toolbar
    before = toolbar.sizeHint().width()
    window.session.set_value(
        "membership.declared_total", 205, "Modifier « Nombre » (catégorie) du groupe des communes"
    )
    assert window.undo_action.isEnabled()
    assert toolbar.sizeHint().width() == before
    assert "Modifier « Nombre » (catégorie) du groupe des communes" in window.undo_action.toolTip()


def test_the_year_selector_is_called_annee(window):
    assert window.year_box.toolTip() == "Année du rapport affichée"
    assert [action.text() for action in window.menuBar().actions()][1] == "É&dition"


def test_the_history_writes_years_whole(window, qtbot):
    window.session.add_edition("Créer l'édition 2022", window.session.edition.__class__(year=2022))
    panel = HistoryPanel(window.session)
    qtbot.addWidget(panel)
    model = panel.model
    texts = [model.index(row, column).data() for row in range(model.rowCount()) for column in range(9)]
    assert "2022" in texts and "2 022" not in texts and "2\u202f022" not in texts


def test_qt_dialogs_speak_french_and_images_still_decode(qapp):
    from avereport.ui.translations import install_french

    install_french(qapp)
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Voir dans\u00a0:"
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "&Type de fichier\u00a0:"
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "&Nom de fichier\u00a0:"
    assert QPixmap().loadFromData(LOGO.read_bytes())


def test_the_help_explains_the_window_for_office_staff():
    assert "dump" not in HELP_TEXT
    for words in (
        "Plan du rapport",
        "Aperçu",
        "Vérifications",
        "Travailler à plusieurs",
        "Où vont les fichiers",
        "F6",
    ):
        assert words in HELP_TEXT


def test_the_checks_panel_takes_no_room_without_findings(window, qtbot):
    assert window.checks_dock.isVisible()  # the demo has three warnings
    window.checks.checked.emit([])
    assert not window.checks_dock.isVisible()
    window.checks.run()  # the findings come back
    assert window.checks_dock.isVisible()


def test_the_preview_gives_its_room_back_when_it_has_nothing_to_show(window, qtbot):
    window.set_preview_shown(True)
    window.outline_panel.select(ORGANISATION_KEY)
    window.show_section(ORGANISATION_KEY)
    qtbot.waitUntil(lambda: window.preview_host.width() <= window._narrow_preview())
    window.preview.tabs.setCurrentWidget(window.preview.pdf)
    qtbot.waitUntil(lambda: window.preview_host.width() > window._narrow_preview())
