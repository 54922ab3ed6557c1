"""Previews one can read: charts drawn with text as large as the app's, shown
larger on a double-click; the PDF zoomed with the bar, the keys and
Ctrl+molette, opening on the section edited; the pane says when it has
nothing to show."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFontInfo, QWheelEvent
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QApplication
from session_helpers import section_key

from avereport.charts.style import MIN_FONT_PT
from avereport.model.edition import SectionKind
from avereport.ui.preview import PreviewPane
from avereport.ui.preview_chart_dialog import ChartDialog

PDF_TIMEOUT_MS = 60_000


@pytest.fixture
def pane(session, qtbot):
    pane = PreviewPane(session)
    qtbot.addWidget(pane)
    pane.resize(700, 800)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def smallest_text_pixels(canvas) -> float:
    """The smallest chart text's height on screen, in logical pixels."""
    return MIN_FONT_PT / 72 * canvas.figure.dpi / canvas.device_pixel_ratio


def test_charts_text_is_at_least_the_apps_text_and_fills_the_width(session, pane, qtbot):
    pane.show_section(section_key(session, SectionKind.MEMBERSHIP))
    canvas = pane.charts.canvases[0]
    viewport = pane.charts.viewport().width()
    qtbot.waitUntil(lambda: canvas.width() >= min(viewport - 30, canvas.maximumWidth()))
    qtbot.waitUntil(lambda: not canvas._relayout.isActive())
    ui_pixels = QFontInfo(QApplication.font()).pixelSize()
    assert smallest_text_pixels(canvas) >= ui_pixels - 0.01
    # The figure was laid out again at that size: its plot lies inside it.
    for axes in canvas.figure.axes:
        box = axes.get_position()
        assert 0 <= box.x0 < box.x1 <= 1 and box.width > 0.3


def test_a_double_click_shows_the_chart_larger(session, pane, qtbot):
    pane.show_section(section_key(session, SectionKind.TRAINING))
    canvas = pane.charts.canvases[0]
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=canvas.rect().center())
    assert isinstance(pane.dialog, ChartDialog) and pane.dialog.isVisible()
    assert pane.dialog.picture.pixmap().deviceIndependentSize().width() > canvas.width()
    assert pane.dialog.description.text() == canvas.alt_text
    pane.dialog.close()


def test_the_pane_has_content_only_with_charts_or_the_pdf(session, pane, qtbot):
    narrative = next(s for s in session.edition.outline if s.kind is SectionKind.NARRATIVE)
    with qtbot.waitSignal(pane.has_content_changed) as changed:
        pane.show_section(section_key(session, SectionKind.MEMBERSHIP))
    assert changed.args == [True] and pane.has_content
    with qtbot.waitSignal(pane.has_content_changed) as changed:
        pane.show_section(narrative.key)
    assert changed.args == [False] and not pane.has_content
    pane.tabs.setCurrentWidget(pane.pdf)
    assert pane.has_content


def test_pdf_opens_on_the_section_and_zooms(session, pane, qtbot):
    key = section_key(session, SectionKind.TRAINING)
    pane.show_section(key)
    with qtbot.waitSignal(pane.pdf_refreshed, timeout=PDF_TIMEOUT_MS):
        pane.tabs.setCurrentWidget(pane.pdf)
    pdf = pane.pdf
    qtbot.waitUntil(lambda: pdf.view.pageNavigator().currentPage() == pdf.pages[key])
    assert pdf.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    fitted = pdf.zoom()
    assert pdf.zoom_label.text() == f"{round(fitted * 100)} %"

    pdf.view.setFocus()
    qtbot.keyClick(pdf.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert pdf.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert pdf.zoom() == pytest.approx(fitted * 1.25)
    qtbot.keyClick(pdf.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert pdf.zoom() == pytest.approx(fitted)

    viewport = pdf.view.viewport()
    centre = QPointF(viewport.rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(viewport.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 240),  # two notches towards the screen
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, wheel)
    assert pdf.zoom() == pytest.approx(fitted * 1.25**2)

    qtbot.mouseClick(pdf.zoom_bar.widgetForAction(pdf.fit_page_action), Qt.MouseButton.LeftButton)
    assert pdf.view.zoomMode() == QPdfView.ZoomMode.FitInView
    assert pdf.zoom() <= fitted
    qtbot.mouseClick(pdf.zoom_bar.widgetForAction(pdf.fit_width_action), Qt.MouseButton.LeftButton)
    assert pdf.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert pdf.zoom() == pytest.approx(fitted)
