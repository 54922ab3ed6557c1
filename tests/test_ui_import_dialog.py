"""« Importer un tableur… » and « Exporter les tableaux… » in the app: a real
workbook written by openpyxl, the preview dialog driven with qtbot on the
real tables of the main window over a real demo document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QApplication, QMessageBox
from session_helpers import reread

from avereport.model.dates import FuzzyDate
from avereport.model.edition import SectionKind, TrainingMode
from avereport.spreadsheets.reading import open_spreadsheet
from avereport.store import open_document
from avereport.store.history import Origin
from avereport.ui.import_dialog import IGNORED, SIZE


def open_section(window, kind: SectionKind):
    key = next(s.key for s in window.session.edition.outline if s.kind == kind)
    window.outline_panel.select(key)
    window.show_section(key)
    QApplication.processEvents()
    return window.current_editor()


def sessions_workbook(path: Path, *, bad_date: bool = False) -> Path:
    """Sessions as a user keeps them: a title row, a "Nb collectivités" header
    no synonym knows, a comment column, and an "Autres" sheet first."""
    book = openpyxl.Workbook()
    other = book.active
    other.title = "Notes"
    other.append(["Rien à voir ici"])
    sheet = book.create_sheet("Sessions 2021")
    sheet.append(["Formations de l'année"])
    sheet.append(["Intitulé", "Date de la session", "PLIE", "MDE", "Nb collectivités", "Mode", "Commentaire"])
    sheet.append(["Accueil", dt.datetime(2021, 3, 4), 5, 2, 1, "présentiel", "salle B"])
    sheet.append(["Pilotage", "13/2021" if bad_date else "décembre 2021", 3, 0, 4, "À distance", ""])
    sheet.append(["Total", None, 8, 2, 5, None, None])
    book.save(path)
    return path


def test_preview_change_a_target_then_import_as_one_undo_step(window, qtbot, tmp_path):
    editor = open_section(window, SectionKind.TRAINING)
    table = editor.sessions
    session = window.session
    before = session.edition
    steps = session.undo_stack.count()
    assert table.spreadsheet.import_button.isVisibleTo(table)

    dialog = table.spreadsheet.open_preview(sessions_workbook(tmp_path / "sessions.xlsx"))
    assert dialog is not None and dialog.isVisible()
    assert dialog.sheet_box.currentText() == "Sessions 2021"  # the sheet that fits, not the first
    assert dialog.header_label.text() == "ligne 2"  # under the title row
    collectivites = dialog.combo_for("Nb collectivités")
    assert collectivites.currentText() == IGNORED
    assert dialog.combo_for("Intitulé").currentText() == "Module"
    assert dialog.combo_for("Commentaire").currentText() == IGNORED
    assert dialog.preview_view.rowCount() == 2  # the "Total" row left out
    assert dialog.preview_view.item(0, 0).text() == "Accueil"

    collectivites.setCurrentIndex(collectivites.findText("Collectivités"))

    assert "Collectivités" in [
        dialog.preview_view.horizontalHeaderItem(n).text() for n in range(dialog.preview_view.columnCount())
    ]
    count = len(before.training.sessions)
    assert dialog.outcome.text().startswith(
        f"2 lignes du tableur, à la place des {count} lignes du tableau : "
    )
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()

    sessions = reread(session).training.sessions
    assert [(s.module, s.date, s.plie, s.mde, s.collectivites, s.mode) for s in sessions] == [
        ("Accueil", FuzzyDate(2021, 3, 4), 5, 2, 1, TrainingMode.ON_SITE),
        ("Pilotage", FuzzyDate(2021, 12), 3, 0, 4, TrainingMode.REMOTE),
    ]
    assert table.model.rowCount() == 2
    assert session.undo_stack.count() == steps + 1
    assert session.undo_stack.undoText() == "Importer « Sessions 2021 » dans « Sessions de formation »"
    assert "Import de « Sessions 2021 » : " in window.statusBar().currentMessage()
    with open_document(Path(session.document.path), read_only=True) as document:
        latest = document.history(limit=1)[0]
    assert latest.origin == Origin.IMPORT.value

    session.undo_stack.undo()
    assert reread(session).training.sessions == before.training.sessions


def test_append_keeps_the_rows_already_there(window, qtbot, tmp_path):
    editor = open_section(window, SectionKind.TRAINING)
    table = editor.sessions
    before = window.session.edition.training.sessions
    dialog = table.spreadsheet.open_preview(sessions_workbook(tmp_path / "sessions.xlsx"))
    dialog.append_box.setChecked(True)
    assert dialog.outcome.text().startswith(
        f"2 lignes du tableur, ajoutées après les {len(before)} lignes du tableau : 2 ajouts"
    )
    dialog.import_button.click()
    sessions = reread(window.session).training.sessions
    assert sessions[: len(before)] == before
    assert [s.module for s in sessions[len(before) :]] == ["Accueil", "Pilotage"]


def test_a_sheet_that_does_not_fit_is_refused_naming_sheet_row_and_column(window, qtbot, tmp_path):
    editor = open_section(window, SectionKind.TRAINING)
    table = editor.sessions
    before = reread(window.session)
    dialog = table.spreadsheet.open_preview(sessions_workbook(tmp_path / "bad.xlsx", bad_date=True))
    assert not dialog.import_button.isEnabled()
    assert dialog.outcome.text().startswith(
        "Import impossible — Feuille « Sessions 2021 », ligne 4, colonne B (Date) : "
    )
    assert dialog.outcome.text().endswith("Rien n'a été importé.")
    # Choosing a sheet with no header the table knows: every column to pick.
    dialog.sheet_box.setCurrentText("Notes")
    assert dialog.header_label.text().startswith("ligne 1 (aucun en-tête reconnu")
    assert dialog.outcome.text().startswith("Import impossible — Feuille « Notes » : aucune colonne")
    dialog.reject()
    assert reread(window.session) == before


def test_an_unreadable_file_is_refused_in_french(window, qtbot, tmp_path, monkeypatch):
    editor = open_section(window, SectionKind.TRAINING)
    fake = tmp_path / "faux.xlsx"
    fake.write_text("ceci n'est pas un classeur")
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    assert editor.sessions.spreadsheet.open_preview(fake) is None
    assert said and said[0].startswith("Rien n'a été importé.") and "faux.xlsx" in said[0]


def test_import_dialog_fits_a_small_screen(window, qtbot, tmp_path):
    """The dialog at its size on a 1366×768 screen: nothing cut short."""
    editor = open_section(window, SectionKind.TRAINING)
    dialog = editor.sessions.spreadsheet.open_preview(sessions_workbook(tmp_path / "sessions.xlsx"))
    assert SIZE[0] <= 1366 and SIZE[1] <= 768 - 80
    assert dialog.minimumSizeHint().width() <= SIZE[0] and dialog.minimumSizeHint().height() <= SIZE[1]
    QApplication.processEvents()
    assert dialog.width() <= SIZE[0] and dialog.height() <= SIZE[1]
    # Every sheet column's row is in view, and the combos show their whole text.
    view = dialog.columns_view
    assert view.verticalHeader().length() <= view.viewport().height()
    for combo in dialog.combos:
        assert combo.width() >= combo.minimumSizeHint().width()
    dialog.grab().save(str(tmp_path / "import_dialog.png"))


def test_export_tables_writes_one_sheet_per_table_and_refuses_the_document(
    window, qtbot, tmp_path, monkeypatch
):
    from avereport.spreadsheets.tables import tables_of

    session = window.session
    target = tmp_path / "tableaux.xlsx"
    assert window.tables_export.action.text() == "Exporter les tableaux…"
    assert window.tables_export.action in window.menuBar().actions()[0].menu().actions()
    assert window.tables_export.export_to(target)
    book = open_spreadsheet(target)
    assert len(book.sheet_names) == len(tables_of(session.edition))
    assert "Sessions de formation" in book.sheet_names

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: said.append(text))
    document = Path(session.document.path)
    original = document.read_bytes()
    assert not window.tables_export.export_to(document)
    assert said and said[0].startswith("Le classeur des tableaux n'a pas été enregistré.")
    assert document.read_bytes() == original
