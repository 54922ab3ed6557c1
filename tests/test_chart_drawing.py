"""Charts drawn straight into reportlab drawings for the PDF: vectors and
real text in the embedded DejaVu faces, at the figure's size and layout,
the same bytes every time; a figure the renderer cannot draw becomes a PNG."""

from __future__ import annotations

import hashlib
import io
import math
import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure
from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.graphics.shapes import Path as RlPath
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from test_charts import CHARTS, drawn_texts

from avereport import charts
from avereport.charts import Chart
from avereport.demo import demo_editions
from avereport.model.edition import Organisation
from avereport.report import chart_requests
from avereport.report.chart_cache import CACHE_SUFFIX, cache_folder, draw_chart, forget_drawings
from avereport.report.chart_drawing import (
    UnsupportedFigure,
    advance,
    figure_drawing,
    figure_sketch,
    string_width,
)
from avereport.report.chart_requests import ChartRequest
from avereport.report.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, font_file, register_fonts
from avereport.ui.preview_charts import edition_chart_requests

FACES = {REGULAR, BOLD, ITALIC, BOLD_ITALIC}
CURVE_TO = 2


def leaves(node, transform=(1, 0, 0, 1, 0, 0)):
    """Every shape of a drawing with the transform of the groups around it."""
    for child in node.contents:
        if isinstance(child, Group):
            inner = getattr(child, "transform", None) or (1, 0, 0, 1, 0, 0)
            yield from leaves(child, _product(transform, inner))
        else:
            yield child, transform


def _product(a, b):
    return (
        a[0] * b[0] + a[2] * b[1],
        a[1] * b[0] + a[3] * b[1],
        a[0] * b[2] + a[2] * b[3],
        a[1] * b[2] + a[3] * b[3],
        a[0] * b[4] + a[2] * b[5] + a[4],
        a[1] * b[4] + a[3] * b[5] + a[5],
    )


def labels(drawing: Drawing) -> list[String]:
    return [shape for shape, _ in leaves(drawing) if isinstance(shape, String)]


@pytest.fixture(scope="module")
def demo():
    editions = demo_editions()
    edition = next(e for e in editions if e.year == 2021)
    return edition_chart_requests(editions, 2021), edition.organisation


def test_every_chart_of_the_demo_is_a_drawing_with_its_labels_as_text(demo):
    requests, organisation = demo
    palette = charts.palette_from_brand(organisation.primary_colour, organisation.secondary_colour)
    assert len(requests) == 6
    forget_drawings()
    for request in requests:
        drawn = draw_chart(request, organisation)
        assert isinstance(drawn.drawing, Drawing), request.name
        figure = request.drawn(charts, palette).figure
        width, height = figure.get_size_inches() * 72
        assert (drawn.width, drawn.height) == pytest.approx((width, height))
        written = labels(drawn.drawing)
        texts = drawn_texts(figure)
        assert sorted(s.text for s in written) == sorted(
            line for t in texts for line in t.get_text().split("\n")
        ), request.name
        assert {s.fontName for s in written} <= FACES
        bold = {t.get_text() for t in texts if t.get_fontweight() == "bold"}
        assert bold and {s.text for s in written if s.fontName == BOLD} == bold, request.name
        assert drawn.drawing.initialFontName == REGULAR


def test_right_aligned_and_centred_labels_use_the_printed_widths():
    figure = CHARTS["coverage"]().figure
    drawing = figure_drawing(figure)
    written = {s.text: s for s in labels(drawing)}
    # The category labels end together at the axis, line by line.
    ends = [
        written[line].x + stringWidth(line, written[line].fontName, written[line].fontSize)
        for tick in figure.axes[0].get_yticklabels()
        for line in tick.get_text().split("\n")
    ]
    assert max(ends) - min(ends) < 1e-6
    width = figure.get_size_inches()[0] * 72
    axes = figure.axes[0].get_position()
    assert axes.x0 * width - 10 < ends[0] < axes.x0 * width  # before the bars, past the 6 pt pad
    # The percent ticks are centred on their positions.
    for tick, fraction in zip(figure.axes[0].get_xticklabels(), [0, 0.25, 0.5, 0.75, 1]):
        label = written[tick.get_text()]
        middle = label.x + stringWidth(label.text, label.fontName, label.fontSize) / 2
        assert middle == pytest.approx((axes.x0 + fraction * axes.width) * width, abs=1e-6)


@pytest.mark.parametrize("face", sorted(FACES))
def test_the_renderer_reads_every_width_reportlab_sets_text_at(face):
    register_fonts()
    parsed = getFont(face).face  # reportlab's own reading of the file
    mapped = set(font_manager.get_font(font_file(face)).get_charmap())
    codes = mapped | set(parsed.charWidths) | {0xA0, 0xE000, 0x1F600, 0x10FFFF}  # and some it lacks
    assert len(mapped) > 5000
    assert {code: advance(face, code) for code in codes} == {
        code: parsed.charWidths.get(code, parsed.defaultWidth) for code in codes
    }
    text = "Évolution des adhérents : 1\u202f234 (+2) « R&D » 😀"
    assert string_width(text, face, 9.5) == stringWidth(text, face, 9.5)


def test_drawing_keeps_the_layout_the_chart_was_built_with():
    figure = CHARTS["training"]().figure
    positions = [axes.get_position().bounds for axes in figure.axes]
    engine, dpi = figure.get_layout_engine(), figure.dpi
    figure_drawing(figure)
    assert [axes.get_position().bounds for axes in figure.axes] == positions
    assert figure.get_layout_engine() is engine and figure.dpi == dpi


def _centre(path: RlPath) -> tuple[float, float]:
    xs, ys = path.points[0::2], path.points[1::2]
    return round((min(xs) + max(xs)) / 2, 3), round((min(ys) + max(ys)) / 2, 3)


def test_markers_are_drawn_at_their_points():
    figure = CHARTS["trend"]().figure
    drawing = figure_drawing(figure)
    axes = figure.axes[0]
    circles = [
        shape
        for shape, _ in leaves(drawing)
        if isinstance(shape, RlPath) and shape.operators.count(CURVE_TO) >= 4 and shape.fillColor
    ]
    full = axes.get_lines()[0]
    points = [(x, y) for x, y in zip(full.get_xdata(), full.get_ydata()) if not math.isnan(y)]
    assert len(circles) == len(points) + 1  # and one in the legend
    centres = {_centre(circle) for circle in circles}
    for point in points:
        x, y = axes.transData.transform(point) * 72 / figure.dpi
        assert (round(x, 3), round(y, 3)) in centres


def test_rotated_text_dashes_opacity_and_clipping():
    figure = Figure(figsize=(3, 2))
    axes = figure.add_subplot()
    axes.plot([0, 1], [0, 1], linestyle="--", color="#1F4E79", alpha=0.5, linewidth=1.5)
    axes.set_ylabel("Personnes formées")
    axes.set_xlim(0, 0.5)
    drawing = figure_drawing(figure)
    [(label, transform)] = [
        (shape, transform)
        for shape, transform in leaves(drawing)
        if isinstance(shape, String) and shape.text == "Personnes formées"
    ]
    assert (label.x, label.y) == (0, 0)
    assert transform[:4] == pytest.approx((0, 1, -1, 0))  # a quarter turn anticlockwise
    assert label.fontName == REGULAR and label.fontSize == pytest.approx(10)
    dashed = [s for s, _ in leaves(drawing) if isinstance(s, RlPath) and s.strokeDashArray]
    assert len(dashed) == 1
    line = dashed[0]
    assert line.strokeColor.alpha == pytest.approx(0.5) and line.strokeWidth == pytest.approx(1.5)
    _, pattern = line.strokeDashArray
    assert pattern == pytest.approx([3.7 * 1.5, 1.6 * 1.5])  # matplotlib's "--", scaled by the width
    # The line leaves the plot on the right: it is clipped to the axes.
    group = next(g for g in drawing.contents if isinstance(g, Group) and line in g.contents)
    clip = group.contents[0]
    box = axes.get_window_extent()
    scale = 72 / figure.dpi
    assert clip.isClipPath and (min(clip.points[0::2]), max(clip.points[0::2])) == pytest.approx(
        (box.x0 * scale, box.x1 * scale)
    )


def test_pdf_text_of_a_drawn_chart_is_searchable_in_dejavu():
    drawing = figure_drawing(CHARTS["plie_map"]().figure)
    pdf = io.BytesIO(renderPDF.drawToString(drawing))
    reader = PdfReader(pdf)
    text = reader.pages[0].extract_text()
    for words in ("PLIE par région", "Hauts-de-", "29", "Outre-mer", "au total"):
        assert words in text
    fonts = {str(font.get_object()["/BaseFont"]) for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert fonts and all("DejaVu" in name for name in fonts)


def _digest(sketch) -> str:
    return hashlib.sha256(pickle.dumps(sketch, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()


def test_same_chart_pickles_to_the_same_bytes_in_any_process():
    """The disk cache holds pickled sketches: equal charts, equal files."""
    mine = _digest(figure_sketch(CHARTS["close_trend"]().figure))
    assert _digest(figure_sketch(CHARTS["close_trend"]().figure)) == mine
    tests = Path(__file__).parent
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from test_charts import CHARTS; "
        "from test_chart_drawing import _digest; from avereport.report.chart_drawing import figure_sketch; "
        "print(_digest(figure_sketch(CHARTS['close_trend']().figure)))"
    )
    environment = {**os.environ, "PYTHONPATH": str(tests.parent), "PYTHONHASHSEED": "7"}
    other = subprocess.run(
        [sys.executable, "-c", code, str(tests)], capture_output=True, text=True, check=True, env=environment
    )
    assert other.stdout.strip() == mine


def test_a_cached_sketch_is_plain_data_and_a_foreign_file_is_drawn_again(tmp_path, monkeypatch):
    monkeypatch.setenv("AVEREPORT_DATA_DIR", str(tmp_path))
    forget_drawings()
    request = chart_requests.training_participants((("PLIE", 30), ("Maisons de l'Emploi", 12)))
    first = draw_chart(request, Organisation())
    (cached,) = cache_folder().glob(f"*{CACHE_SUFFIX}")
    sketch = pickle.loads(cached.read_bytes())
    assert isinstance(sketch, tuple) and sketch[:2] == (first.width, first.height)
    # A file holding objects (here a whole drawing) is not read back: the chart is drawn again.
    cached.write_bytes(pickle.dumps(first.drawing))
    forget_drawings()
    again = draw_chart(request, Organisation())
    assert isinstance(again.drawing, Drawing)
    assert pickle.loads(cached.read_bytes()) == sketch  # and the sketch written back
    forget_drawings()


def _with_image(charts_module, palette, data=()) -> Chart:
    figure = Figure(figsize=(2, 1))
    figure.add_subplot().imshow(np.arange(12).reshape(3, 4))
    return Chart(figure, "Une image")


def test_a_figure_the_renderer_cannot_draw_is_embedded_as_png_and_not_cached():
    with pytest.raises(UnsupportedFigure):
        figure_drawing(_with_image(charts, None).figure)
    forget_drawings()
    drawn = draw_chart(ChartRequest("image", (), _with_image), Organisation())
    assert drawn.drawing.startswith(b"\x89PNG")
    assert (drawn.width, drawn.height) == (144, 72)
    assert not list(cache_folder().glob(f"*{CACHE_SUFFIX}"))
