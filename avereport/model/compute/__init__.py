"""Computed figures of an edition, beside the previous edition's.

Pure functions of :class:`~avereport.model.edition.Edition` (and the previous
edition, ``None`` when there is none) returning small frozen dataclasses that
the PDF and the UI both show.
"""

from avereport.model.compute.communication import CommunicationSummary, summarise_communication
from avereport.model.compute.lines import (
    CountLine,
    change_percent,
    difference,
    percent_of,
)
from avereport.model.compute.membership import (
    CoverageLine,
    GroupSummary,
    MembershipSummary,
    group_total,
    membership_total,
    region_lines,
    region_totals,
    structure_members,
    summarise_coverage,
    summarise_membership,
)
from avereport.model.compute.sections import has_data, has_subsections, is_empty
from avereport.model.compute.training import (
    STRUCTURE_LABELS,
    IndicatorLine,
    ShareLine,
    TrainingSummary,
    assistance_lines,
    club_lines,
    participants,
    summarise_training,
)

__all__ = [
    "STRUCTURE_LABELS",
    "CommunicationSummary",
    "CountLine",
    "CoverageLine",
    "GroupSummary",
    "IndicatorLine",
    "MembershipSummary",
    "ShareLine",
    "TrainingSummary",
    "assistance_lines",
    "change_percent",
    "club_lines",
    "difference",
    "group_total",
    "has_data",
    "has_subsections",
    "is_empty",
    "membership_total",
    "participants",
    "percent_of",
    "region_lines",
    "region_totals",
    "structure_members",
    "summarise_communication",
    "summarise_coverage",
    "summarise_membership",
    "summarise_training",
]
