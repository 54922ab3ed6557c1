"""Training totals and their split by structure type, technical assistance
indicators and software clubs, each beside the previous edition.

An edition without any training session has no training figures (``None``),
not zeros: nothing was entered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from avereport.model.compute.lines import CountLine, change_percent, index_by, percent_of
from avereport.model.edition import Edition, Qualifier, TrainingMode, TrainingSession
from avereport.model.labels import TRAINING_MODE_LABELS

STRUCTURE_LABELS = {
    "plie": "PLIE",
    "mde": "Maisons de l'Emploi",
    "collectivites": "Collectivités locales",
    "autres": "Autres structures",
}


def participants(session: TrainingSession) -> int:
    return sum(getattr(session, key) for key in STRUCTURE_LABELS)


@dataclass(frozen=True, slots=True)
class ShareLine(CountLine):
    """Participants from one structure type and their share of all participants."""

    share: int | None = None
    previous_share: int | None = None


@dataclass(frozen=True, slots=True)
class TrainingSummary:
    sessions: CountLine
    participants: CountLine
    by_mode: tuple[CountLine, ...]
    by_structure: tuple[ShareLine, ...]


def _totals(sessions: Sequence[TrainingSession]) -> dict[str, int]:
    """Per-structure participants, sessions per mode and overall totals."""
    if not sessions:
        return {}
    totals: dict[str, int] = {key: sum(getattr(s, key) for s in sessions) for key in STRUCTURE_LABELS}
    totals["sessions"] = len(sessions)
    totals["participants"] = sum(participants(s) for s in sessions)
    for mode in TrainingMode:
        totals[mode.value] = sum(1 for s in sessions if s.mode is mode)
    return totals


def summarise_training(edition: Edition, previous: Edition | None = None) -> TrainingSummary:
    now = _totals(edition.training.sessions)
    before = _totals(previous.training.sessions) if previous else {}

    def line(key: str, label: str) -> CountLine:
        return CountLine(key=key, label=label, value=now.get(key), previous=before.get(key))

    by_structure = tuple(
        ShareLine(
            key=key,
            label=label,
            value=now.get(key),
            previous=before.get(key),
            share=percent_of(now.get(key), now.get("participants")),
            previous_share=percent_of(before.get(key), before.get("participants")),
        )
        for key, label in STRUCTURE_LABELS.items()
    )
    return TrainingSummary(
        sessions=line("sessions", "Sessions de formation"),
        participants=line("participants", "Personnes formées"),
        by_mode=tuple(
            line(mode.value, f"Sessions {label[0].lower()}{label[1:]}")
            for mode, label in TRAINING_MODE_LABELS.items()
        ),
        by_structure=by_structure,
    )


@dataclass(frozen=True, slots=True)
class IndicatorLine(CountLine):
    """An assistance indicator; besides the previous edition it may state its
    own comparison ("+50 % par rapport à 2019")."""

    compare_year: int | None = None
    compare_value: int | None = None

    @property
    def compare_change(self) -> int | None:
        """Change against the stated comparison, in whole percent. The user
        asked for it explicitly, so an approximate value still gets one."""
        if self.compare_year is None:
            return None
        return change_percent(self.value, self.compare_value)


def assistance_lines(edition: Edition, previous: Edition | None = None) -> tuple[IndicatorLine, ...]:
    before = index_by(previous.training.assistance if previous else [], lambda i: i.key)
    lines = []
    for indicator in edition.training.assistance:
        earlier = before.get(indicator.key)
        lines.append(
            IndicatorLine(
                key=indicator.key,
                label=indicator.label,
                value=indicator.value,
                previous=earlier.value if earlier else None,
                unit=indicator.unit,
                qualifier=indicator.qualifier,
                previous_qualifier=earlier.qualifier if earlier else Qualifier.EXACT,
                compare_year=indicator.compare_year,
                compare_value=indicator.compare_value,
            )
        )
    return tuple(lines)


def club_lines(edition: Edition, previous: Edition | None = None) -> tuple[CountLine, ...]:
    """Meetings held by each software club, matched with last year's by name."""
    before = index_by(previous.training.clubs if previous else [], lambda c: c.name)
    return tuple(
        CountLine(
            key=club.name,
            label=club.name,
            value=club.meetings,
            previous=before[club.name].meetings if club.name in before else None,
        )
        for club in edition.training.clubs
    )
