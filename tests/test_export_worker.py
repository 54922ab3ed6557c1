"""Exporting the PDF in the background: a real file with the edited figures,
a responsive event loop meanwhile, French messages when it fails."""

from __future__ import annotations

import re
import time

import pypdf
import pytest
from PySide6.QtCore import QSettings, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from avereport.model.edition import SectionKind
from avereport.ui.export_controller import (
    LAST_EXPORT_FOLDER_KEY,
    OPEN_FOLDER,
    OPEN_PDF,
    ExportController,
    default_export_path,
)
from avereport.ui.export_worker import ExportWorker

EXPORT_TIMEOUT_MS = 60_000


@pytest.fixture(autouse=True)
def _no_last_folder(qapp):
    """QSettings keep their folder for the whole process: start each test without one."""
    QSettings().remove(LAST_EXPORT_FOLDER_KEY)


@pytest.fixture
def parent(qtbot):
    """A plain widget to parent the controller (not the main window)."""
    parent = QWidget()
    qtbot.addWidget(parent)
    return parent


class Heartbeat:
    """A 10 ms timer noting the longest wait between two of its ticks."""

    def __init__(self) -> None:
        self.longest = 0.0
        self.last = time.perf_counter()
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self.beat)
        self.timer.start()

    def beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now


def page_text(path, section_key: str, pages: dict[str, int]) -> str:
    return pypdf.PdfReader(path).pages[pages[section_key] - 1].extract_text()


def test_default_path_is_beside_the_document_or_in_the_last_folder(tmp_path):
    document = tmp_path / "dossier" / "rapport.db"
    chosen = tmp_path / "exports"
    chosen.mkdir()

    assert default_export_path(document, 2021, None) == tmp_path / "dossier" / "Rapport d'activité 2021.pdf"
    assert default_export_path(document, 2021, chosen) == chosen / "Rapport d'activité 2021.pdf"
    assert (
        default_export_path(document, 2022, tmp_path / "disparu")
        == tmp_path / "dossier" / "Rapport d'activité 2022.pdf"
    )


def test_worker_writes_the_edited_figures_while_the_event_loop_runs(session, qtbot, tmp_path):
    key = next(s.key for s in session.edition.outline if s.kind is SectionKind.MEMBERSHIP)
    group = next(i for i, g in enumerate(session.edition.membership.groups) if g.in_total)
    category = session.edition.membership.groups[group].categories[0].name
    path = f"membership.groups[{group}].categories[0].count"
    session.set_value(path, 90, "Nombre d'adhérents")
    target = tmp_path / "Rapport d'activité 2021.pdf"
    worker = ExportWorker(session.editions(), 2021, target)
    steps = []
    worker.progress.connect(lambda percent, step: steps.append(percent))
    heartbeat = Heartbeat()

    with qtbot.waitSignal(worker.finished, timeout=EXPORT_TIMEOUT_MS) as done:
        worker.start()
        session.set_value(path, 55, "Nombre d'adhérents")  # after the snapshot: not in this PDF

    outcome = done.args[0]
    assert outcome.path == target
    text = page_text(target, key, outcome.pages)
    assert re.search(rf"{re.escape(category)}\s+90\b", text)
    assert not re.search(rf"{re.escape(category)}\s+55\b", text)
    assert len(pypdf.PdfReader(target).pages) == outcome.page_count
    assert steps == sorted(steps) and steps[-1] == 100
    assert heartbeat.longest < 1.0, "sanity bound only; bench_app.py measures the real figure"


def test_worker_failure_is_a_french_message(session, qtbot, tmp_path):
    not_a_folder = tmp_path / "note.txt"
    not_a_folder.write_text("un fichier, pas un dossier")
    worker = ExportWorker(session.editions(), 2021, not_a_folder / "rapport.pdf")
    finished = []
    worker.finished.connect(finished.append)

    with qtbot.waitSignal(worker.failed, timeout=EXPORT_TIMEOUT_MS) as failure:
        worker.start()

    assert failure.args == [
        "Impossible d'accéder à « rapport.pdf » : un élément du chemin n'est pas un dossier."
    ]
    assert finished == []


def test_unknown_edition_is_refused_in_french(session, qtbot, tmp_path):
    worker = ExportWorker(session.editions(), 1999, tmp_path / "rapport.pdf")
    with qtbot.waitSignal(worker.failed, timeout=EXPORT_TIMEOUT_MS) as failure:
        worker.start()
    assert "1999" in failure.args[0] and "édition" in failure.args[0]
    assert not (tmp_path / "rapport.pdf").exists()


@pytest.mark.parametrize(("choice", "opened"), [(OPEN_PDF, "file"), (OPEN_FOLDER, "folder")])
def test_controller_offers_to_open_the_pdf_or_its_folder(
    session, parent, qtbot, tmp_path, monkeypatch, choice, opened
):
    shown, urls = [], []

    def click(box: QMessageBox) -> None:
        shown.append((box.text(), box.informativeText()))
        next(button for button in box.buttons() if button.text() == choice).click()

    monkeypatch.setattr(QMessageBox, "exec", click)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    controller = ExportController(parent)
    target = controller.default_path(session.document.path, 2021)
    running = []
    controller.running_changed.connect(running.append)

    with qtbot.waitSignal(controller.exported, timeout=EXPORT_TIMEOUT_MS):
        assert controller.start(session.editions(), 2021, target)
        assert controller.running and controller.progress is not None
        assert not controller.start(session.editions(), 2021, target), "one export at a time"

    assert target.parent == session.document.path.parent
    assert target.read_bytes().startswith(b"%PDF")
    assert running == [True, False]
    assert shown == [
        ("Le rapport PDF a été enregistré.", f"Fichier : {target.name}\nDossier : {target.parent}")
    ]
    expected = target if opened == "file" else target.parent
    assert urls == [QUrl.fromLocalFile(str(expected))]


def test_controller_reports_a_failure(session, parent, qtbot, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: errors.append((title, text)))
    not_a_folder = tmp_path / "note.txt"
    not_a_folder.write_text("")
    controller = ExportController(parent)

    with qtbot.waitSignal(
        controller.running_changed, timeout=EXPORT_TIMEOUT_MS, check_params_cb=lambda on: not on
    ):
        controller.start(session.editions(), 2021, not_a_folder / "rapport.pdf")

    assert len(errors) == 1
    title, text = errors[0]
    assert title == "Export impossible"
    assert "n'a pas été enregistré" in text and "n'est pas un dossier" in text


def test_chosen_folder_becomes_the_default(session, parent, tmp_path, monkeypatch):
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(elsewhere / "mon rapport"), ""))
    controller = ExportController(parent)

    assert controller.choose_path(session.document.path, 2021) == elsewhere / "mon rapport.pdf"
    assert QSettings().value(LAST_EXPORT_FOLDER_KEY) == str(elsewhere)
    assert controller.default_path(session.document.path, 2021) == elsewhere / "Rapport d'activité 2021.pdf"
