"""The PDF annual report (reportlab, no Qt)."""

from avereport.report.export import ExportResult, export_pdf

__all__ = ["ExportResult", "export_pdf"]
