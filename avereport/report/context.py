"""What every section renderer gets: the edition, its neighbours, the styles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from avereport.model.edition import Edition
from avereport.report.chart_cache import draw_chart
from avereport.report.chart_requests import ChartRequest
from avereport.report.figures import ChartFlowable
from avereport.report.markdown import MarkdownRenderer
from avereport.report.styles import Palette, Styles

if TYPE_CHECKING:
    from avereport.report.chart_worker import ChartWorker


@dataclass
class RenderContext:
    edition: Edition
    previous: Edition | None
    history: list[Edition]  # every edition up to this one, oldest first
    styles: Styles
    palette: Palette
    width: float
    markdown: MarkdownRenderer = field(init=False)
    chart_worker: ChartWorker | None = None  # draws the charts meanwhile, if given

    def __post_init__(self) -> None:
        self.markdown = MarkdownRenderer(self.styles, self.palette)

    @property
    def year(self) -> int:
        return self.edition.year

    def chart(self, request: ChartRequest, max_width: float | None = None) -> ChartFlowable:
        organisation = self.edition.organisation
        if self.chart_worker is not None:
            return ChartFlowable(self.chart_worker.chart(request, organisation), max_width)
        return ChartFlowable(draw_chart(request, organisation), max_width)

    def markdown_flowables(self, source: str) -> list[Flowable]:
        return self.markdown.render(source)
