"""What changed between two states of an edition, field by field.

A :class:`Change` names one changed field, one added or removed record, or a
list whose records were reordered; the history stores one line per change
and the merge offers one choice per change.

Records of a list are paired before they are compared, so that an insertion
or a reordering is not reported as every later record changed:

- records with a ``key`` are paired by key;
- board and staff members by their ``id`` and name, then by name, then by
  ``id`` alone (a rename keeps the id). ``id``s only mean something within one
  document's lineage: comparing two documents (``merge``) pairs by name only;
- other records (and texts) by content, the remaining ones by position.

Values are plain JSON-ready data (``codec.to_plain``): ids that point at
another record are shown as that record's name, an image as its size and
SHA-256 digest.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import hashlib
import itertools
import re
import typing
from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from avereport.model import edition as m
from avereport.model.codec import to_plain
from avereport.model.dates import FuzzyDate
from avereport.model.edition import Edition, SectionKind
from avereport.model.labels import EVENT_KIND_LABELS, MEETING_KIND_LABELS, NETWORK_KIND_LABELS

ChangeKind = Literal["added", "removed", "changed"]

SEPARATOR = " › "
EDITION_LABEL = "Édition"
ORDER_LABEL = "Ordre"


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between two states of an edition.

    ``path`` is the field path (``paths.parse`` syntax) in the newer
    state, or in the older one for a removed record; for a reordered list it
    is the list's path. ``section`` is the outline kind the field belongs to,
    None for the organisation and the edition as a whole (year, outline order).
    """

    path: str
    section: SectionKind | None
    record_label: str
    field_label: str
    old: Any
    new: Any
    kind: ChangeKind


def diff_editions(before: Edition, after: Edition) -> list[Change]:
    """The changes that turn ``before`` into ``after`` (two states of one
    edition in one document, such as an undo step's snapshots)."""
    walk = Walk(before, after, same_document=True)
    walk.run()
    return walk.changes


def edition_added(year: int) -> Change:
    return Change("", None, Edition(year=year).title, EDITION_LABEL, None, year, "added")


def edition_removed(year: int) -> Change:
    return Change("", None, Edition(year=year).title, EDITION_LABEL, year, None, "removed")


def pair_records(before: Sequence[Any], after: Sequence[Any], *, same_document: bool) -> dict[int, int]:
    """Index in ``before`` -> index in ``after`` of the records that are the
    same record (see the module's rules)."""
    if not before or not after:
        return {}
    item_type = type(before[0])
    identities = _identities(item_type, same_document)
    if identities is None:
        return _pair_by_content(before, after)
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for identity in identities:
        waiting: dict[Hashable, deque[int]] = defaultdict(deque)
        for j, item in enumerate(after):
            if j not in taken and (value := identity(item)) is not None:
                waiting[value].append(j)
        for i, item in enumerate(before):
            if i not in pairs and (value := identity(item)) is not None and waiting.get(value):
                j = waiting[value].popleft()
                pairs[i] = j
                taken.add(j)
    return pairs


class Walk:
    """Compares ``before`` with ``after`` and, when ``take`` is given, builds
    the combination that keeps ``before`` except for the changes ``take``
    accepts (used by ``merge``). Unchanged parts of ``before`` are shared,
    not copied."""

    def __init__(
        self,
        before: Edition,
        after: Edition,
        *,
        same_document: bool,
        take: Callable[[Change], bool] | None = None,
    ) -> None:
        self.roots = (before, after)
        self.same_document = same_document
        self.take = take
        self.changes: list[Change] = []
        self._names: dict[tuple[int, str], dict[int, str]] = {}

    def run(self) -> Edition:
        """Compare the two editions; the combination (``before`` itself when
        not combining)."""
        before, after = self.roots
        return self.node(before, after, "", "", EDITION_LABEL)

    def _emit(self, change: Change) -> bool:
        """Note ``change``; whether the combination takes it."""
        self.changes.append(change)
        return self.take is not None and self.take(change)

    def node(self, before: Any, after: Any, before_path: str, after_path: str, label: str) -> Any:
        """Two versions of one record (or part), compared field by field."""
        if before == after:
            return before
        cls: type = type(before)
        updates = {}
        for name in _compared_fields(cls):
            old, new = getattr(before, name), getattr(after, name)
            if old == new:
                continue
            old_path, new_path = _join(before_path, name), _join(after_path, name)
            declared = _declared(cls, name)
            if typing.get_origin(declared) is tuple:
                updates[name] = self.items(old, new, old_path, new_path, label, cls, name)
            elif dataclasses.is_dataclass(declared) and declared is not FuzzyDate:
                updates[name] = self.node(old, new, old_path, new_path, PART_LABELS[name])
            else:
                change = Change(
                    new_path,
                    self._section(new_path, 1),
                    label,
                    field_label(cls, name),
                    self._value(old, 0, cls, name),
                    self._value(new, 1, cls, name),
                    "changed",
                )
                updates[name] = new if self._emit(change) else old
        if self.take is None or not updates:
            return before
        return dataclasses.replace(before, **updates)

    def items(
        self,
        before: tuple[Any, ...],
        after: tuple[Any, ...],
        before_path: str,
        after_path: str,
        owner_label: str,
        owner: type,
        name: str,
    ) -> tuple[Any, ...]:
        """Two versions of a list: records paired, then compared one by one."""
        collection, noun = COLLECTIONS[(owner, name)]
        base = collection if owner in _TOP_OWNERS else owner_label
        texts = _declared(owner, name) == tuple[str, ...]
        pairs = pair_records(before, after, same_document=self.same_document)
        inverse = {j: i for i, j in pairs.items()}
        follow_after = self.take is None
        order = [pairs[i] for i in sorted(pairs)]
        if any(a > b for a, b in itertools.pairwise(order)):
            change = Change(
                after_path,
                self._section(after_path, 1),
                base,
                ORDER_LABEL,
                [self._name(item, i, 0, texts) for i, item in enumerate(before)],
                [self._name(item, j, 1, texts) for j, item in enumerate(after)],
                "changed",
            )
            follow_after = self._emit(change) or follow_after
        if follow_after:
            sequence = [(i, j) for j, i in _interleave(len(after), len(before), inverse)]
        else:
            sequence = _interleave(len(before), len(after), pairs)

        result = []
        for i, j in sequence:
            if i is not None and j is not None:
                old_path, new_path = f"{before_path}[{i}]", f"{after_path}[{j}]"
                if not texts:
                    label = self._record_label(base, after[j], j, 1)
                    result.append(self.node(before[i], after[j], old_path, new_path, label))
                elif before[i] != after[j]:
                    section = self._section(new_path, 1)
                    change = Change(new_path, section, base, noun, before[i], after[j], "changed")
                    result.append(after[j] if self._emit(change) else before[i])
                else:
                    result.append(before[i])
            elif i is not None:
                path = f"{before_path}[{i}]"
                label = base if texts else self._record_label(base, before[i], i, 0)
                old = self._record(before[i], 0)
                change = Change(path, self._section(path, 0), label, noun, old, None, "removed")
                if not self._emit(change):
                    result.append(before[i])
            elif j is not None:  # always: a pair has at least one side
                path = f"{after_path}[{j}]"
                label = base if texts else self._record_label(base, after[j], j, 1)
                new = self._record(after[j], 1)
                change = Change(path, self._section(path, 1), label, noun, None, new, "added")
                if self._emit(change):
                    result.append(after[j])
        return tuple(result)

    # --- labels and values ----------------------------------------------

    def _section(self, path: str, side: int) -> SectionKind | None:
        found = _OUTLINE_ITEM.match(path)
        if found:
            return self.roots[side].outline[int(found.group(1))].kind
        names = _ATTRIBUTES.match(path)
        if names is None:
            return None
        first, second = names.group(1), names.group(2)
        return SECTIONS.get(f"{first}.{second}", SECTIONS.get(first))

    def _name(self, item: Any, index: int, side: int, text: bool = False) -> str:
        if text:
            return _short(item)
        name = RECORD_NAMES[type(item)](item, self._resolver(side))
        return _short(name) or f"n° {index + 1}"

    def _record_label(self, base: str, item: Any, index: int, side: int) -> str:
        return f"{base}{SEPARATOR}{self._name(item, index, side)}"

    def _resolver(self, side: int) -> Callable[[str, int | None], str | None]:
        def resolve(attr: str, target: int | None) -> str | None:
            if target is None:
                return None
            key = (side, attr)
            if key not in self._names:
                records = getattr(self.roots[side].governance, attr)
                self._names[key] = {
                    r.id: self._name(r, i, side) for i, r in enumerate(records) if r.id is not None
                }
            return self._names[key].get(target, f"(identifiant {target} inconnu)")

        return resolve

    def _value(self, value: Any, side: int, cls: type, name: str) -> Any:
        target = REFERENCES.get((cls, name))
        if target is not None:
            return self._resolver(side)(target, value)
        if type(value) in _PLAIN:
            return value  # what most fields hold, as to_plain would return it
        if isinstance(value, bytes):
            return {"octets": len(value), "sha256": hashlib.sha256(value).hexdigest()}
        if isinstance(value, m.ReviewState):
            return REVIEW_VALUES[value]
        return to_plain(value)

    def _record(self, item: Any, side: int) -> Any:
        """A whole record as a plain value: its fields without its row key."""
        if not dataclasses.is_dataclass(item):
            return item
        cls: type = type(item)
        return {name: self._value(getattr(item, name), side, cls, name) for name in _compared_fields(cls)}


def field_label(cls: type, name: str) -> str:
    """The French name of a field of ``cls``, as the history shows it."""
    return CLASS_FIELD_LABELS.get((cls, name)) or FIELD_LABELS[name]


# --- pairing ------------------------------------------------------------


def _person(item: m.BoardMember | m.StaffMember) -> tuple[str, ...] | None:
    name: tuple[str, ...]
    if isinstance(item, m.BoardMember):
        name = (item.surname.strip().casefold(), item.first_name.strip().casefold())
    else:
        name = (" ".join(item.name.casefold().split()),)
    return name if any(name) else None


def _identities(cls: type, same_document: bool) -> list[Callable[[Any], Hashable | None]] | None:
    if cls in _PERSON_NAMES:
        if not same_document:
            return [_person]
        return [
            lambda x: None if x.id is None or _person(x) is None else (x.id, _person(x)),
            _person,
            lambda x: x.id,
        ]
    if cls is not str and "key" in _field_names(cls):
        return [lambda x: x.key or None]
    return None


def _pair_by_content(before: Sequence[Any], after: Sequence[Any]) -> dict[int, int]:
    """Equal runs paired, then replaced runs position by position."""
    matcher = difflib.SequenceMatcher(
        None, [repr(x) for x in before], [repr(x) for x in after], autojunk=False
    )
    pairs = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            for k in range(min(i2 - i1, j2 - j1)):
                pairs[i1 + k] = j1 + k
    return pairs


def _interleave(primary: int, secondary: int, pairs: dict[int, int]) -> list[tuple[int | None, int | None]]:
    """The primary list's indexes in order, each with its partner, and the
    unpaired secondary records placed after the primary record paired with
    the secondary record they followed."""
    inverse = {j: i for i, j in pairs.items()}
    following: dict[int, list[int]] = defaultdict(list)
    anchor = -1
    for j in range(secondary):
        if j in inverse:
            anchor = inverse[j]
        else:
            following[anchor].append(j)
    sequence: list[tuple[int | None, int | None]] = [(None, j) for j in following[-1]]
    for i in range(primary):
        sequence.append((i, pairs.get(i)))
        sequence.extend((None, j) for j in following[i])
    return sequence


# --- model facts --------------------------------------------------------


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@functools.cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


@functools.cache
def _compared_fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that hold values: all but a person's ``id``, a
    row key (see pair_records)."""
    return tuple(f.name for f in dataclasses.fields(cls) if not (f.name == "id" and cls in _PERSON_NAMES))


def _declared(cls: type, name: str) -> Any:
    declared = _hints(cls)[name]
    args = typing.get_args(declared)
    if type(None) in args:
        (declared,) = (a for a in args if a is not type(None))
    return declared


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_OUTLINE_ITEM = re.compile(r"outline\[(\d+)\]")
_ATTRIBUTES = re.compile(r"(\w+)(?:\.(\w+))?")

_PERSON_NAMES = (m.BoardMember, m.StaffMember)
# Types of values that are plain already.
_PLAIN = (str, int, type(None))
_TOP_OWNERS = (
    Edition,
    m.Organisation,
    m.Membership,
    m.Network,
    m.Governance,
    m.Training,
    m.Communication,
)

# Ids that point at another record of the edition: (class, field) -> the
# list of ``edition.governance`` they point into.
REFERENCES: dict[tuple[type, str], str] = {
    (m.BureauRole, "member_id"): "board",
    (m.StaffMember, "replaces_id"): "staff",
}

# Which outline kind a field belongs to, by its first one or two attribute
# names (the more specific wins); outline sections by their own kind.
SECTIONS: dict[str, SectionKind | None] = {
    "year": None,
    "organisation": None,
    "outline": None,
    "membership": SectionKind.MEMBERSHIP,
    "network.coverage": SectionKind.COVERAGE,
    "network.region_counts": SectionKind.MAPS,
    "governance": SectionKind.BOARD,
    "governance.bureau": SectionKind.BUREAU,
    "governance.events": SectionKind.GOVERNANCE_EVENTS,
    "governance.meetings": SectionKind.MEETINGS,
    "governance.regional_bodies": SectionKind.REGIONAL_BODIES,
    "governance.staff": SectionKind.STAFF,
    "training": SectionKind.TRAINING,
    "training.assistance": SectionKind.ASSISTANCE,
    "training.clubs": SectionKind.CLUBS,
    "communication": SectionKind.COMMUNICATION,
    "communication.webinars": SectionKind.WEBINARS,
    "key_figures": SectionKind.KEY_FIGURES,
    "lists": SectionKind.LIST,
}

# The parts of an edition that exist once, as record labels.
PART_LABELS: dict[str, str] = {
    "organisation": "Organisation",
    "membership": "Adhérents",
    "network": "Réseau",
    "governance": "Gouvernance",
    "training": "Formation",
    "communication": "Communication",
}

# Each list of the model: (owner class, field) -> (label of the list, what one record is).
COLLECTIONS: dict[tuple[type, str], tuple[str, str]] = {
    (m.Membership, "groups"): ("Adhérents", "Groupe d'adhérents"),
    (m.MemberGroup, "categories"): ("Catégories", "Catégorie d'adhérents"),
    (m.Membership, "notes"): ("Notes sur les adhérents", "Note"),
    (m.Network, "coverage"): ("Couverture du réseau", "Ligne de couverture"),
    (m.Network, "region_counts"): ("Cartes", "Nombre par région"),
    (m.Governance, "board"): ("Conseil d'administration", "Administrateur"),
    (m.BoardMember, "functions"): ("Fonctions", "Fonction"),
    (m.Governance, "bureau"): ("Bureau", "Fonction au bureau"),
    (m.Governance, "events"): ("Vie des instances", "Événement"),
    (m.Governance, "meetings"): ("Réunions", "Réunion"),
    (m.Governance, "regional_bodies"): ("Instances régionales", "Instance régionale"),
    (m.Governance, "staff"): ("Équipe", "Membre de l'équipe"),
    (m.Training, "sessions"): ("Formations", "Session de formation"),
    (m.Training, "modules"): ("Modules de formation", "Module de formation"),
    (m.Training, "assistance"): ("Assistance technique", "Indicateur"),
    (m.Training, "clubs"): ("Clubs utilisateurs", "Club utilisateurs"),
    (m.Communication, "followers"): ("Réseaux sociaux", "Compte"),
    (m.Communication, "reach_tiers"): ("Audience des publications", "Palier d'audience"),
    (m.Communication, "webinars"): ("Webinaires", "Webinaire"),
    (m.Communication, "metrics"): ("Indicateurs de communication", "Indicateur"),
    (Edition, "key_figures"): ("Chiffres clés", "Bloc de chiffres clés"),
    (m.KeyFigureBlock, "items"): ("Chiffres", "Chiffre"),
    (Edition, "lists"): ("Listes", "Liste"),
    (m.TitledList, "items"): ("Éléments", "Élément"),
    (Edition, "outline"): ("Plan du rapport", "Section"),
}

# Field names that mean the same wherever they appear.
FIELD_LABELS: dict[str, str] = {
    "year": "Année",
    "key": "Clé",
    "name": "Nom",
    "title": "Titre",
    "label": "Libellé",
    "date": "Date",
    "text": "Texte",
    "description": "Description",
    "website": "Site internet",
    "region": "Région",
    "count": "Nombre",
    "value": "Valeur",
    "unit": "Unité",
    "qualifier": "Précision",
    "as_of": "Date de référence",
    "declared_total": "Total déclaré",
    "retired": "Retiré",
    "role": "Fonction",
    "address": "Adresse",
    "phone": "Téléphone",
    "email": "Courriel",
    "logo": "Logo",
    "primary_colour": "Couleur principale",
    "secondary_colour": "Couleur secondaire",
    "structure": "Type de structure",
    "in_total": "Compté dans le total",
    "total": "Nombre total",
    "members": "Adhérents",
    "grouped_plie": "PLIE regroupés",
    "map_date": "Date de la carte",
    "surname": "Nom",
    "first_name": "Prénom",
    "college": "Collège",
    "member_id": "Administrateur",
    "since": "Depuis",
    "person": "Personne",
    "place": "Lieu",
    "start": "Arrivée",
    "end": "Départ",
    "replaces_id": "Remplace",
    "reason": "Motif",
    "mandate_years": "Durée du mandat (années)",
    "mandate_end": "Fin du mandat",
    "module": "Module",
    "mode": "Modalité",
    "plie": "Participants PLIE",
    "mde": "Participants Maisons de l'Emploi",
    "collectivites": "Participants collectivités",
    "autres": "Autres participants",
    "new": "Nouveau",
    "compare_year": "Année de comparaison",
    "compare_value": "Valeur de comparaison",
    "software": "Logiciel",
    "audience": "Public",
    "meetings": "Réunions",
    "note": "Note",
    "network": "Réseau social",
    "handle": "Compte",
    "min_views": "Vues au moins",
    "posts": "Publications",
    "partner": "Partenaire",
    "participants": "Participants",
    "website_visits": "Visites du site",
    "top_page": "Page la plus vue",
    "top_page_visits": "Visites de la page la plus vue",
    "top_page_qualifier": "Précision (page la plus vue)",
    "job_offers": "Offres d'emploi",
    "source": "Source",
    "heading": "Titre",
    "level": "Niveau",
    "body": "Texte",
    "ref": "Contenu affiché",
    "review": "Relecture",
    "reviewed_by": "Relue par",
    "reviewed_at": "Relue le",
}

# A change of review state as the history tells it.
REVIEW_VALUES: dict[m.ReviewState, str] = {
    m.ReviewState.TO_WRITE: "À rédiger",
    m.ReviewState.TO_REVIEW: "À relire",
    m.ReviewState.REVIEWED: "Marquée comme relue",
}

# Where the same name means something else.
CLASS_FIELD_LABELS: dict[tuple[type, str], str] = {
    (m.MemberCategory, "count"): "Nombre d'adhérents",
    (m.MemberCategory, "retired"): "Retirée",
    (m.Coverage, "kind"): "Type de structure",
    (m.RegionCount, "kind"): "Type de structure",
    (m.GovernanceEvent, "kind"): "Type d'événement",
    (m.Meeting, "kind"): "Type de réunion",
    (m.Section, "kind"): "Type de section",
    (m.StaffMember, "role"): "Poste",
    (m.Followers, "count"): "Abonnés",
}


def _people(item: m.BoardMember) -> str:
    return " ".join(part for part in (item.surname.strip().upper(), item.first_name.strip()) if part)


def _dated(*parts: object) -> str:
    return " ".join(str(part) for part in parts if part)


RECORD_NAMES: dict[type, Callable[[Any, Callable[[str, int | None], str | None]], str]] = {
    m.MemberGroup: lambda x, _: x.name,
    m.MemberCategory: lambda x, _: x.name,
    m.DatedNote: lambda x, _: _dated(x.date, x.text),
    m.Coverage: lambda x, _: NETWORK_KIND_LABELS[x.kind],
    m.RegionCount: lambda x, _: f"{NETWORK_KIND_LABELS[x.kind]}, {x.region.label}",
    m.BoardMember: lambda x, _: _people(x),
    m.BureauRole: lambda x, resolve: _dated(x.role, resolve("board", x.member_id)),
    m.GovernanceEvent: lambda x, _: _dated(x.date, EVENT_KIND_LABELS[x.kind], x.person),
    m.Meeting: lambda x, _: x.label or _dated(MEETING_KIND_LABELS[x.kind], x.date),
    m.RegionalBody: lambda x, _: x.name or (x.region.label if x.region else ""),
    m.StaffMember: lambda x, _: x.name,
    m.TrainingSession: lambda x, _: _dated(x.module, x.date),
    m.TrainingModule: lambda x, _: x.name,
    m.Indicator: lambda x, _: x.label,
    m.UserClub: lambda x, _: x.name,
    m.Followers: lambda x, _: x.network,
    m.ReachTier: lambda x, _: f"{x.min_views} vues et plus",
    m.Webinar: lambda x, _: x.title,
    m.Metric: lambda x, _: x.label,
    m.KeyFigureBlock: lambda x, _: x.title,
    m.KeyFigure: lambda x, _: x.label,
    m.TitledList: lambda x, _: x.title,
    m.Section: lambda x, _: x.heading or x.key,
}
