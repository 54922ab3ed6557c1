"""Blocks kept on one page, still measurable block by block."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether


class Together(KeepTogether):
    """reportlab's KeepTogether, with the blocks it keeps together readable
    (``parts``), so that a tail can be measured, and tightened, block by block."""

    def __init__(self, parts: list[Flowable]) -> None:
        super().__init__(parts)
        self.parts = parts
