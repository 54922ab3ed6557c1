"""``avereport check``: errors and warnings found in an edition.

Errors are facts that cannot be true (a negative count, an end before its
start, a reference to nobody); warnings are figures that disagree with each
other or with the previous edition, and sections with nothing to print.
Findings come errors first, then in the order of the outline.
"""

from __future__ import annotations

import re
from itertools import chain

from avereport.model.checks.activity import (
    check_assistance,
    check_clubs,
    check_communication,
    check_key_figures,
    check_lists,
    check_training,
)
from avereport.model.checks.continuity import check_continuity
from avereport.model.checks.findings import Finding, Severity
from avereport.model.checks.governance import check_governance
from avereport.model.checks.network import check_coverage, check_maps, check_membership
from avereport.model.checks.outline import check_outline
from avereport.model.checks.stale import check_stale
from avereport.model.edition import Edition, SectionKind

__all__ = ["Finding", "Severity", "check_edition", "outline_position"]

_OUTLINE_INDEX = re.compile(r"^outline\[(\d+)\]")
_REFERENCED = re.compile(r"^(key_figures|lists)\[(\d+)\]")


def check_edition(edition: Edition, previous: Edition | None = None) -> list[Finding]:
    """Every finding of ``edition``, compared with ``previous`` when given."""
    findings = chain(
        check_membership(edition),
        check_coverage(edition),
        check_maps(edition),
        check_governance(edition),
        check_training(edition),
        check_assistance(edition),
        check_clubs(edition),
        check_communication(edition),
        check_key_figures(edition),
        check_lists(edition),
        check_continuity(edition, previous),
        check_outline(edition, previous),
        check_stale(edition, previous),
    )
    return sorted(
        findings,
        key=lambda f: (f.severity is not Severity.ERROR, outline_position(edition, f)),
    )


def outline_position(edition: Edition, finding: Finding) -> int:
    """Index of the outline section a finding belongs to (after the last
    section when the outline does not show it)."""
    outline = edition.outline
    if match := _OUTLINE_INDEX.match(finding.field):
        return int(match.group(1))
    if match := _REFERENCED.match(finding.field):
        items = edition.key_figures if match.group(1) == "key_figures" else edition.lists
        key = items[int(match.group(2))].key
        kind = SectionKind.KEY_FIGURES if match.group(1) == "key_figures" else SectionKind.LIST
        return next((i for i, s in enumerate(outline) if s.kind is kind and s.ref == key), len(outline))
    return next((i for i, s in enumerate(outline) if s.kind is finding.section), len(outline))
