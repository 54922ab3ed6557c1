"""What every section renderer gets: the edition, its neighbours, the styles."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from avereport.model.edition import Edition
from avereport.report.figures import ChartFlowable, ChartRequest, draw_chart
from avereport.report.markdown import MarkdownRenderer
from avereport.report.styles import Palette, Styles


@dataclass
class RenderContext:
    edition: Edition
    previous: Edition | None
    history: list[Edition]  # every edition up to this one, oldest first
    styles: Styles
    palette: Palette
    width: float
    markdown: MarkdownRenderer = field(init=False)

    def __post_init__(self) -> None:
        self.markdown = MarkdownRenderer(self.styles, self.palette)

    @property
    def year(self) -> int:
        return self.edition.year

    def chart(self, request: ChartRequest, max_width: float | None = None) -> ChartFlowable:
        return ChartFlowable(draw_chart(request, self.edition.organisation), max_width)

    def markdown_flowables(self, source: str) -> list[Flowable]:
        return self.markdown.render(source)
