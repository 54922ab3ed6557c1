"""The PDF annual report (reportlab, no Qt).

``export_pdf`` is imported on first use, so that a module of this package
that needs no layout (the chart worker's) does not load reportlab's platypus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from avereport.report.export import ExportResult, export_pdf

__all__ = ["ExportResult", "export_pdf"]


def __getattr__(name: str):
    if name in __all__:
        from avereport.report import export

        return getattr(export, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
