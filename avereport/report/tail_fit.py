"""Pulling a chapter's short tail back onto its last full page.

Each top-level section starts on a new page, so a section that overflows its
last page by a few lines or by one small chart leaves them alone on a page
of their own. When a body page begins, the rest of the section is measured
(at most a page and a bit of it: the layout stays linear); if it overflows
this page by no more than tightening can take up, the page is tightened:
the space between its blocks shrinks (to half at most), then its charts (to
``CHART_SCALE_MIN`` at most), just enough for the whole rest to fit.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.platypus import CondPageBreak, Flowable, PageBreak
from reportlab.platypus.doctemplate import ActionFlowable

from avereport.report.figures import ChartFlowable
from avereport.report.together import Together

SPACING_MIN = 0.5  # share of the space between blocks a tightened page keeps
CHART_SCALE_MIN = 0.8  # smallest scale a tightened page draws a chart at
SAFETY = 1.0  # points kept free, against rounding in reportlab's frame


def fit_tail(flowables: list[Flowable], canvas, width: float, height: float) -> bool:
    """Tighten the flowables that open a page of ``height`` (all up to the
    next page break) if that makes the rest of the section fit on it;
    return whether it did."""
    blocks: list[tuple[Flowable, float, float]] = []  # flowable, space before, after
    breaks: list[CondPageBreak] = []
    total = gaps = charts = 0.0
    after: float | None = None
    for flowable in _blocks(flowables):
        if isinstance(flowable, PageBreak):
            break
        if isinstance(flowable, CondPageBreak):
            # Drawn as an empty block: the space after the block before it
            # is no longer shared with the space before the next one.
            breaks.append(flowable)
            if after is not None:
                total, gaps, after = total + after, gaps + after, 0.0
            continue
        if isinstance(flowable, ActionFlowable):
            continue
        _, block_height = flowable.wrapOn(canvas, width, height)
        before = flowable.getSpaceBefore()
        gap = 0.0 if after is None else max(after, before)
        after = flowable.getSpaceAfter()
        total += gap + block_height
        gaps += gap
        if isinstance(flowable, ChartFlowable):
            charts += block_height
        blocks.append((flowable, before, after))
        if total - _slack(gaps, charts) > height - SAFETY:
            return False  # more than a tail: the section goes on as laid out
    overflow = total - (height - SAFETY)
    if overflow <= 0 or not blocks:
        return False
    spacing = 1 - min(overflow, gaps * (1 - SPACING_MIN)) / gaps if gaps else 1.0
    left = overflow - gaps * (1 - spacing)
    chart_scale = 1 - max(left, 0.0) / charts if charts else 1.0
    for flowable, before, after in blocks:
        _set_spaces(flowable, before * spacing, after * spacing)
        if isinstance(flowable, ChartFlowable):
            flowable.fit = chart_scale
    for page_break in breaks:
        page_break.height = 0  # everything left fits: no heading moves on
    return True


def _blocks(flowables: list[Flowable]) -> Iterator[Flowable]:
    """The flowables in order, a ``Together`` as its parts: kept together, they
    still stack their heights and their spaces as separate blocks would. (A
    plain KeepTogether measures as higher than any page, so it ends the tail.)"""
    for flowable in flowables:
        if isinstance(flowable, Together):
            yield from _blocks(flowable.parts)
        else:
            yield flowable


def _slack(gaps: float, charts: float) -> float:
    """How much tightening can take up."""
    return gaps * (1 - SPACING_MIN) + charts * (1 - CHART_SCALE_MIN)


def _set_spaces(flowable: Flowable, before: float, after: float) -> None:
    # Instance attributes: paragraphs read their spaces from styles that
    # every paragraph of the report shares.
    flowable.getSpaceBefore = lambda: before
    flowable.getSpaceAfter = lambda: after
