"""The tables of an edition as spreadsheets see them, without Qt.

Each :class:`Table` has a short French name (what ``avereport import
--table`` takes), the title and columns the app's table shows, in the same
order (so a paste at a column of the app lands on the same field), the
synonyms a user's own spreadsheet may use, and how rows become records.
tests/test_spreadsheet_tables.py keeps the Qt columns and these in step.

Rows are plain dicts, field name to model value; a reference to another
record (a bureau role's board member, whom a staff member replaces) is that
record's name, turned back into an id when the rows are stored.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from enum import Enum, auto
from typing import Any

from avereport.model import edit
from avereport.model import edition as m
from avereport.model.labels import (
    EVENT_KIND_LABELS,
    MEETING_KIND_LABELS,
    QUALIFIER_LABELS,
    TRAINING_MODE_LABELS,
)
from avereport.model.outline import fresh_key
from avereport.model.paths import EDITION, FieldPath
from avereport.model.regions import REGION_SHORT_LABELS, Region
from avereport.spreadsheets.folding import fold, words

Row = dict[str, Any]
# How an exported workbook titles a computed column.
COMPUTED_MARK = " (calculé)"


class Kind(Enum):
    TEXT = auto()
    LINES = auto()  # tuple[str, ...], one item a line
    COUNT = auto()  # non-negative integer
    NUMBER = auto()  # decimal
    YEAR = auto()  # an integer shown without digit groups
    DATE = auto()  # FuzzyDate
    CHOICE = auto()  # one of ``choices``
    FLAG = auto()  # bool
    REFERENCE = auto()  # another record, by its name


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    kind: Kind = Kind.TEXT
    synonyms: tuple[str, ...] = ()
    choices: tuple[tuple[Any, str], ...] = ()
    # Other names a choice may be written with (codes, short labels).
    aliases: tuple[tuple[Any, str], ...] = ()
    # A computed column: its values, given the edition (never imported).
    computed: Callable[[m.Edition], list[Any]] | None = None

    @property
    def is_computed(self) -> bool:
        return self.computed is not None

    def names(self) -> tuple[str, ...]:
        """Every header this column answers to (an exported computed column is marked)."""
        marked = (self.title + COMPUTED_MARK,) if self.is_computed else ()
        return (self.title, *marked, *self.synonyms)

    def choice_names(self) -> dict[str, Any]:
        """Folded name -> choice."""
        return _choice_names(self.choices, self.aliases)

    def label(self, value: Any) -> Any:
        """A choice as the app shows it."""
        if self.kind is Kind.CHOICE:
            return dict(self.choices).get(value, "" if value is None else str(value))
        return value


@functools.cache
def _choice_names(
    choices: tuple[tuple[Any, str], ...], aliases: tuple[tuple[Any, str], ...]
) -> dict[str, Any]:
    names: dict[str, Any] = {}
    for value, label in (*choices, *aliases):
        names.setdefault(fold(label), value)
        if isinstance(value, Enum):
            names.setdefault(fold(str(value.value)), value)
    return names


def with_items(edition: m.Edition, path: FieldPath, items: Sequence[Any]) -> m.Edition:
    """``edition`` with the list at ``path`` replaced by ``items`` (records
    already checked), sharing everything else."""
    return edit.replace_at(edition, path, tuple(items))


def enum_column(name: str, title: str, labels: dict[Any, str], *synonyms: str) -> Column:
    return Column(name, title, Kind.CHOICE, synonyms, tuple(labels.items()))


QUALIFIER = enum_column("qualifier", "Précision", QUALIFIER_LABELS, "Qualificatif")
REGION = Column(
    "region",
    "Région",
    Kind.CHOICE,
    ("Région administrative",),
    tuple((region, region.label) for region in Region),
    tuple((region, region.value) for region in Region)
    + tuple(REGION_SHORT_LABELS.items())
    + ((None, "aucune"), (None, "— (aucune)"), (None, "nationale")),
)
STRUCTURE_LABELS = {
    m.Structure.PLIE: "PLIE",
    m.Structure.MDE: "MDE",
    m.Structure.PLIE_MDE: "PLIE et MDE",
    m.Structure.NONE: "aucune",
}


def member_name(member: m.BoardMember) -> str:
    """ "Prénom NOM", as the app and the report name a board member."""
    return " ".join(part for part in (member.first_name.strip(), member.surname.strip().upper()) if part)


# --- tables -------------------------------------------------------------------


class Table(ABC):
    """A table of the edition: rows in, rows out."""

    name: str
    title: str
    columns: tuple[Column, ...]

    @abstractmethod
    def rows(self, edition: m.Edition) -> list[Row]:
        """The rows as the app shows them (computed columns included)."""

    @abstractmethod
    def store(self, edition: m.Edition, rows: Sequence[Row], *, append: bool) -> m.Edition:
        """``edition`` with this table holding ``rows`` (checked values, no
        computed column), or after them with ``append``. A row's ``BASE``
        entry, when given, is the record it edits (a paste); else a row is
        paired with a record of the same identity (a new import keeps ids and
        keys) or makes a new one. Raises RowRefused."""

    @abstractmethod
    def record_type(self, field_name: str) -> type:
        """The dataclass holding ``field_name`` (for the model's checks)."""

    def with_computed(self, edition: m.Edition, rows: list[Row]) -> list[Row]:
        for column in self.columns:
            if column.computed is not None:
                for row, value in zip(rows, column.computed(edition)):
                    row[column.field] = value
        return rows


BASE = "__base__"


class RowRefused(ValueError):
    """A row that cannot be stored: ``row`` is its index among the rows given,
    ``field`` the column at fault; the message is French."""

    def __init__(self, row: int, field: str, message: str) -> None:
        super().__init__(message)
        self.row = row
        self.field = field


@dataclass
class RecordTable(Table):
    """The records of one list of the edition (``training.sessions``)."""

    name: str
    title: str
    # None for a table whose list is found in each edition (``list_path``).
    path: FieldPath | None
    record: type
    columns: tuple[Column, ...]
    new_record: Callable[[], Any]
    identity: Callable[[Any], Hashable] | None = None
    # A field holding the record's id (refered to by other records), filled when missing.
    id_field: str | None = None
    # A field holding a stable key, made from the field named second when missing.
    key_field: tuple[str, str] | None = None
    references: dict[str, Callable[[m.Edition], list[tuple[Any, str]]]] = field(default_factory=dict)
    # What to tidy once the list changed (roles of a removed board member…).
    after: Callable[[m.Edition], m.Edition] | None = None

    def record_type(self, field_name: str) -> type:
        return self.record

    def list_path(self, edition: m.Edition) -> FieldPath:
        assert self.path is not None  # else list_path is overridden
        return self.path

    def records(self, edition: m.Edition) -> Sequence[Any]:
        return edit.get_at(edition, self.list_path(edition))

    def rows(self, edition: m.Edition) -> list[Row]:
        rows = []
        labels = {name: dict(choices(edition)) for name, choices in self.references.items()}
        for record in self.records(edition):
            row: Row = {BASE: record}
            for column in self.columns:
                if column.computed is None:
                    value = getattr(record, column.field)
                    row[column.field] = labels[column.field].get(value) if column.field in labels else value
            rows.append(row)
        return self.with_computed(edition, rows)

    def store(self, edition: m.Edition, rows: Sequence[Row], *, append: bool) -> m.Edition:
        existing = self.records(edition)
        kept = list(existing) if append else []
        by_identity: dict[Hashable, list[Any]] = {}
        if not append and self.identity is not None:
            for record in existing:
                by_identity.setdefault(self.identity(record), []).append(record)
        # Records a row edits (a paste) are not offered to the other rows.
        edited = {id(row[BASE]) for row in rows if row.get(BASE) is not None}
        for records in by_identity.values():
            records[:] = [record for record in records if id(record) not in edited]
        built = []
        for row in rows:
            base = row.get(BASE)
            values = {k: v for k, v in row.items() if k != BASE and k not in self.references}
            if base is None:
                matches = None
                if self.identity is not None:
                    start = dataclasses.replace(self.new_record(), **values)
                    matches = by_identity.get(self.identity(start))
                base = matches.pop(0) if matches else self.new_record()
            built.append(dataclasses.replace(base, **values))
        records = self._with_ids_and_keys(kept, built)
        result = with_items(edition, self.list_path(edition), records)
        result = self._resolve_references(result, rows, len(kept))
        return self.after(result) if self.after is not None else result

    def _with_ids_and_keys(self, kept: list[Any], built: list[Any]) -> list[Any]:
        records = kept + built
        if self.id_field is not None:
            seen: set[int] = set()
            for index, record in enumerate(records):
                own = getattr(record, self.id_field)
                if own is None or own in seen:
                    records[index] = dataclasses.replace(record, **{self.id_field: None})
                else:
                    seen.add(own)
            next_id = max(seen, default=0) + 1
            for index, record in enumerate(records):
                if getattr(record, self.id_field) is None:
                    records[index] = dataclasses.replace(record, **{self.id_field: next_id})
                    next_id += 1
        if self.key_field is not None:
            key_name, source = self.key_field
            taken: set[str] = set()
            for index, record in enumerate(records):
                key = getattr(record, key_name)
                if not key or key in taken:
                    key = fresh_key(getattr(record, source) or key_name, taken)
                    records[index] = dataclasses.replace(record, **{key_name: key})
                taken.add(key)
        return records

    def _resolve_references(self, edition: m.Edition, rows: Sequence[Row], offset: int) -> m.Edition:
        """Names in reference columns -> ids of the records they name, in ``edition`` as built."""
        for name, choices in self.references.items():
            optional = type(None) in typing.get_args(typing.get_type_hints(self.record)[name])
            ids = {words(label): value for value, label in choices(edition) if value is not None}
            records = list(self.records(edition))
            for index, row in enumerate(rows):
                if name not in row:
                    if getattr(records[offset + index], name) is None and not optional:
                        raise RowRefused(index, name, "une valeur est obligatoire ici")
                    continue
                text = row[name]
                if text is None or not str(text).strip():
                    target = None
                    if not optional:
                        raise RowRefused(index, name, "une valeur est obligatoire ici")
                else:
                    target = ids.get(words(str(text)))
                    if target is None:
                        column = next(c for c in self.columns if c.field == name)
                        raise RowRefused(
                            index, name, f"« {text} » : personne inconnue ({column.title.lower()})"
                        )
                if target is not None and target == getattr(
                    records[offset + index], self.id_field or "", None
                ):
                    raise RowRefused(index, name, "une personne ne peut pas se remplacer elle-même")
                records[offset + index] = dataclasses.replace(records[offset + index], **{name: target})
            edition = with_items(edition, self.list_path(edition), records)
        return edition


# --- tables whose rows are not one list's records -----------------------------------


@dataclass
class TextListTable(Table):
    """A titled list of the edition: one text a row."""

    key: str
    name: str = ""
    title: str = ""
    columns: tuple[Column, ...] = (Column("item", "Élément", Kind.TEXT, ("Éléments", "Libellé", "Texte")),)

    def index(self, edition: m.Edition) -> int:
        return next(n for n, block in enumerate(edition.lists) if block.key == self.key)

    def record_type(self, field_name: str) -> type:
        return _Item

    def rows(self, edition: m.Edition) -> list[Row]:
        return [{"item": item} for item in edition.lists[self.index(edition)].items]

    def store(self, edition: m.Edition, rows: Sequence[Row], *, append: bool) -> m.Edition:
        path = EDITION.lists[self.index(edition)].items
        items = list(edit.get_at(edition, path)) if append else []
        for number, row in enumerate(rows):
            text = row.get("item")
            if not text:
                raise RowRefused(number, "item", "une valeur est obligatoire ici")
            items.append(text)
        return with_items(edition, path, items)


@dataclass
class _Item:
    """The type of a list's item, for the model's checks."""

    item: str


@dataclass
class _GroupName:
    group: str


@dataclass
class _RegionRow:
    region: Region | None
    plie: int | None
    mde: int | None


@dataclass
class KeyFigureTable(RecordTable):
    """The figures of one key-figure block."""

    block: str = ""

    def list_path(self, edition: m.Edition) -> FieldPath:
        index = next(n for n, block in enumerate(edition.key_figures) if block.key == self.block)
        return EDITION.key_figures[index].items


class MembershipTable(Table):
    """Member categories with their group, one category a row."""

    name = "adherents"
    title = "Adhérents par catégorie"
    columns = (
        Column("group", "Groupe", Kind.TEXT, ("Groupe d'adhérents", "Type d'adhésion")),
        Column("name", "Catégorie", Kind.TEXT, ("Catégorie d'adhérents", "Type de structure")),
        Column("count", "Nombre", Kind.COUNT, ("Adhérents", "Nombre d'adhérents", "Effectif", "Effectifs")),
        Column("structure", "Structure", Kind.CHOICE, (), tuple(STRUCTURE_LABELS.items())),
        Column("retired", "Retirée", Kind.FLAG, ("Retiré",)),
    )

    def record_type(self, field_name: str) -> type:
        return _GroupName if field_name == "group" else m.MemberCategory

    def rows(self, edition: m.Edition) -> list[Row]:
        return [
            {
                BASE: (group, category),
                "group": group.name,
                **{c.field: getattr(category, c.field) for c in self.columns[1:]},
            }
            for group in edition.membership.groups
            for category in group.categories
        ]

    def store(self, edition: m.Edition, rows: Sequence[Row], *, append: bool) -> m.Edition:
        old_groups = {fold(g.name): g for g in edition.membership.groups}
        groups: dict[str, m.MemberGroup] = {}
        if append:
            groups = {fold(g.name): g for g in edition.membership.groups}
        else:
            # Groups without a category stay: only categories are rows here.
            groups = {
                fold(g.name): dataclasses.replace(g, categories=())
                for g in edition.membership.groups
                if not g.categories
            }
        taken_groups = {g.key for g in edition.membership.groups}
        taken = {c.key for g in edition.membership.groups for c in g.categories} if append else set()
        old_categories = {
            (fold(g.name), fold(c.name)): c for g in edition.membership.groups for c in g.categories
        }
        for number, row in enumerate(rows):
            base = row.get(BASE)
            name = row.get("group") or (base[0].name if base else "")
            if not name:
                raise RowRefused(number, "group", "une valeur est obligatoire ici")
            folded = fold(name)
            if folded not in groups:
                group = old_groups.get(folded)
                if group is None:
                    key = fresh_key(name, taken_groups)
                    taken_groups.add(key)
                    group = m.MemberGroup(key=key, name=name)
                groups[folded] = dataclasses.replace(group, name=name, categories=())
            values = {k: v for k, v in row.items() if k not in (BASE, "group")}
            category = base[1] if base else old_categories.get((folded, fold(values.get("name") or "")))
            if category is None or category.key in taken:
                category = m.MemberCategory(key="", name="")
            category = dataclasses.replace(category, **values)
            if not category.name:
                raise RowRefused(number, "name", "une valeur est obligatoire ici")
            if not category.key or category.key in taken:
                category = dataclasses.replace(category, key=fresh_key(category.name, taken))
            taken.add(category.key)
            groups[folded] = dataclasses.replace(
                groups[folded], categories=(*groups[folded].categories, category)
            )
        return with_items(edition, EDITION.membership.groups, list(groups.values()))


MAP_KINDS = (m.NetworkKind.PLIE, m.NetworkKind.MDE)


class RegionCountsTable(Table):
    """PLIE and Maisons de l'Emploi counted by region, one region a row."""

    name = "regions"
    title = "Nombre par région"
    columns = (
        dataclasses.replace(REGION, synonyms=("Régions",)),
        Column("plie", "PLIE", Kind.COUNT, ("Nombre de PLIE", "PLIE adhérents")),
        Column("mde", "MDE", Kind.COUNT, ("Nombre de MDE", "Maisons de l'Emploi", "Maison de l'Emploi")),
    )

    def record_type(self, field_name: str) -> type:
        return _RegionRow

    def rows(self, edition: m.Edition) -> list[Row]:
        counts: dict[tuple[m.NetworkKind, Region], int] = {}
        for entry in edition.network.region_counts:
            counts[entry.kind, entry.region] = counts.get((entry.kind, entry.region), 0) + entry.count
        return [
            {"region": region, **{kind.value: counts.get((kind, region)) for kind in MAP_KINDS}}
            for region in Region
        ]

    def store(self, edition: m.Edition, rows: Sequence[Row], *, append: bool) -> m.Edition:
        counts: dict[tuple[m.NetworkKind, Region], int] = {}
        if append:
            counts = {
                (e.kind, e.region): e.count for e in edition.network.region_counts if e.kind in MAP_KINDS
            }
        seen: dict[Region, int] = {}
        for number, row in enumerate(rows):
            region = row.get("region")
            if region is None:
                raise RowRefused(number, "region", "une région est obligatoire ici")
            if region in seen:
                raise RowRefused(number, "region", f"« {region.label} » figure déjà plus haut")
            seen[region] = number
            for kind in MAP_KINDS:
                if kind.value in row:
                    counts.pop((kind, region), None)
                    if row[kind.value] is not None:
                        counts[kind, region] = row[kind.value]
        others = [e for e in edition.network.region_counts if e.kind not in MAP_KINDS]
        ordered = [
            m.RegionCount(kind=kind, region=region, count=counts[kind, region])
            for kind in MAP_KINDS
            for region in Region
            if (kind, region) in counts
        ]
        return with_items(edition, EDITION.network.region_counts, ordered + others)


# --- the record tables ---------------------------------------------------------------


def _list_table(
    name: str, title: str, path: FieldPath, columns: tuple[Column, ...], **options: Any
) -> RecordTable:
    """The table of the records listed at ``path``, of the type the path
    declares; a new record has that type's defaults unless ``options`` give
    ``new_record`` (see RecordTable for the others)."""
    record = typing.get_args(path.declared)[0]
    options.setdefault("new_record", record)
    return RecordTable(name, title, path, record, columns, **options)


def _session_totals(edition: m.Edition) -> list[Any]:
    # The report's sums (and babel) are not loaded by an import, which never reads this column.
    from avereport.model.compute import participants

    return [participants(session) for session in edition.training.sessions]


def _board_choices(edition: m.Edition) -> list[tuple[Any, str]]:
    return [(member.id, member_name(member)) for member in edition.governance.board]


def _staff_choices(edition: m.Edition) -> list[tuple[Any, str]]:
    return [(member.id, member.name) for member in edition.governance.staff]


def _without_orphan_roles(edition: m.Edition) -> m.Edition:
    """Bureau roles of members no longer on the board go with them (as in the app)."""
    ids = {member.id for member in edition.governance.board}
    roles = [role for role in edition.governance.bureau if role.member_id in ids]
    if len(roles) == len(edition.governance.bureau):
        return edition
    return with_items(edition, EDITION.governance.bureau, roles)


def _without_orphan_replacements(edition: m.Edition) -> m.Edition:
    ids = {member.id for member in edition.governance.staff}
    staff = [
        dataclasses.replace(member, replaces_id=None) if member.replaces_id not in ids else member
        for member in edition.governance.staff
    ]
    if staff == edition.governance.staff:
        return edition
    return with_items(edition, EDITION.governance.staff, staff)


def _folded_key(*fields: str) -> Callable[[Any], Hashable]:
    return lambda record: tuple(words(str(getattr(record, name) or "")) for name in fields)


DATE = Column("date", "Date", Kind.DATE)

FORMATIONS = _list_table(
    "formations",
    "Sessions de formation",
    EDITION.training.sessions,
    (
        Column("module", "Module", Kind.TEXT, ("Module de formation", "Formation", "Intitulé")),
        dataclasses.replace(DATE, synonyms=("Date de la session", "Date de session")),
        Column("plie", "PLIE", Kind.COUNT, ("Participants PLIE", "Nombre PLIE", "Stagiaires PLIE")),
        Column(
            "mde",
            "MDE",
            Kind.COUNT,
            ("Participants MDE", "Maisons de l'Emploi", "Participants Maisons de l'Emploi"),
        ),
        Column(
            "collectivites",
            "Collectivités",
            Kind.COUNT,
            ("Participants collectivités", "Collectivités locales"),
        ),
        Column("autres", "Autres", Kind.COUNT, ("Participants autres", "Autres structures")),
        Column(
            "total", "Total", Kind.COUNT, ("Participants", "Total participants"), computed=_session_totals
        ),
        Column(
            "mode",
            "Modalité",
            Kind.CHOICE,
            ("Mode", "Format"),
            tuple(TRAINING_MODE_LABELS.items()),
            (
                (m.TrainingMode.ON_SITE, "présentiel"),
                (m.TrainingMode.ON_SITE, "sur place"),
                (m.TrainingMode.REMOTE, "distanciel"),
                (m.TrainingMode.REMOTE, "visio"),
                (m.TrainingMode.REMOTE, "en ligne"),
            ),
        ),
    ),
)

MODULES = _list_table(
    "modules",
    "Modules de formation",
    EDITION.training.modules,
    (
        Column("name", "Module", Kind.TEXT, ("Intitulé", "Nom du module", "Module de formation")),
        Column("new", "Nouveau", Kind.FLAG, ("Nouveau module", "Nouveauté")),
    ),
    new_record=lambda: m.TrainingModule(name=""),
    identity=_folded_key("name"),
)

CONSEIL = _list_table(
    "conseil",
    "Conseil d'administration",
    EDITION.governance.board,
    (
        REGION,
        Column("surname", "Nom", Kind.TEXT, ("Nom de famille",)),
        Column("first_name", "Prénom", Kind.TEXT, ("Prénom usuel",)),
        Column("college", "Collège", Kind.TEXT),
        Column("functions", "Fonctions", Kind.LINES, ("Fonction", "Mandats", "Mandats et fonctions")),
    ),
    identity=_folded_key("surname", "first_name"),
    id_field="id",
    after=_without_orphan_roles,
)

BUREAU = _list_table(
    "bureau",
    "Bureau",
    EDITION.governance.bureau,
    (
        Column(
            "member_id", "Membre", Kind.REFERENCE, ("Administrateur", "Nom", "Prénom et nom", "Nom et prénom")
        ),
        Column("role", "Fonction", Kind.TEXT, ("Rôle", "Fonction au bureau")),
        Column("since", "Depuis", Kind.DATE, ("Depuis le", "Date de prise de fonction", "Prise de fonction")),
    ),
    new_record=lambda: m.BureauRole(member_id=None, role=""),  # type: ignore[arg-type] # set from the Membre column
    references={"member_id": _board_choices},
)

EQUIPE = _list_table(
    "equipe",
    "Équipe",
    EDITION.governance.staff,
    (
        Column("name", "Nom", Kind.TEXT, ("Prénom et nom", "Nom et prénom", "Salarié", "Salariée")),
        Column("role", "Fonction", Kind.TEXT, ("Poste",)),
        Column("start", "Arrivée", Kind.DATE, ("Date d'arrivée", "Entrée", "Date d'entrée")),
        Column("end", "Départ", Kind.DATE, ("Date de départ", "Sortie", "Date de sortie")),
        Column("replaces_id", "Remplace", Kind.REFERENCE, ("Remplaçant de", "En remplacement de")),
        Column("reason", "Motif", Kind.TEXT, ("Motif du remplacement",)),
    ),
    identity=_folded_key("name"),
    id_field="id",
    references={"replaces_id": _staff_choices},
    after=_without_orphan_replacements,
)

WEBINAIRES = _list_table(
    "webinaires",
    "Webinaires",
    EDITION.communication.webinars,
    (
        dataclasses.replace(DATE, synonyms=("Date du webinaire",)),
        Column("title", "Titre", Kind.TEXT, ("Sujet", "Intitulé", "Thème")),
        Column("partner", "Partenaire", Kind.TEXT, ("Partenaires", "Intervenant")),
        Column("participants", "Participants", Kind.COUNT, ("Nombre de participants", "Présents")),
        QUALIFIER,
    ),
)

EVENEMENTS = _list_table(
    "evenements",
    "Vie des instances",
    EDITION.governance.events,
    (
        dataclasses.replace(DATE, synonyms=("Date de l'événement",)),
        enum_column("kind", "Type", EVENT_KIND_LABELS, "Nature", "Événement"),
        Column("person", "Personne", Kind.TEXT, ("Nom",)),
        Column("role", "Fonction", Kind.TEXT),
        Column("description", "Description", Kind.TEXT, ("Détail",)),
    ),
)

REUNIONS = _list_table(
    "reunions",
    "Réunions",
    EDITION.governance.meetings,
    (
        enum_column("kind", "Instance", MEETING_KIND_LABELS, "Type de réunion"),
        dataclasses.replace(DATE, synonyms=("Date de la réunion",)),
        Column("place", "Lieu", Kind.TEXT),
        Column("label", "Intitulé", Kind.TEXT, ("Titre",)),
    ),
)

INSTANCES = _list_table(
    "instances",
    "Instances régionales",
    EDITION.governance.regional_bodies,
    (
        REGION,
        Column("name", "Nom", Kind.TEXT, ("Sigle",)),
        Column("description", "Description", Kind.TEXT),
        Column("website", "Site internet", Kind.TEXT, ("Site", "Site web")),
    ),
)

FIXED_TABLES: tuple[Table, ...] = (
    FORMATIONS,
    MODULES,
    CONSEIL,
    BUREAU,
    EQUIPE,
    MembershipTable(),
    RegionCountsTable(),
    WEBINAIRES,
    EVENEMENTS,
    REUNIONS,
    INSTANCES,
)
LIST_PREFIX = "liste-"
FIGURES_PREFIX = "chiffres-"


def _figures(block: m.KeyFigureBlock) -> KeyFigureTable:
    return KeyFigureTable(
        f"{FIGURES_PREFIX}{block.key}",
        f"Chiffres clés : {block.title}",
        None,  # the block's list is found by its key in each edition
        m.KeyFigure,
        (
            Column("value", "Valeur", Kind.NUMBER, ("Chiffre", "Nombre")),
            Column("unit", "Unité", Kind.TEXT),
            QUALIFIER,
            Column("label", "Libellé", Kind.TEXT, ("Intitulé", "Texte")),
        ),
        lambda: m.KeyFigure(value=None),  # type: ignore[arg-type] # a figure needs its value
        block=block.key,
    )


def tables_of(edition: m.Edition) -> list[Table]:
    """Every table of ``edition``: the fixed ones, then one per list and per key-figure block."""
    return [
        *FIXED_TABLES,
        *(
            TextListTable(block.key, f"{LIST_PREFIX}{block.key}", f"Liste : {block.title}")
            for block in edition.lists
        ),
        *(_figures(block) for block in edition.key_figures),
    ]


def find_table(edition: m.Edition, name: str) -> Table | None:
    return next((table for table in tables_of(edition) if table.name == name.strip().lower()), None)
