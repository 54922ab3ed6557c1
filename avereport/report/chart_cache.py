"""Charts drawn as reportlab drawings, cached by content.

``avereport.report.chart_drawing`` draws a chart's figure straight into a
sketch of a reportlab drawing, as laid out by the chart's builder: paths stay
vectors and labels stay searchable text in the report's embedded DejaVu Sans.
``chart_shapes`` makes the sketch into the drawing.

Drawings are cached by a hash of the request's data, the brand colours and
the code that makes them: in memory for the process (a re-export after one
figure changed redraws only the charts it feeds), and as files in the user's
cache folder, so that a new process does not even import matplotlib unless a
chart really changed. The files are pickled sketches, plain numbers, strings,
lists and tuples, read back by an unpickler that accepts no class at all. A
figure holding
what the vector route cannot draw (``UnsupportedFigure``: an image, a hatch)
is embedded as a 300 dpi PNG instead (and not cached on disk).
``AVEREPORT_NO_CHART_CACHE=1`` turns both caches off (``avereport.tuning``).

The chart worker process runs ``sketch_new``: nothing of reportlab is
imported here before a sketch is made into a drawing.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import pickle
import tempfile
from collections import OrderedDict
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from avereport import tuning
from avereport.model.edition import Organisation
from avereport.report.chart_requests import ChartRequest

if TYPE_CHECKING:
    from avereport.report.chart_drawing import Sketch

RASTER_DPI = 300
MEMORY_ENTRIES = 64
DISK_ENTRIES = 200
CACHE_FOLDER = "graphiques"
CACHE_SUFFIX = ".dessin"
# The modules of this package whose source the cache key hashes, with the charts'.
DRAWING_CODE = ("chart_cache", "chart_drawing", "chart_shapes", "chart_requests")


@dataclass(frozen=True)
class DrawnChart:
    # A reportlab Drawing, or PNG bytes when vectors failed; coming from the
    # chart worker (``sketch_new``), the drawing's sketch.
    drawing: Any
    width: float
    height: float


_MEMORY: OrderedDict[str, DrawnChart] = OrderedDict()


@cache
def _code_version() -> str:
    """Changes whenever the code that makes a drawing does (the charts, this
    module and the renderer, matplotlib, reportlab), so that no drawing made
    by older code is ever reused."""
    from importlib import metadata  # here: the chart worker never needs it

    versions = [metadata.version(name) for name in ("matplotlib", "reportlab")]
    digest = hashlib.sha256(" ".join(versions).encode())
    # Located without importing the package, which would import matplotlib.
    spec = importlib.util.find_spec("avereport.charts")
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:
        raise ImportError("avereport.charts is not installed as a package")
    folder = Path(next(iter(locations)))
    here = Path(__file__)
    for path in [*sorted(folder.glob("*.py")), *(here.with_name(f"{name}.py") for name in DRAWING_CODE)]:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def colours_of(organisation: Organisation) -> tuple[str, str]:
    """The brand colours a chart is drawn in: primary, secondary."""
    return organisation.primary_colour, organisation.secondary_colour


def cache_key(request: ChartRequest, organisation: Organisation) -> str:
    text = repr((request.name, request.data, *colours_of(organisation)))
    return hashlib.sha256((_code_version() + text).encode("utf-8")).hexdigest()


def draw_chart(request: ChartRequest, organisation: Organisation) -> DrawnChart:
    key = cache_key(request, organisation)
    drawn = cached(key)
    if drawn is None:
        drawn = draw_new(request, colours_of(organisation), key)
        remember(key, drawn)
    return drawn


def cached(key: str) -> DrawnChart | None:
    """The drawing of ``key`` if this process or an earlier one made it."""
    if not tuning.enabled(tuning.CHART_CACHE):
        return None
    drawn = _MEMORY.get(key)
    if drawn is not None:
        _MEMORY.move_to_end(key)
        return drawn
    drawn = _from_disk(key)
    if drawn is not None:
        remember(key, drawn)
    return drawn


def remember(key: str, drawn: DrawnChart) -> None:
    if not tuning.enabled(tuning.CHART_CACHE):
        return
    _MEMORY[key] = drawn
    _MEMORY.move_to_end(key)
    while len(_MEMORY) > MEMORY_ENTRIES:
        _MEMORY.popitem(last=False)


def forget_drawings() -> None:
    """Empty the in-memory cache (the files stay)."""
    _MEMORY.clear()


def cache_folder() -> Path:
    from avereport.paths import data_dir

    return data_dir() / "cache" / CACHE_FOLDER


class _SketchUnpickler(pickle.Unpickler):
    """A sketch is plain data: no class of any module has its place in it."""

    def find_class(self, module: str, name: str):
        raise pickle.UnpicklingError(f"{module}.{name} n'a pas sa place dans un dessin.")


def _from_disk(key: str) -> DrawnChart | None:
    """The cached drawing, or ``None`` when there is none, it is unreadable,
    or the cache folder cannot be made (an export needs no cache)."""
    try:
        path = cache_folder() / f"{key}{CACHE_SUFFIX}"
        with open(path, "rb") as stream:
            sketch = _SketchUnpickler(stream).load()
        os.utime(path)  # recently used: kept when the folder is pruned
        width, height, _ = sketch
        return realised(DrawnChart(sketch, width, height))
    except Exception:  # noqa: BLE001 - unreadable, damaged or not a sketch: drawn again
        return None


def _to_disk(key: str, sketch: Sketch) -> None:
    """Best effort: a cache that cannot be written only costs time."""
    if not tuning.enabled(tuning.CHART_CACHE):
        return
    try:
        folder = cache_folder()
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    except OSError:
        return  # no cache folder: the chart is drawn again next time
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(sketch, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / f"{key}{CACHE_SUFFIX}")
        files = sorted(folder.glob(f"*{CACHE_SUFFIX}"), key=lambda path: path.stat().st_mtime)
        for stale in files[:-DISK_ENTRIES]:
            stale.unlink(missing_ok=True)
    except OSError:  # a full disk, say: no half-written file left behind
        with suppress(OSError):
            Path(temporary).unlink(missing_ok=True)


def draw_new(request: ChartRequest, colours: tuple[str, str], key: str) -> DrawnChart:
    """Draw the chart (with matplotlib) and keep it on disk under ``key``."""
    return realised(sketch_new(request, colours, key))


def sketch_new(request: ChartRequest, colours: tuple[str, str], key: str) -> DrawnChart:
    """``draw_new`` up to the sketch, for the chart worker."""
    from avereport import charts
    from avereport.report.chart_drawing import UnsupportedFigure, figure_sketch

    figure = request.drawn(charts, charts.palette_from_brand(*colours)).figure
    try:
        sketch = figure_sketch(figure)
    except UnsupportedFigure:
        png = io.BytesIO()
        figure.savefig(png, format="png", dpi=RASTER_DPI, metadata={"Software": None})
        width, height = (inches * 72 for inches in figure.get_size_inches())
        return DrawnChart(png.getvalue(), width, height)
    _to_disk(key, sketch)
    width, height, _ = sketch
    return DrawnChart(sketch, width, height)


def realised(drawn: DrawnChart) -> DrawnChart:
    """The chart with its sketch made into a reportlab drawing."""
    if not isinstance(drawn.drawing, tuple):
        return drawn
    from avereport.report.chart_shapes import drawing_of

    return DrawnChart(drawing_of(drawn.drawing), drawn.width, drawn.height)
