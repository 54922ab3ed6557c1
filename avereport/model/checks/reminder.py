"""What to remind the user of before exporting: open errors and sections not
yet marked *relu*. The export goes ahead all the same (« Exporter quand
même » in the app, a line on stderr from the command line)."""

from __future__ import annotations

from dataclasses import dataclass

from avereport.model.checks import Finding, Severity, check_edition
from avereport.model.edition import Edition

REVIEW_PREFIX = "review."


@dataclass(frozen=True, slots=True)
class ExportReminder:
    """``errors`` and ``pending`` (one ``review.*`` finding per section *à
    relire* or *à rédiger*) in the order of the outline; each finding's
    ``field`` is the place to go to."""

    errors: list[Finding]
    pending: list[Finding]

    def __bool__(self) -> bool:
        return bool(self.errors or self.pending)

    def first(self, limit: int = 5) -> list[Finding]:
        """The first few findings to show, errors first."""
        return [*self.errors, *self.pending][:limit]

    def summary(self) -> str:
        """« 2 erreurs et 12 sections à relire ou à rédiger » ; empty when nothing is open."""
        parts = []
        if self.errors:
            parts.append(_count(len(self.errors), "erreur", "erreurs"))
        if self.pending:
            n = len(self.pending)
            parts.append(_count(n, "section à relire ou à rédiger", "sections à relire ou à rédiger"))
        return " et ".join(parts)


def export_reminder(edition: Edition, previous: Edition | None = None) -> ExportReminder:
    findings = check_edition(edition, previous)
    return ExportReminder(
        errors=[f for f in findings if f.severity is Severity.ERROR],
        pending=[f for f in findings if f.code.startswith(REVIEW_PREFIX)],
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
