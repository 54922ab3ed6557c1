"""What the preview pane draws after an edit: in a narrow pane only the
chart's narrow layout, once, at the width the pane gives it; nothing while
the pane is hidden; nothing again for data already drawn. Draws are counted
on matplotlib itself (figures made, figures painted), not timed."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure
from session_helpers import section_key

from avereport.model import fmt
from avereport.model.compute import group_total
from avereport.model.edition import SectionKind
from avereport.ui.preview import PreviewPane

NARROW_PANE = 300  # pixels: the narrow layout at the app's text size (below 13 cm)
WIDER_NARROW_PANE = 520  # still below 13 cm at that size


@pytest.fixture
def pane(session, qtbot):
    pane = PreviewPane(session)
    qtbot.addWidget(pane)
    pane.resize(NARROW_PANE, 800)
    pane.show()
    qtbot.waitExposed(pane)
    pane.show_section(section_key(session, SectionKind.MEMBERSHIP))
    return pane


@pytest.fixture
def figures_made(monkeypatch) -> list[Figure]:
    """Every matplotlib figure made from now on (each chart drawn makes one)."""
    made: list[Figure] = []
    make = Figure.__init__

    def recording(figure, *args, **kwargs):
        make(figure, *args, **kwargs)
        made.append(figure)

    monkeypatch.setattr(Figure, "__init__", recording)
    return made


@pytest.fixture
def figures_painted(monkeypatch) -> list[Figure]:
    """Every figure painted from now on (a layout measuring text paints none)."""
    painted: list[Figure] = []
    draw = Figure.draw

    def recording(figure, renderer):
        painted.append(figure)
        return draw(figure, renderer)

    monkeypatch.setattr(Figure, "draw", recording)
    return painted


def first_group_index(session) -> int:
    return next(i for i, g in enumerate(session.edition.membership.groups) if g.in_total and not g.retired)


def edit_count(session, qtbot, pane, count: int) -> None:
    index = first_group_index(session)
    with qtbot.waitSignal(pane.charts_refreshed):
        session.set_value(f"membership.groups[{index}].categories[0].count", count, "Nombre d'adhérents")


def shown_and_settled(pane, qtbot) -> None:
    """Paint every canvas as the screen would, and let pending layouts run."""
    for canvas in pane.charts.canvases:
        canvas.grab()
    qtbot.waitUntil(lambda: not any(canvas._relayout.isActive() for canvas in pane.charts.canvases))
    qtbot.wait(100)  # any paint or layout asked for meanwhile
    for canvas in pane.charts.canvases:
        canvas.grab()


def test_a_narrow_pane_draws_one_narrow_figure_per_chart_after_an_edit(
    session, pane, qtbot, figures_made, figures_painted
):
    shown_and_settled(pane, qtbot)
    figures_made.clear()
    figures_painted.clear()

    edit_count(session, qtbot, pane, 90)
    shown_and_settled(pane, qtbot)

    canvases = pane.charts.canvases
    assert canvases
    total = group_total(session.edition.membership.groups[first_group_index(session)])
    assert fmt.number(total) in canvases[0].alt_text
    # Only the narrow layout was drawn (never the printed one), once, and painted once.
    assert all(canvas.printed is None and canvas.is_narrow(canvas.width()) for canvas in canvases)
    assert len(figures_made) == len(canvases)
    assert {id(figure) for figure in figures_painted} == {id(canvas.figure) for canvas in canvases}
    assert len(figures_painted) == len(canvases)


def legend_lines(figure: Figure) -> int:
    legend = figure.axes[0].get_legend()
    return sum(text.get_text().count("\n") + 1 for text in legend.get_texts())


def test_the_narrow_layout_is_drawn_for_the_width_the_pane_gives(session, pane, qtbot):
    shown_and_settled(pane, qtbot)
    canvas = pane.charts.canvases[0]
    narrow_lines = legend_lines(canvas.figure)
    # Drawn as wide as the canvas, at its readable resolution: not scaled.
    assert canvas.figure.get_figwidth() * canvas.dpi == pytest.approx(canvas.width(), abs=1)

    pane.resize(WIDER_NARROW_PANE, 800)
    qtbot.waitUntil(lambda: canvas.width() > NARROW_PANE)
    shown_and_settled(pane, qtbot)

    assert canvas.is_narrow(canvas.width()) and canvas.printed is None
    assert canvas.figure.get_figwidth() * canvas.dpi == pytest.approx(canvas.width(), abs=1)
    # The long group names need fewer lines where there is more room.
    assert legend_lines(canvas.figure) < narrow_lines


def test_a_hidden_pane_draws_its_charts_when_shown_again(session, pane, qtbot, figures_made):
    shown_and_settled(pane, qtbot)
    before = pane.charts.canvases[0].alt_text
    pane.hide()
    figures_made.clear()

    index = first_group_index(session)
    session.set_value(f"membership.groups[{index}].categories[0].count", 90, "Nombre d'adhérents")
    qtbot.wait(100)
    assert figures_made == []
    assert pane.charts.canvases[0].alt_text == before

    with qtbot.waitSignal(pane.charts_refreshed):
        pane.show()
    total = group_total(session.edition.membership.groups[index])
    assert fmt.number(total) in pane.charts.canvases[0].alt_text
    assert len(figures_made) == len(pane.charts.canvases)


def test_an_undo_shows_the_drawing_already_made_for_that_data(session, pane, qtbot, figures_made):
    shown_and_settled(pane, qtbot)
    before = pane.charts.canvases[0].alt_text
    edit_count(session, qtbot, pane, 90)
    shown_and_settled(pane, qtbot)
    figures_made.clear()

    with qtbot.waitSignal(pane.charts_refreshed):
        session.undo_stack.undo()
    shown_and_settled(pane, qtbot)

    assert pane.charts.canvases[0].alt_text == before
    assert figures_made == []
