"""The charts of a section, exactly as the PDF asks for them, drawn for the screen.

The report's section renderers decide which charts a section has (and with
what data): the renderers are run with a context that records each chart
request instead of drawing it, so the preview never maps sections to charts
itself. Drawn charts are cached by the same content key as the PDF's.

matplotlib's style settings are global to the process, so charts are drawn
by one thread at a time: the preview on the GUI thread and the exports in
their worker thread all take ``CHART_LOCK``.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, Spacer

from avereport.model.edition import Edition, Organisation, Section
from avereport.report.chart_cache import cache_key
from avereport.report.chart_requests import ChartRequest
from avereport.report.context import RenderContext
from avereport.report.export import render_context
from avereport.report.sections import RENDERERS

if TYPE_CHECKING:
    from avereport.charts import Chart

CHART_LOCK = threading.Lock()
CACHED_CHARTS = 24


class _RecordingContext(RenderContext):
    """A render context that notes the charts asked for and draws none."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.requests: list[ChartRequest] = []

    def chart(self, request: ChartRequest, max_width: float | None = None) -> Flowable:
        self.requests.append(request)
        return Spacer(0, 0)


def _context(editions: list[Edition], year: int) -> _RecordingContext:
    ctx = render_context(editions, year, _RecordingContext)
    assert isinstance(ctx, _RecordingContext)  # made of the kind asked for
    return ctx


def _requests(section: Section, ctx: _RecordingContext) -> list[ChartRequest]:
    ctx.requests = []
    RENDERERS[section.kind](section, ctx)
    return ctx.requests


def section_chart_requests(editions: list[Edition], year: int, section_key: str) -> list[ChartRequest]:
    """The charts the PDF shows in section ``section_key`` of edition ``year``
    (none when the edition has no such section)."""
    ctx = _context(editions, year)
    section = next((s for s in ctx.edition.outline if s.key == section_key), None)
    return [] if section is None else _requests(section, ctx)


def edition_chart_requests(editions: list[Edition], year: int) -> list[ChartRequest]:
    """Every chart of the PDF of edition ``year``, in reading order."""
    ctx = _context(editions, year)
    return [request for section in ctx.edition.outline for request in _requests(section, ctx)]


def chart_keys(requests: list[ChartRequest], organisation: Organisation) -> list[tuple[str, int]]:
    """One key per request: its content key, and its rank among equal
    requests (a figure can be on one canvas at a time)."""
    seen: Counter[str] = Counter()
    keys = []
    for request in requests:
        key = cache_key(request, organisation)
        keys.append((key, seen[key]))
        seen[key] += 1
    return keys


class ChartCache:
    """Drawn charts (``avereport.charts.Chart``: a figure and its French
    alternative text) by key; the least recently shown are dropped first."""

    def __init__(self, size: int = CACHED_CHARTS) -> None:
        self.size = size
        self._charts: OrderedDict[tuple[tuple[str, int], float | None], Chart] = OrderedDict()

    def chart(
        self,
        key: tuple[str, int],
        request: ChartRequest,
        organisation: Organisation,
        narrow_cm: float | None = None,
    ) -> Chart:
        """The chart in its printed layout, or in its narrow one ``narrow_cm`` wide."""
        entry = (key, narrow_cm)
        chart = self._charts.get(entry)
        if chart is None:
            chart = draw_for_screen(request, organisation, narrow_cm)
            self._charts[entry] = chart
            while len(self._charts) > self.size:
                self._charts.popitem(last=False)
        else:
            self._charts.move_to_end(entry)
        return chart

    def forget(self, key: tuple[str, int]) -> None:
        for entry in [entry for entry in self._charts if entry[0] == key]:
            del self._charts[entry]


def draw_for_screen(
    request: ChartRequest, organisation: Organisation, narrow_cm: float | None = None
) -> Chart:
    """The chart's matplotlib figure and alternative text, in the brand
    colours; in its narrow layout ``narrow_cm`` wide if given (``charts.narrow``)."""
    from avereport import charts

    palette = charts.palette_from_brand(organisation.primary_colour, organisation.secondary_colour)
    layout = {} if narrow_cm is None else {"narrow_cm": narrow_cm}
    with CHART_LOCK:
        chart = request.drawn(charts, palette, **layout)
    # Laid out once at its printed size: on screen it is only scaled, so the
    # layout need not run again at every paint.
    chart.figure.set_layout_engine("none")
    return chart
