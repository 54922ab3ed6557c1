"""A text-only section: its Markdown body is all it shows (rendered by the
caller for every kind), so it adds nothing."""

from __future__ import annotations

from reportlab.platypus import Flowable

from avereport.model.edition import Section
from avereport.report.context import RenderContext


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    return []
