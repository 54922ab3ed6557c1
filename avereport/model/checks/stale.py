"""Content left over from last year in an edition (see ``succession``).

- a list identical to last year's that nobody has confirmed (``stale.list``);
- a dated event or staff arrival or departure outside the edition's year,
  which the report would print as one of the year's (``stale.dated``; the
  meetings, webinars and sessions have the same warning in their own checks);
- a heading, title, source, note or text that still speaks of the previous
  year as the current one: "En 2021, …" in the 2022 edition, or, in a
  section still to review, a sentence naming 2021 kept word for word from
  the 2021 text (``stale.year``);
- a staff remark of an earlier year, or a replacement copied from last year
  and not confirmed (``stale.staff``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeGuard

from avereport.model import fmt
from avereport.model.checks.findings import RECENT_YEARS, Finding, quote, warning
from avereport.model.dates import FuzzyDate
from avereport.model.edition import Edition, ReviewState, Section, SectionKind
from avereport.model.plain import plain
from avereport.model.review import confirmed
from avereport.model.years import as_current, mentions, names_year, sentences

LIST = "stale.list"
DATED = "stale.dated"
YEAR = "stale.year"
STAFF = "stale.staff"


def check_stale(edition: Edition, previous: Edition | None) -> Iterator[Finding]:
    yield from _unchanged_lists(edition, previous)
    yield from _events(edition)
    yield from _staff(edition, previous)
    yield from _previous_year(edition, previous)


def _shown_by(edition: Edition, kind: SectionKind, ref: str = "") -> Section | None:
    return next((s for s in edition.outline if s.kind is kind and s.ref == ref), None)


def _unchanged_lists(edition: Edition, previous: Edition | None) -> Iterator[Finding]:
    if previous is None:
        return
    before = {t.key: [item.strip() for item in t.items] for t in previous.lists}
    for n, titled in enumerate(edition.lists):
        items = [item.strip() for item in titled.items]
        section = _shown_by(edition, SectionKind.LIST, titled.key)
        if not any(items) or before.get(titled.key) != items or (section and confirmed(section)):
            continue
        yield warning(
            SectionKind.LIST,
            f"lists[{n}].items",
            f"La liste {quote(titled.title or titled.key)} est identique à celle de {previous.year} et "
            f"n'a pas été confirmée : marquez sa section comme relue si elle vaut pour {edition.year}.",
            LIST,
        )


def _outside(date: FuzzyDate | None, year: int, span: tuple[int, int] = RECENT_YEARS) -> TypeGuard[FuzzyDate]:
    """Dated in another year, but plausibly (an implausible date is an error
    reported by the other checks)."""
    return date is not None and date.year != year and year + span[0] <= date.year <= year + span[1]


def _events(edition: Edition) -> Iterator[Finding]:
    for i, event in enumerate(edition.governance.events):
        if _outside(event.date, edition.year):
            subject = quote(event.person or event.description or f"ligne {i + 1}")
            yield warning(
                SectionKind.GOVERNANCE_EVENTS,
                f"governance.events[{i}].date",
                f"Vie des instances, événement {subject} : {fmt.date(event.date)}, "
                f"en dehors de l'année {edition.year} du rapport.",
                DATED,
            )


# A career date may be decades old; only the years near the edition's are
# likely left over from last year's table.
_MOVES_YEARS = (-40, 10)


def _staff(edition: Edition, previous: Edition | None) -> Iterator[Finding]:
    year = edition.year
    staff = edition.governance.staff
    section = _shown_by(edition, SectionKind.STAFF)
    names = {m.id: m.name for m in staff if m.id is not None}
    earlier = _replacements(previous) if previous is not None else set()
    for i, member in enumerate(staff):
        path = f"governance.staff[{i}]"
        who = quote(member.name) if member.name.strip() else f"Équipe, ligne {i + 1}"
        for name, what, date in (("start", "arrivée", member.start), ("end", "départ", member.end)):
            if _outside(date, year, _MOVES_YEARS):
                yield warning(
                    SectionKind.STAFF,
                    f"{path}.{name}",
                    f"{who}, {what} : {fmt.date(date)}, en dehors de l'année {year} ; le tableau "
                    f"de l'équipe l'imprimerait comme un mouvement de {year}.",
                    DATED,
                )
        old_years = [int(m.group(1)) for m in mentions(member.reason) if int(m.group(1)) < year]
        if old_years:
            yield warning(
                SectionKind.STAFF,
                f"{path}.reason",
                f"{who} : le motif {quote(member.reason.strip())} date de {old_years[0]}.",
                STAFF,
            )
        replaced = names.get(member.replaces_id) if member.replaces_id is not None else None
        if (
            replaced is not None
            and previous is not None
            and (member.name, replaced) in earlier
            and not (section and confirmed(section))
        ):
            yield warning(
                SectionKind.STAFF,
                f"{path}.replaces_id",
                f"{who} remplaçait déjà {quote(replaced)} en {previous.year} : un remplacement de "
                f"{previous.year} compte comme un mouvement de {year} ; confirmez-le ou retirez-le.",
                STAFF,
            )


def _replacements(edition: Edition) -> set[tuple[str, str]]:
    names = {m.id: m.name for m in edition.governance.staff if m.id is not None}
    return {(m.name, names[m.replaces_id]) for m in edition.governance.staff if m.replaces_id in names}


def _previous_year(edition: Edition, previous: Edition | None) -> Iterator[Finding]:
    last = edition.year - 1
    earlier = {s.key: s for s in previous.outline} if previous is not None else {}
    for i, section in enumerate(edition.outline):
        name = quote(section.heading or section.key)
        before = earlier.get(section.key) if _draft(section) else None
        phrase = _current(section.heading, before.heading if before else "", last)
        if phrase:
            yield _named(
                section.kind, f"outline[{i}].heading", f"Le titre de la section {name}", phrase, last
            )
        phrase = _current(section.body, before.body if before else "", last, short=False)
        if phrase:
            yield _named(section.kind, f"outline[{i}].body", f"Le texte de la section {name}", phrase, last)
    previous_blocks = {b.key: b for b in previous.key_figures} if previous is not None else {}
    for n, block in enumerate(edition.key_figures):
        old = (
            previous_blocks.get(block.key)
            if _draft(_shown_by(edition, SectionKind.KEY_FIGURES, block.key))
            else None
        )
        for attr, what in (("title", "Le titre"), ("source", "La source")):
            phrase = _current(getattr(block, attr), getattr(old, attr) if old else "", last)
            if phrase:
                where = f"{what} des chiffres clés {quote(block.title or block.key)}"
                yield _named(SectionKind.KEY_FIGURES, f"key_figures[{n}].{attr}", where, phrase, last)
    previous_lists = {t.key: t for t in previous.lists} if previous is not None else {}
    for n, titled in enumerate(edition.lists):
        old_list = (
            previous_lists.get(titled.key)
            if _draft(_shown_by(edition, SectionKind.LIST, titled.key))
            else None
        )
        phrase = _current(titled.title, old_list.title if old_list else "", last)
        if phrase:
            where = f"Le titre de la liste {quote(titled.title)}"
            yield _named(SectionKind.LIST, f"lists[{n}].title", where, phrase, last)
    carried_note = (
        previous.training.note
        if previous is not None and _draft(_shown_by(edition, SectionKind.TRAINING))
        else ""
    )
    phrase = _current(edition.training.note, carried_note, last, short=False)
    if phrase:
        yield _named(SectionKind.TRAINING, "training.note", "La note sur les formations", phrase, last)
    for n, note in enumerate(edition.membership.notes):
        phrase = as_current(note.text, last, anywhere=False)
        if phrase:
            where = "Une note sur les adhérents"
            yield _named(SectionKind.MEMBERSHIP, f"membership.notes[{n}].text", where, phrase, last)


def _draft(section: Section | None) -> bool:
    """Whether a section is still a draft carried from last year, whose
    sentences kept word for word are last year's."""
    return section is not None and section.review is not ReviewState.REVIEWED


def _current(text: str, last_years_text: str, last: int, *, short: bool = True) -> str | None:
    """The sentence of ``text`` that speaks of ``last`` as the current year:
    one that says so ("En 2021, …"), or one naming it that last year's text
    of the same place (given for drafts only) already had word for word.
    A ``short`` text (heading, title, source) is about the year: "en 2021"
    anywhere in it counts; in prose, only at the opening of a sentence."""
    if not text.strip():
        return None
    phrase = as_current(text, last, anywhere=short)
    if phrase:
        return phrase
    kept = set(sentences(last_years_text))
    for sentence in sentences(text):
        if sentence in kept and names_year(sentence, last):
            return sentence
    return None


def _named(section: SectionKind, field: str, where: str, phrase: str, last: int) -> Finding:
    phrase = plain(phrase).replace("\n", " ")
    shown = phrase if len(phrase) <= 80 else phrase[:79].rstrip() + "…"
    return warning(
        section,
        field,
        f"{where} parle encore de {last} comme de l'année en cours : {quote(shown)}.",
        YEAR,
    )
