"""Charts from ``avereport.charts`` placed in the PDF as vector drawings.

A chart is asked for with its plain input (a tuple of numbers and labels) and
a function that draws it. ``avereport.report.chart_drawing`` draws the figure
straight into a reportlab drawing, as laid out by the chart's builder: paths
stay vectors and labels stay searchable text in the report's embedded DejaVu
Sans.

Drawings are cached by a hash of the input, the brand colours and the code
that makes them: in memory for the process (a re-export after one figure
changed redraws only the charts it feeds), and as files in the user's cache
folder, so that a new process does not even import matplotlib unless a chart
really changed. The files are pickled reportlab drawings, read back by an
unpickler that only accepts reportlab's drawing classes. A figure holding
what the vector route cannot draw (``UnsupportedFigure``: an image, a hatch)
is embedded as a 300 dpi PNG instead (and not cached on disk).
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import pickle
import tempfile
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, Image

from avereport.model.edition import Organisation

RASTER_DPI = 300
MEMORY_ENTRIES = 64
DISK_ENTRIES = 200
CACHE_FOLDER = "graphiques"
CACHE_SUFFIX = ".dessin"


@dataclass(frozen=True)
class ChartRequest:
    """``data`` is the chart's whole input, plain and hashable; ``draw`` makes
    the chart from the ``avereport.charts`` module and the brand palette."""

    name: str
    data: tuple
    draw: Callable[[Any, Any], Any]


@dataclass(frozen=True)
class DrawnChart:
    drawing: Any  # a reportlab Drawing, or PNG bytes when vectors failed
    width: float
    height: float


_MEMORY: OrderedDict[str, DrawnChart] = OrderedDict()


@cache
def _code_version() -> str:
    """Changes whenever the code that makes a drawing does (the charts, this
    module and the renderer, matplotlib, reportlab), so that no drawing made
    by older code is ever reused."""
    versions = [metadata.version(name) for name in ("matplotlib", "reportlab")]
    digest = hashlib.sha256(" ".join(versions).encode())
    # Located without importing the package, which would import matplotlib.
    spec = importlib.util.find_spec("avereport.charts")
    folder = Path(next(iter(spec.submodule_search_locations)))
    renderer = Path(__file__).with_name("chart_drawing.py")
    for path in [*sorted(folder.glob("*.py")), Path(__file__), renderer]:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def cache_key(request: ChartRequest, organisation: Organisation) -> str:
    text = repr((request.name, request.data, organisation.primary_colour, organisation.secondary_colour))
    return hashlib.sha256((_code_version() + text).encode("utf-8")).hexdigest()


def draw_chart(request: ChartRequest, organisation: Organisation) -> DrawnChart:
    key = cache_key(request, organisation)
    drawn = _MEMORY.get(key)
    if drawn is None:
        drawn = _from_disk(key) or _draw(request, organisation, key)
        _MEMORY[key] = drawn
        while len(_MEMORY) > MEMORY_ENTRIES:
            _MEMORY.popitem(last=False)
    else:
        _MEMORY.move_to_end(key)
    return drawn


def forget_drawings() -> None:
    """Empty the in-memory cache (the files stay)."""
    _MEMORY.clear()


def cache_folder() -> Path:
    from avereport.paths import data_dir

    return data_dir() / "cache" / CACHE_FOLDER


class _DrawingUnpickler(pickle.Unpickler):
    """Accepts only the classes a drawing is made of (shapes and colours)."""

    def find_class(self, module: str, name: str):
        if module in _DRAWING_MODULES:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} n'a pas sa place dans un dessin.")


_DRAWING_MODULES = frozenset({"reportlab.graphics.shapes", "reportlab.lib.colors"})


def _from_disk(key: str) -> DrawnChart | None:
    """The cached drawing, or ``None`` when there is none or it is unreadable."""
    path = cache_folder() / f"{key}{CACHE_SUFFIX}"
    try:
        with open(path, "rb") as stream:
            drawing = _DrawingUnpickler(stream).load()
        os.utime(path)  # recently used: kept when the folder is pruned
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not isinstance(drawing, Drawing):
        return None
    return DrawnChart(drawing, drawing.width, drawing.height)


def _to_disk(key: str, drawing: Drawing) -> None:
    """Best effort: a cache that cannot be written only costs time."""
    try:
        folder = cache_folder()
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(drawing, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / f"{key}{CACHE_SUFFIX}")
        files = sorted(folder.glob(f"*{CACHE_SUFFIX}"), key=lambda path: path.stat().st_mtime)
        for stale in files[:-DISK_ENTRIES]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass


def _draw(request: ChartRequest, organisation: Organisation, key: str) -> DrawnChart:
    from avereport import charts
    from avereport.report.chart_drawing import UnsupportedFigure, figure_drawing

    palette = charts.palette_from_brand(organisation.primary_colour, organisation.secondary_colour)
    figure = request.draw(charts, palette).figure
    try:
        drawing = figure_drawing(figure)
    except UnsupportedFigure:
        png = io.BytesIO()
        figure.savefig(png, format="png", dpi=RASTER_DPI, metadata={"Software": None})
        width, height = (inches * 72 for inches in figure.get_size_inches())
        return DrawnChart(png.getvalue(), width, height)
    _to_disk(key, drawing)
    return DrawnChart(drawing, drawing.width, drawing.height)


class ChartFlowable(Flowable):
    """A drawn chart at its printed size, scaled down to fit the column."""

    def __init__(self, chart: DrawnChart, max_width: float | None = None) -> None:
        super().__init__()
        self.chart = chart
        self.max_width = max_width
        self.hAlign = "CENTER"
        self.spaceBefore = 6
        self.spaceAfter = 10

    def wrap(self, availWidth, availHeight):
        limit = min(availWidth, self.max_width or availWidth)
        self.scale = min(1.0, limit / self.chart.width)
        self.width = self.chart.width * self.scale
        self.height = self.chart.height * self.scale
        return self.width, self.height

    def draw(self) -> None:
        chart = self.chart
        if isinstance(chart.drawing, bytes):
            Image(io.BytesIO(chart.drawing), self.width, self.height).drawOn(self.canv, 0, 0)
            return
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        renderPDF.draw(chart.drawing, self.canv, 0, 0)
        self.canv.restoreState()
