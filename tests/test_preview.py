"""The preview pane over the demo: the charts of the chosen section, redrawn
after an edit, and the PDF pages exported in the background."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from session_helpers import section_key

from avereport.model import fmt
from avereport.model.compute import group_total
from avereport.model.edition import SectionKind
from avereport.report import export_pdf
from avereport.ui.preview import PDF_DELAY_MS, PreviewPane
from avereport.ui.preview_canvas import ChartCanvas
from avereport.ui.preview_charts_view import NO_CHART

PDF_TIMEOUT_MS = 60_000


@pytest.fixture
def pane(session, qtbot):
    pane = PreviewPane(session)
    qtbot.addWidget(pane)
    pane.resize(600, 800)
    pane.show()
    return pane


def first_group_index(session) -> int:
    """The first group counted in the total: the one the trend chart draws first."""
    return next(i for i, g in enumerate(session.edition.membership.groups) if g.in_total and not g.retired)


def test_membership_section_shows_its_charts_with_their_description(session, pane):
    pane.show_section(section_key(session, SectionKind.MEMBERSHIP))

    assert pane.charts.canvases
    assert not pane.charts.placeholder.isVisible()
    canvas = pane.charts.canvases[0]
    assert isinstance(canvas, ChartCanvas)
    group = session.edition.membership.groups[first_group_index(session)]
    assert group.name in canvas.alt_text
    assert fmt.number(group_total(group)) in canvas.alt_text
    assert canvas.toolTip() == canvas.alt_text
    assert canvas.accessibleDescription() == canvas.alt_text


def test_narrative_section_shows_the_placeholder(session, pane):
    narrative = next(s for s in session.edition.outline if s.kind is SectionKind.NARRATIVE and s.body.strip())
    pane.show_section(narrative.key)

    assert pane.charts.canvases == []
    assert pane.charts.placeholder.isVisible()
    assert pane.charts.placeholder.text() == NO_CHART


def test_chart_follows_an_edit_and_is_kept_when_its_data_did_not_change(session, pane, qtbot):
    pane.show_section(section_key(session, SectionKind.MEMBERSHIP))
    index = first_group_index(session)
    before = pane.charts.canvases[0].alt_text

    with qtbot.waitSignal(pane.charts_refreshed):
        session.set_value(f"membership.groups[{index}].categories[0].count", 90, "Nombre d'adhérents")

    new_total = group_total(session.edition.membership.groups[index])
    canvas = pane.charts.canvases[0]
    assert canvas.alt_text != before
    assert pane.alt_texts() == [c.alt_text for c in pane.charts.canvases]
    assert fmt.number(new_total) in canvas.alt_text

    # Text elsewhere does not touch the chart's figures: they are not even asked for again.
    narrative = next(i for i, s in enumerate(session.edition.outline) if s.kind is SectionKind.NARRATIVE)
    with qtbot.assertNotEmitted(pane.charts_refreshed):
        session.set_value(f"outline[{narrative}].body", "Un autre texte.", "Texte")
        QApplication.processEvents()  # the charts' zero-delay timer would fire here
    assert pane.charts.canvases == [canvas]

    with qtbot.waitSignal(pane.charts_refreshed):
        session.undo_stack.undo()
        session.undo_stack.undo()
    assert pane.charts.canvases[0].alt_text == before


def test_pdf_tab_shows_the_pages_at_the_chosen_section(session, pane, qtbot, tmp_path):
    key = section_key(session, SectionKind.MEMBERSHIP)
    expected = export_pdf(session.editions(), session.year, tmp_path / "attendu.pdf")
    pane.show_section(key)

    with qtbot.waitSignal(pane.pdf_refreshed, timeout=PDF_TIMEOUT_MS) as shown:
        pane.tabs.setCurrentWidget(pane.pdf)

    assert shown.args == [expected.page_count]
    assert pane.pdf.view.document().pageCount() == expected.page_count
    qtbot.waitUntil(lambda: pane.pdf.view.pageNavigator().currentPage() == expected.pages[key] - 1)


def test_pdf_follows_an_edit_keeping_the_old_pages_meanwhile(session, pane, qtbot):
    key = section_key(session, SectionKind.MEMBERSHIP)
    pane.show_section(key)
    with qtbot.waitSignal(pane.pdf_refreshed, timeout=PDF_TIMEOUT_MS):
        pane.tabs.setCurrentWidget(pane.pdf)
    old = pane.pdf.view.document()
    index = first_group_index(session)

    session.set_value(f"membership.groups[{index}].categories[0].count", 90, "Nombre d'adhérents")
    qtbot.waitUntil(lambda: pane.pdf.busy)
    assert pane.pdf.view.document() is old
    assert old.pageCount() > 0
    with qtbot.waitSignal(pane.pdf_refreshed, timeout=PDF_TIMEOUT_MS):
        pass

    document = pane.pdf.view.document()
    assert document is not old
    page_text = document.getAllText(pane.pdf.pages[key]).text()
    assert fmt.number(group_total(session.edition.membership.groups[index])) in page_text


def test_f5_draws_the_charts_again_and_exports_now(session, pane, qtbot):
    pane.show_section(section_key(session, SectionKind.MEMBERSHIP))
    pane.tabs.setCurrentWidget(pane.pdf)
    with qtbot.waitSignal(pane.pdf_refreshed, timeout=PDF_TIMEOUT_MS):
        pass
    canvas = pane.charts.canvases[0]
    alt_text = canvas.alt_text

    with qtbot.waitSignals([pane.charts_refreshed, pane.pdf_refreshed], timeout=PDF_TIMEOUT_MS):
        pane.refresh()

    assert pane.charts.canvases and pane.charts.canvases[0] is not canvas
    assert pane.charts.canvases[0].alt_text == alt_text


def test_after_shutdown_the_pane_no_longer_follows_the_document(session, pane, qtbot):
    pane.show_section(section_key(session, SectionKind.MEMBERSHIP))
    pane.tabs.setCurrentWidget(pane.pdf)
    qtbot.waitUntil(lambda: pane.pdf.busy)
    canvas = pane.charts.canvases[0]
    alt_text = canvas.alt_text

    pane.shutdown()
    index = first_group_index(session)
    session.set_value(f"membership.groups[{index}].categories[0].count", 90, "Nombre d'adhérents")
    qtbot.wait(PDF_DELAY_MS * 3)

    assert pane.charts.canvases == [canvas] and canvas.alt_text == alt_text
    assert not pane.pdf.busy and pane.pdf.view.document() is None
