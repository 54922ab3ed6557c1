"""Screenshots of each screen of the app, for the README.

Opens a copy of the demo in the real main window on Qt's offscreen platform,
on a 1366 x 768 laptop screen (the window places itself, as it would there),
and saves one PNG per screen into ``docs/screenshots/``; then, in a process
of its own, one on a 1024 x 600 screen. Nothing of the user's is read or
changed: settings and data folders are temporary.

Run: python scripts/screenshots.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "docs" / "screenshots"
SCREEN = (1366, 768)
SMALL_SCREEN = (1024, 600)
SMALL_FLAG = "--petit-ecran"
TIMEOUT_S = 60


def settle(app, seconds: float = 0.3) -> None:
    """Let layouts, deferred redraws and timers run."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def wait_for(app, condition: Callable[[], bool]) -> None:
    deadline = time.perf_counter() + TIMEOUT_S
    while not condition():
        if time.perf_counter() > deadline:
            raise SystemExit("L'application n'a pas répondu à temps.")
        app.processEvents()
        time.sleep(0.01)


def use_screen(folder: Path, size: tuple[int, int]) -> None:
    """Qt's offscreen platform with one screen of ``size``."""
    config = folder / "ecran.json"
    screen = {"name": "portable", "x": 0, "y": 0, "width": size[0], "height": size[1], "logicalDpi": 96}
    config.write_text(json.dumps({"screens": [{**screen, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def yearly_cycle(app, window, save, open_section) -> None:
    """The 2022 edition started from 2021: the sections to review in the plan
    and the editor, last year's text beside this year's, the export reminder."""
    from PySide6.QtCore import QTimer

    from avereport.model.succession import start_next_edition
    from avereport.ui.export_reminder_dialog import ExportReminderDialog

    session = window.session
    session.add_edition("Créer l'édition 2022", start_next_edition(session.edition))
    carried = next(s for s in session.edition.outline if s.body.strip() and s.level > 1)
    open_section(carried.key)
    save(window, "09-nouvelle-edition-relecture")

    # This year's text rewritten in part, last year's unfolded beside it.
    index = session.edition.outline.index(carried)
    words = carried.body.split(" ")
    rewritten = " ".join(["En 2022,", *words[:12], "et de nouveaux partenaires", *words[16:]])
    session.set_value(f"outline[{index}].body", rewritten, "Modifier le texte de la section")
    editor = window.current_editor()
    editor.previous_text.toggle.setChecked(True)
    settle(app, 0.5)
    save(window, "10-texte-annee-precedente")

    def grab_reminder() -> None:
        dialog = next((w for w in app.topLevelWidgets() if isinstance(w, ExportReminderDialog)), None)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(100, grab_reminder)
            return
        save(dialog, "11-rappel-avant-export")
        dialog.reject()

    QTimer.singleShot(100, grab_reminder)
    window.export_action.trigger()
    settle(app)


def main() -> None:
    small = SMALL_FLAG in sys.argv
    folder = Path(tempfile.mkdtemp(prefix="avereport-captures-"))
    use_screen(folder, SMALL_SCREEN if small else SCREEN)
    os.environ["AVEREPORT_DATA_DIR"] = str(folder / "donnees")
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")

    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from avereport.demo import write_demo
    from avereport.model.edition import SectionKind
    from avereport.ui.export_controller import CLOSE
    from avereport.ui.look import apply_look
    from avereport.ui.main_window import MainWindow
    from avereport.ui.new_edition_dialog import NewEditionDialog
    from avereport.ui.translations import install_french

    app = QApplication(sys.argv[:1])
    app.setApplicationName("avereport")
    app.setOrganizationName("Alliance Villes Emploi")
    install_french(app)
    apply_look(app)
    documents = folder / "Documents"
    documents.mkdir()
    demo = documents / "Rapport AVE.db"
    write_demo(demo)

    window = MainWindow()
    window.show()
    if not window.open_path(demo):
        raise SystemExit("La démonstration ne s'ouvre pas.")
    session = window.session
    OUTPUT.mkdir(parents=True, exist_ok=True)
    settle(app, 1.5)  # the background imports of the preview

    def save(widget, name: str) -> None:
        settle(app)
        path = OUTPUT / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise SystemExit(f"Impossible d'écrire {path}.")
        print(path.relative_to(REPO))

    def open_section(key: str) -> None:
        window.outline_panel.select(key)
        settle(app, 0.5)

    def first(kind: SectionKind) -> str:
        return next(s.key for s in session.edition.outline if s.kind is kind)

    if small:
        open_section(first(SectionKind.BOARD))
        save(window, "08-petit-ecran-1024x600")
        window.close()
        return

    # The checks panel is shown later on its own: the editors get the height.
    window.checks_dock.hide()
    window.history_dock.hide()
    open_section(first(SectionKind.MEMBERSHIP))
    save(window, "01-adherents-et-graphique")

    open_section(first(SectionKind.BOARD))
    editor = window.current_editor()
    editor.focus_field("governance.board[0].surname")
    editor.verticalScrollBar().setValue(editor.table.mapTo(editor.widget(), QPoint(0, 0)).y())
    save(window, "02-conseil-administration")

    # The narrative text with the most formatting (lists, links, bold).
    narratives = [s for s in session.edition.outline if s.kind is SectionKind.NARRATIVE]
    richest = max(narratives, key=lambda s: sum(s.body.count(mark) for mark in ("\n- ", "](", "**")))
    open_section(richest.key)
    save(window, "03-texte-mis-en-forme")

    window.run_checks()
    settle(app)
    window.checks.list.setCurrentRow(0)
    window.go_to_finding(window.checks.findings[0])
    save(window, "04-verifications")
    window.checks_dock.hide()

    preview = window.preview
    open_section(first(SectionKind.MEMBERSHIP))
    shown = []
    preview.pdf_refreshed.connect(shown.append)
    preview.tabs.setCurrentWidget(preview.pdf)
    wait_for(app, lambda: shown)
    settle(app, 1.0)  # pages are rendered in the background
    save(window, "05-apercu-pdf")
    preview.tabs.setCurrentWidget(preview.charts)

    dialog = NewEditionDialog(session.edition, session.years(), window)
    dialog.show()
    save(dialog, "06-nouvelle-edition")
    dialog.reject()

    # The message after an export is modal: grab it from inside its own loop.
    def grab_message() -> None:
        box = next((w for w in app.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(100, grab_message)
            return
        save(box, "07-export-termine")
        next(button for button in box.buttons() if button.text() == CLOSE).click()

    done = []
    window.exporter.running_changed.connect(lambda running: running or done.append(True))
    QTimer.singleShot(100, grab_message)
    window.export_action.trigger()
    wait_for(app, lambda: done)
    settle(app)
    yearly_cycle(app, window, save, open_section)
    window.close()
    subprocess.run([sys.executable, __file__, SMALL_FLAG], check=True)


if __name__ == "__main__":
    main()
