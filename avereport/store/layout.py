"""Which table holds which part of an :class:`Edition`.

Each table stores one dataclass (its scalar fields are columns, see
``mapping``) or, for a list of texts, one text per row. A table is attached
to a parent: the ``edition`` table or another list table. List tables have
an integer ``id``, ``<parent>_id`` and ``position`` (the user's order);
tables of parts that exist once per edition are keyed by ``edition_id``.

The schema itself is written by the numbered migrations; tests check that
this layout, the model and the migrated schema agree column for column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from avereport.model import edition as m

EDITION = "edition"


@dataclass(frozen=True, slots=True)
class Reference:
    """A column holding the ``id`` of a row of ``table`` in the same edition."""

    column: str
    table: str


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str
    cls: type
    # Attribute path on the parent object: "governance.board".
    attr: str
    parent: str = EDITION
    # One row per edition (keyed by edition_id) instead of an ordered list.
    single: bool = False
    # For lists of texts: the column holding each text.
    text_column: str = ""
    references: tuple[Reference, ...] = ()
    # Plural French noun for messages about this table's ids.
    label: str = ""

    @property
    def parent_column(self) -> str:
        return f"{self.parent}_id"


TABLES: tuple[TableSpec, ...] = (
    TableSpec("organisation", m.Organisation, "organisation", single=True),
    TableSpec("membership", m.Membership, "membership", single=True),
    TableSpec("member_group", m.MemberGroup, "membership.groups"),
    TableSpec("member_category", m.MemberCategory, "categories", parent="member_group"),
    TableSpec("membership_note", m.DatedNote, "membership.notes"),
    TableSpec("coverage", m.Coverage, "network.coverage"),
    TableSpec("region_count", m.RegionCount, "network.region_counts"),
    TableSpec("governance", m.Governance, "governance", single=True),
    TableSpec(
        "board_member",
        m.BoardMember,
        "governance.board",
        label="membres du conseil d'administration",
    ),
    TableSpec("board_function", str, "functions", parent="board_member", text_column="name"),
    TableSpec(
        "bureau_role",
        m.BureauRole,
        "governance.bureau",
        references=(Reference("member_id", "board_member"),),
    ),
    TableSpec("governance_event", m.GovernanceEvent, "governance.events"),
    TableSpec("meeting", m.Meeting, "governance.meetings"),
    TableSpec("regional_body", m.RegionalBody, "governance.regional_bodies"),
    TableSpec(
        "staff_member",
        m.StaffMember,
        "governance.staff",
        references=(Reference("replaces_id", "staff_member"),),
        label="membres de l'équipe",
    ),
    TableSpec("training", m.Training, "training", single=True),
    TableSpec("training_session", m.TrainingSession, "training.sessions"),
    TableSpec("training_module", m.TrainingModule, "training.modules"),
    TableSpec("assistance_indicator", m.Indicator, "training.assistance"),
    TableSpec("user_club", m.UserClub, "training.clubs"),
    TableSpec("communication", m.Communication, "communication", single=True),
    TableSpec("follower_account", m.Followers, "communication.followers"),
    TableSpec("reach_tier", m.ReachTier, "communication.reach_tiers"),
    TableSpec("webinar", m.Webinar, "communication.webinars"),
    TableSpec("communication_metric", m.Metric, "communication.metrics"),
    TableSpec("key_figure_block", m.KeyFigureBlock, "key_figures"),
    TableSpec("key_figure", m.KeyFigure, "items", parent="key_figure_block"),
    TableSpec("titled_list", m.TitledList, "lists"),
    TableSpec("list_item", str, "items", parent="titled_list", text_column="text"),
    TableSpec("section", m.Section, "outline"),
)

SPECS: dict[str, TableSpec] = {spec.name: spec for spec in TABLES}


def get_path(obj: Any, attr: str) -> Any:
    for name in attr.split("."):
        obj = getattr(obj, name)
    return obj
