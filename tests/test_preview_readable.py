"""Charts one can read in a narrow preview pane: at every width the window
gives the pane (from about 280 pixels), every chart text is at least the
app's text size, no two texts overlap and none is cut at the chart's edge;
below the printed layout's narrowest width the chart shows its narrow
layout, and the narrow layouts hold with unusual data too."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication
from session_helpers import section_key

from avereport import charts
from avereport.charts.style import chart_style, lay_out
from avereport.model.edition import NetworkKind, SectionKind
from avereport.model.regions import Region
from avereport.ui.preview import PreviewPane

PANE_WIDTHS = (280, 330, 400, 600)
SCREEN_DPI = 108  # the app's 12-pixel text for the charts' 8-point text
NARROW_CM = 5.6  # the narrow layout's width for a 240-pixel canvas at that resolution


def drawn_texts(figure, monkeypatch) -> list[Text]:
    """The texts matplotlib draws when the figure is drawn (those of a
    hidden axis or outside the view are made but never drawn)."""
    drawn: list[Text] = []
    draw = Text.draw

    def recording(text, renderer):
        draw(text, renderer)
        if text.get_visible() and text.get_text().strip():
            drawn.append(text)

    with monkeypatch.context() as patch:
        patch.setattr(Text, "draw", recording)
        figure.canvas.draw()
    return drawn


def layout_faults(figure, texts: list[Text]) -> list[str]:
    """Pairs of overlapping texts, and texts reaching past the figure's edge."""
    renderer = figure.canvas.get_renderer()
    boxes = [(text.get_text(), text.get_window_extent(renderer)) for text in texts]
    faults = [
        f"{a!r} over {b!r}"
        for index, (a, box_a) in enumerate(boxes)
        for b, box_b in boxes[index + 1 :]
        if box_a.overlaps(box_b)
    ]
    edge = figure.bbox
    faults += [
        f"{name!r} cut"
        for name, box in boxes
        if box.x0 < edge.x0 - 1 or box.x1 > edge.x1 + 1 or box.y0 < edge.y0 - 1 or box.y1 > edge.y1 + 1
    ]
    return faults


@pytest.fixture
def pane(session, qtbot):
    pane = PreviewPane(session)
    qtbot.addWidget(pane)
    pane.resize(PANE_WIDTHS[-1], 900)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def chart_sections(session, pane) -> list[str]:
    keys = []
    for section in session.edition.outline:
        pane.show_section(section.key)
        if pane.charts.canvases:
            keys.append(section.key)
    return keys


def settled(pane) -> bool:
    """Each canvas has the pane's width (up to its printed width), and drew
    its figure laid out for that width at that size."""
    room = pane.charts.viewport().width()
    for canvas in pane.charts.canvases:
        figure = canvas.figure
        shown_width = figure.get_figwidth() * figure.dpi / canvas.device_pixel_ratio
        if not min(room - 30, canvas.maximumWidth()) <= canvas.width() <= room:
            return False
        if canvas._relayout.isActive() or abs(shown_width - canvas.width()) > 1.5:
            return False
    return True


def test_every_chart_text_is_readable_and_clear_at_every_pane_width(session, pane, qtbot, monkeypatch):
    ui_pixels = QFontInfo(QApplication.font()).pixelSize()
    sections = chart_sections(session, pane)
    assert len(sections) == 5  # adhérents, couverture, cartes, formations, communication
    for key in sections:
        pane.show_section(key)
        for width in PANE_WIDTHS:
            pane.resize(width, 900)
            # Each chart fills the pane's width (up to its printed width).
            qtbot.waitUntil(lambda: settled(pane))
            for canvas in pane.charts.canvases:
                figure = canvas.figure
                where = f"{key} at {width} px"
                assert (figure is not canvas.printed) == canvas.is_narrow(canvas.width()), where
                texts = drawn_texts(figure, monkeypatch)
                assert texts, where
                pixels = min(
                    text.get_fontsize() * figure.dpi / 72 / canvas.device_pixel_ratio for text in texts
                )
                assert pixels >= ui_pixels - 0.01, where
                assert layout_faults(figure, texts) == [], where


def test_the_narrow_layout_shows_below_the_printed_layouts_narrowest_width(session, pane, qtbot):
    pane.show_section(section_key(session, SectionKind.COVERAGE))
    canvas = pane.charts.canvases[0]
    pane.resize(290, 900)
    qtbot.waitUntil(lambda: settled(pane))
    assert canvas.figure is not canvas.printed
    narrow_height = canvas.height()
    pane.resize(700, 900)
    qtbot.waitUntil(lambda: settled(pane))
    assert canvas.figure is canvas.printed
    # Taller when narrow: the labels stand above their bars, not beside them.
    assert narrow_height > canvas.height()


PALETTE = charts.palette_from_brand("#1f3b73", "#e07b39")
LONG = "Structures d'insertion par l'activité économique et associations intermédiaires"


def narrow_charts() -> list[tuple[str, charts.Chart]]:
    """Each chart in its narrow layout with data harder to fit than the demo's."""
    years = range(2008, 2022)
    return [
        (
            "trend",
            charts.membership_trend(
                [
                    charts.Series(LONG, tuple((year, 100 + year % 7) for year in years)),
                    charts.Series("PLIE", tuple((year, None if year == 2015 else 90) for year in years)),
                    charts.Series("Maisons de l'Emploi", tuple((year, 12_345) for year in years)),
                ],
                PALETTE,
                narrow_cm=NARROW_CM,
            ),
        ),
        (
            "coverage",
            charts.network_coverage(
                [
                    charts.CoverageBar(LONG, 1, 1_250),
                    charts.CoverageBar("PLIE", 70, 100),
                    charts.CoverageBar("Maisons de l'Emploi", 77, 77),
                ],
                PALETTE,
                narrow_cm=NARROW_CM,
            ),
        ),
        (
            "categories",
            charts.membership_by_category(
                [
                    charts.CategoryBar(LONG, 1_234, -56),
                    charts.CategoryBar("Adhésion pleine et entière", None),
                    charts.CategoryBar("Autres", 0, 0),
                ],
                PALETTE,
                narrow_cm=NARROW_CM,
            ),
        ),
        (
            "training",
            charts.training_participants(
                [charts.Share(LONG, 12_000), charts.Share("PLIE", 3), charts.Share("Autres", 0)],
                PALETTE,
                narrow_cm=NARROW_CM,
            ),
        ),
        (
            "communication",
            charts.communication_metrics(
                [
                    charts.Series(f"{LONG} ({index})", tuple((year, 1_000_000 * index) for year in years))
                    for index in range(1, 4)
                ],
                PALETTE,
                narrow_cm=NARROW_CM,
            ),
        ),
        (
            "map",
            charts.region_map(
                NetworkKind.PLIE,
                {region: 150 + index for index, region in enumerate(Region)},
                PALETTE,
                narrow_cm=NARROW_CM,
            ),
        ),
    ]


@pytest.mark.parametrize("width_cm", [NARROW_CM, 9.0, 12.9])
def test_narrow_layouts_hold_with_long_labels_and_large_figures(width_cm, monkeypatch):
    for name, chart in narrow_charts():
        figure = chart.figure
        figure.set_size_inches(width_cm / 2.54, figure.get_figheight())
        FigureCanvasAgg(figure)
        with chart_style():
            lay_out(figure)
        figure.set_dpi(SCREEN_DPI)
        texts = drawn_texts(figure, monkeypatch)
        assert min(text.get_fontsize() for text in texts) >= 8, name
        assert layout_faults(figure, texts) == [], f"{name} at {width_cm} cm"
