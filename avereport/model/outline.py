"""Edits of the outline: add, remove, move and indent sections."""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from avereport.model.edition import Edition, KeyFigureBlock, Section, SectionKind, TitledList

MAX_LEVEL = 3


def fresh_key(name: str, taken: set[str]) -> str:
    """A stable key from a name: ASCII slug, numbered if already taken."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_") or "section"
    key, number = slug, 2
    while key in taken:
        key, number = f"{slug}_{number}", number + 1
    return key


def add_section(edition: Edition, index: int, kind: SectionKind, heading: str) -> Edition:
    """Insert a new section before ``index``; a list or key-figure section gets
    its own new, empty list or block."""
    outline = edition.outline
    level = outline[index - 1].level if 0 < index <= len(outline) else 1
    section = Section(
        key=fresh_key(heading, {s.key for s in outline}), kind=kind, heading=heading, level=level
    )
    if kind is SectionKind.LIST:
        section = dataclasses.replace(section, ref=fresh_key(heading, {t.key for t in edition.lists}))
        lists = (*edition.lists, TitledList(key=section.ref, title=heading))
        return _with_outline(dataclasses.replace(edition, lists=lists), index, section)
    if kind is SectionKind.KEY_FIGURES:
        section = dataclasses.replace(section, ref=fresh_key(heading, {b.key for b in edition.key_figures}))
        blocks = (*edition.key_figures, KeyFigureBlock(key=section.ref, title=heading))
        return _with_outline(dataclasses.replace(edition, key_figures=blocks), index, section)
    return _with_outline(edition, index, section)


def _with_outline(edition: Edition, index: int, section: Section) -> Edition:
    """``edition`` with ``section`` inserted before ``index`` (clamped to the outline)."""
    outline = edition.outline
    position = max(0, min(index, len(outline)))
    return dataclasses.replace(edition, outline=(*outline[:position], section, *outline[position:]))


def remove_section(edition: Edition, index: int) -> Edition:
    """Remove a section; its list or key-figure block goes too unless another section shows it."""
    section = edition.outline[index]
    outline = (*edition.outline[:index], *edition.outline[index + 1 :])
    result = dataclasses.replace(edition, outline=outline)
    if section.ref and not any(s.ref == section.ref and s.kind is section.kind for s in outline):
        if section.kind is SectionKind.LIST:
            result = dataclasses.replace(result, lists=tuple(t for t in result.lists if t.key != section.ref))
        elif section.kind is SectionKind.KEY_FIGURES:
            blocks = tuple(b for b in result.key_figures if b.key != section.ref)
            result = dataclasses.replace(result, key_figures=blocks)
    return result


def move_section(edition: Edition, index: int, step: int) -> Edition:
    target = index + step
    if not (0 <= index < len(edition.outline) and 0 <= target < len(edition.outline)):
        return edition
    outline = list(edition.outline)
    outline.insert(target, outline.pop(index))
    return dataclasses.replace(edition, outline=tuple(outline))


def shift_level(edition: Edition, index: int, step: int) -> Edition:
    """Indent (step +1) or outdent (-1) a section, within 1..MAX_LEVEL and never
    more than one level below the section before it."""
    outline = edition.outline
    section = outline[index]
    ceiling = outline[index - 1].level + 1 if index > 0 else 1
    shifted = dataclasses.replace(section, level=max(1, min(section.level + step, ceiling, MAX_LEVEL)))
    return dataclasses.replace(edition, outline=(*outline[:index], shifted, *outline[index + 1 :]))
