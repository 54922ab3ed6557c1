"""Exporting from the app with sections à relire (or errors) open: the
reminder says how many and shows the first few as links to their place;
« Exporter quand même » exports, « Annuler » does not, a point clicked goes
to its place. An edition with nothing open exports without a word."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from avereport.model.checks.reminder import export_reminder
from avereport.model.succession import start_next_edition
from avereport.ui.export_controller import CLOSE
from avereport.ui.export_reminder_dialog import SHOWN, ExportReminderDialog


@pytest.fixture
def window_2022(window):
    """The window showing a 2022 edition just started from 2021: every section à relire."""
    session = window.session
    assert session.add_edition("Créer l'édition 2022", start_next_edition(session.edition))
    return window


def when_shown(kind, act, tries: int = 500) -> None:
    """Run ``act`` on the first visible top-level ``kind`` once it shows
    (modal dialogs), looking every 20 ms ``tries`` times at most."""

    def find(left: int) -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if shown:
            act(shown[0])
        elif left:
            QTimer.singleShot(20, lambda: find(left - 1))

    QTimer.singleShot(0, lambda: find(tries))


def close_the_export_message() -> None:
    when_shown(QMessageBox, lambda box: next(b for b in box.buttons() if b.text() == CLOSE).click())


def target(demo_db, year: int = 2022):
    return demo_db.parent / f"Rapport d'activité {year}.pdf"


def test_the_reminder_counts_and_lists_the_first_points(window_2022, qtbot):
    session = window_2022.session
    reminder = export_reminder(session.edition, session.previous())
    seen = {}

    def look_then_cancel(dialog: ExportReminderDialog) -> None:
        seen["heading"] = dialog.heading.text()
        seen["items"] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        seen["more"] = dialog.more.isVisible() and dialog.more.text()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    when_shown(ExportReminderDialog, look_then_cancel)
    window_2022.export_action.trigger()
    pending = len(reminder.pending)
    assert pending > SHOWN
    assert f"{pending} sections à relire ou à rédiger" in seen["heading"]
    assert "2022" in seen["heading"]
    assert len(seen["items"]) == SHOWN
    assert "est à relire" in seen["items"][0]
    assert seen["more"] and f"{pending - SHOWN} autres points" in seen["more"]


def test_cancel_does_not_export(window_2022, demo_db, qtbot):
    when_shown(ExportReminderDialog, lambda d: qtbot.mouseClick(d.cancel_button, Qt.MouseButton.LeftButton))
    window_2022.export_action.trigger()
    assert not window_2022.exporter.running
    assert not target(demo_db).exists()


def test_export_anyway_writes_the_pdf(window_2022, demo_db, qtbot):
    finished = []
    window_2022.exporter.exported.connect(finished.append)
    when_shown(ExportReminderDialog, lambda d: qtbot.mouseClick(d.export_button, Qt.MouseButton.LeftButton))
    close_the_export_message()
    window_2022.export_action.trigger()
    qtbot.waitUntil(lambda: bool(finished), timeout=60000)
    assert finished == [target(demo_db)]
    text = " ".join(page.extract_text() for page in PdfReader(target(demo_db)).pages)
    assert "2022" in text


def test_a_point_clicked_goes_to_its_place_and_exports_nothing(window_2022, demo_db, qtbot):
    chosen = {}

    def click_second(dialog: ExportReminderDialog) -> None:
        item = dialog.list.item(1)
        chosen["finding"] = item.data(Qt.ItemDataRole.UserRole + 1)
        rect = dialog.list.visualItemRect(item)
        qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    when_shown(ExportReminderDialog, click_second)
    window_2022.export_action.trigger()
    assert not target(demo_db).exists()
    edition = window_2022.session.edition
    index = int(chosen["finding"].field.split("[")[1].split("]")[0])  # outline[i].review
    key = edition.outline[index].key
    assert window_2022.outline_panel.current_key() == key
    assert window_2022.current_editor() is window_2022.editors[key]


def test_nothing_open_exports_without_a_reminder(window, demo_db, qtbot):
    session = window.session
    assert not export_reminder(session.edition, session.previous())
    finished = []
    window.exporter.exported.connect(finished.append)
    reminded = []
    when_shown(ExportReminderDialog, lambda d: reminded.append(d) or d.reject(), tries=50)
    close_the_export_message()
    window.export_action.trigger()
    qtbot.waitUntil(lambda: bool(finished), timeout=60000)
    assert reminded == [] and target(demo_db, 2021).exists()


def test_export_as_shows_the_reminder_before_asking_where(window_2022, demo_db, qtbot, monkeypatch):
    steps = []
    elsewhere = demo_db.parent / "ailleurs.pdf"

    def ask_where(*_args, **_kwargs):
        steps.append("où")
        return str(elsewhere), ""

    # Qt's own save dialog, answered as a user would.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask_where)
    finished = []
    window_2022.exporter.exported.connect(finished.append)

    def remind_then_export(dialog: ExportReminderDialog) -> None:
        steps.append("rappel")
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    when_shown(ExportReminderDialog, remind_then_export)
    close_the_export_message()
    window_2022.export_as_action.trigger()
    qtbot.waitUntil(lambda: bool(finished), timeout=60000)
    assert steps == ["rappel", "où"] and finished == [elsewhere]

    # « Annuler » in the reminder: no file dialog at all.
    steps.clear()
    when_shown(ExportReminderDialog, lambda d: qtbot.mouseClick(d.cancel_button, Qt.MouseButton.LeftButton))
    window_2022.export_as_action.trigger()
    assert steps == [] and not window_2022.exporter.running
