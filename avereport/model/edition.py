"""The domain types of one report year (an *edition*).

Everything the yearly activity report shows is a field here. Field names are
also the keys of the JSON interchange format (docs/format.md), so renaming
one is a format change.

Conventions:
- ``None`` means "not known / not entered"; a computation never treats it as 0.
- ``key`` fields are stable identifiers copied from one edition to the next so
  that year-on-year deltas survive a rename; ``id`` fields are references
  inside one edition (bureau role -> board member, staff -> replaced staff).
- List order is the order the user chose and the report shows.
- Records are immutable (frozen, sequences as tuples): a change makes a new
  edition that shares every unchanged part with the old one, which is what
  the undo stack keeps. ``model.edit`` derives changed editions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar, dataclass_transform

from avereport.model.dates import FuzzyDate
from avereport.model.regions import Region

T = TypeVar("T")


@dataclass_transform(frozen_default=True, kw_only_default=True)
def record(cls: type[T]) -> type[T]:
    """A frozen, slotted, keyword-only dataclass whose sequences are tuples.

    A list given for a ``tuple[...]`` field is stored as a tuple: a list
    inside a frozen record could still be changed in place, behind the undo
    stack's back (snapshots share every unchanged part)."""
    sequences = tuple(name for name, hint in cls.__annotations__.items() if hint.startswith("tuple["))
    if sequences:
        cls.__post_init__ = _as_tuples(sequences)  # type: ignore[attr-defined]
    return dataclass(frozen=True, slots=True, kw_only=True)(cls)


def _as_tuples(names: tuple[str, ...]) -> Callable[[Any], None]:
    def as_tuples(self: Any) -> None:
        for name in names:
            value = getattr(self, name)
            if type(value) is not tuple:
                object.__setattr__(self, name, tuple(value))  # the one write to a frozen record

    return as_tuples


class Qualifier(StrEnum):
    """How exact a stated figure is ("plus de 120 questions")."""

    EXACT = "exact"
    OVER = "over"
    NEARLY = "nearly"
    ABOUT = "about"

    @property
    def prefix(self) -> str:
        return QUALIFIER_PREFIXES[self]


QUALIFIER_PREFIXES = {
    Qualifier.EXACT: "",
    Qualifier.OVER: "plus de ",
    Qualifier.NEARLY: "près de ",
    Qualifier.ABOUT: "environ ",
}


class Structure(StrEnum):
    """Which network structure a membership category stands for."""

    NONE = "none"
    PLIE = "plie"
    MDE = "mde"
    PLIE_MDE = "plie_mde"

    @property
    def counts_as_plie(self) -> bool:
        return self in (Structure.PLIE, Structure.PLIE_MDE)

    @property
    def counts_as_mde(self) -> bool:
        return self in (Structure.MDE, Structure.PLIE_MDE)


class NetworkKind(StrEnum):
    PLIE = "plie"
    MDE = "mde"
    OI = "oi"


class EventKind(StrEnum):
    ELECTION = "election"
    RESIGNATION = "resignation"
    ARRIVAL = "arrival"
    DEPARTURE = "departure"
    HONORARY = "honorary"
    OTHER = "other"


class MeetingKind(StrEnum):
    BOARD = "board"
    GENERAL_ASSEMBLY = "general_assembly"
    SEMINAR = "seminar"
    OTHER = "other"


class TrainingMode(StrEnum):
    ON_SITE = "on_site"
    REMOTE = "remote"


class ReviewState(StrEnum):
    """Where a section stands in the yearly review: a new edition carries
    last year's texts and lists *à relire* until someone confirms them."""

    TO_WRITE = "to_write"
    TO_REVIEW = "to_review"
    REVIEWED = "reviewed"


class SectionKind(StrEnum):
    """What a section of the outline shows besides its own text."""

    NARRATIVE = "narrative"
    MEMBERSHIP = "membership"
    COVERAGE = "coverage"
    MAPS = "maps"
    BOARD = "board"
    BUREAU = "bureau"
    GOVERNANCE_EVENTS = "governance_events"
    MEETINGS = "meetings"
    REGIONAL_BODIES = "regional_bodies"
    STAFF = "staff"
    KEY_FIGURES = "key_figures"
    TRAINING = "training"
    ASSISTANCE = "assistance"
    CLUBS = "clubs"
    WEBINARS = "webinars"
    LIST = "list"
    COMMUNICATION = "communication"


# --- organisation -----------------------------------------------------------


@record
class Organisation:
    name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    logo: bytes | None = None
    primary_colour: str = "#1F4E79"
    secondary_colour: str = "#E3872D"


# --- membership -------------------------------------------------------------


@record
class MemberCategory:
    key: str
    name: str
    count: int | None = None
    structure: Structure = Structure.NONE
    retired: bool = False


@record
class MemberGroup:
    key: str
    name: str
    declared_total: int | None = None
    in_total: bool = True
    retired: bool = False
    categories: tuple[MemberCategory, ...] = ()


@record
class DatedNote:
    date: FuzzyDate | None = None
    text: str = ""


@record
class Membership:
    as_of: FuzzyDate | None = None
    declared_total: int | None = None
    groups: tuple[MemberGroup, ...] = ()
    notes: tuple[DatedNote, ...] = ()


# --- network coverage -------------------------------------------------------


@record
class Coverage:
    """One kind of structure across France and how many are members.

    For ``oi`` (organismes intermédiaires pivots), ``total`` counts the OI and
    ``grouped_plie`` the PLIE they group; ``members`` is not used.
    """

    kind: NetworkKind
    total: int | None = None
    members: int | None = None
    grouped_plie: int | None = None
    as_of: FuzzyDate | None = None
    map_date: FuzzyDate | None = None


@record
class RegionCount:
    kind: NetworkKind
    region: Region
    count: int


@record
class Network:
    coverage: tuple[Coverage, ...] = ()
    region_counts: tuple[RegionCount, ...] = ()


# --- governance -------------------------------------------------------------


@record
class BoardMember:
    id: int | None = None
    surname: str = ""
    first_name: str = ""
    region: Region | None = None
    college: str = ""
    functions: tuple[str, ...] = ()


@record
class BureauRole:
    member_id: int
    role: str
    since: FuzzyDate | None = None


@record
class GovernanceEvent:
    date: FuzzyDate | None = None
    kind: EventKind = EventKind.OTHER
    person: str = ""
    role: str = ""
    description: str = ""


@record
class Meeting:
    kind: MeetingKind = MeetingKind.BOARD
    date: FuzzyDate | None = None
    place: str = ""
    label: str = ""


@record
class RegionalBody:
    region: Region | None = None
    name: str = ""
    description: str = ""
    website: str = ""


@record
class StaffMember:
    """A head-office post holder; ``replaces_id`` names whom they replace."""

    id: int | None = None
    name: str = ""
    role: str = ""
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None
    replaces_id: int | None = None
    reason: str = ""


@record
class Governance:
    mandate_years: int | None = None
    mandate_end: FuzzyDate | None = None
    board: tuple[BoardMember, ...] = ()
    bureau: tuple[BureauRole, ...] = ()
    events: tuple[GovernanceEvent, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    regional_bodies: tuple[RegionalBody, ...] = ()
    staff: tuple[StaffMember, ...] = ()


# --- training ---------------------------------------------------------------


@record
class TrainingSession:
    module: str = ""
    date: FuzzyDate | None = None
    mode: TrainingMode = TrainingMode.REMOTE
    plie: int = 0
    mde: int = 0
    collectivites: int = 0
    autres: int = 0


@record
class TrainingModule:
    name: str
    new: bool = False


@record
class Indicator:
    """A counted figure, optionally compared with an earlier year it states."""

    key: str
    label: str
    value: int | None = None
    unit: str = ""
    qualifier: Qualifier = Qualifier.EXACT
    compare_year: int | None = None
    compare_value: int | None = None


@record
class UserClub:
    name: str = ""
    software: str = ""
    audience: str = ""
    meetings: int | None = None


@record
class Training:
    note: str = ""
    sessions: tuple[TrainingSession, ...] = ()
    modules: tuple[TrainingModule, ...] = ()
    assistance: tuple[Indicator, ...] = ()
    clubs: tuple[UserClub, ...] = ()


# --- communication ----------------------------------------------------------


@record
class Followers:
    network: str
    handle: str = ""
    count: int | None = None
    qualifier: Qualifier = Qualifier.EXACT


@record
class ReachTier:
    min_views: int
    posts: int


@record
class Webinar:
    date: FuzzyDate | None = None
    title: str = ""
    partner: str = ""
    participants: int | None = None
    qualifier: Qualifier = Qualifier.EXACT


@record
class Metric:
    key: str
    label: str
    value: float | None = None
    unit: str = ""


@record
class Communication:
    website_visits: int | None = None
    top_page: str = ""
    top_page_visits: int | None = None
    top_page_qualifier: Qualifier = Qualifier.EXACT
    job_offers: int | None = None
    followers: tuple[Followers, ...] = ()
    reach_tiers: tuple[ReachTier, ...] = ()
    webinars: tuple[Webinar, ...] = ()
    metrics: tuple[Metric, ...] = ()


# --- key figures, lists, outline --------------------------------------------


@record
class KeyFigure:
    value: float
    unit: str = ""
    label: str = ""
    qualifier: Qualifier = Qualifier.EXACT


@record
class KeyFigureBlock:
    key: str
    title: str
    source: str = ""
    items: tuple[KeyFigure, ...] = ()


@record
class TitledList:
    key: str
    title: str
    items: tuple[str, ...] = ()


@record
class Section:
    """One entry of the report's outline: a heading, Markdown text, and for
    structured kinds the data it shows (``ref`` names the list or key-figure
    block for kinds ``list`` and ``key_figures``).

    ``review`` is where the section stands in the yearly review (see
    ``model.review``); a section nobody has put up for review is taken as
    reviewed. ``reviewed_by`` and ``reviewed_at`` (ISO 8601 local time, to
    the minute) say who marked it *relu* and when, empty otherwise."""

    key: str
    kind: SectionKind = SectionKind.NARRATIVE
    heading: str = ""
    level: int = 1
    body: str = ""
    ref: str = ""
    review: ReviewState = ReviewState.REVIEWED
    reviewed_by: str = ""
    reviewed_at: str = ""


@record
class Edition:
    year: int
    organisation: Organisation = field(default_factory=Organisation)
    membership: Membership = field(default_factory=Membership)
    network: Network = field(default_factory=Network)
    governance: Governance = field(default_factory=Governance)
    training: Training = field(default_factory=Training)
    communication: Communication = field(default_factory=Communication)
    key_figures: tuple[KeyFigureBlock, ...] = ()
    lists: tuple[TitledList, ...] = ()
    outline: tuple[Section, ...] = ()

    @property
    def title(self) -> str:
        return f"Rapport d'activité {self.year}"
