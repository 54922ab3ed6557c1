"""Edits of the outline: add, remove, move and indent sections."""

from __future__ import annotations

import copy
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
    result = copy.deepcopy(edition)
    level = result.outline[index - 1].level if 0 < index <= len(result.outline) else 1
    section = Section(
        key=fresh_key(heading, {s.key for s in result.outline}), kind=kind, heading=heading, level=level
    )
    if kind is SectionKind.LIST:
        section.ref = fresh_key(heading, {t.key for t in result.lists})
        result.lists.append(TitledList(key=section.ref, title=heading))
    elif kind is SectionKind.KEY_FIGURES:
        section.ref = fresh_key(heading, {b.key for b in result.key_figures})
        result.key_figures.append(KeyFigureBlock(key=section.ref, title=heading))
    result.outline.insert(max(0, min(index, len(result.outline))), section)
    return result


def remove_section(edition: Edition, index: int) -> Edition:
    """Remove a section; its list or key-figure block goes too unless another section shows it."""
    result = copy.deepcopy(edition)
    section = result.outline.pop(index)
    if section.ref and not any(s.ref == section.ref and s.kind is section.kind for s in result.outline):
        if section.kind is SectionKind.LIST:
            result.lists = [t for t in result.lists if t.key != section.ref]
        elif section.kind is SectionKind.KEY_FIGURES:
            result.key_figures = [b for b in result.key_figures if b.key != section.ref]
    return result


def move_section(edition: Edition, index: int, step: int) -> Edition:
    result = copy.deepcopy(edition)
    target = index + step
    if 0 <= index < len(result.outline) and 0 <= target < len(result.outline):
        result.outline.insert(target, result.outline.pop(index))
    return result


def shift_level(edition: Edition, index: int, step: int) -> Edition:
    """Indent (step +1) or outdent (-1) a section, within 1..MAX_LEVEL and never
    more than one level below the section before it."""
    result = copy.deepcopy(edition)
    section = result.outline[index]
    ceiling = result.outline[index - 1].level + 1 if index > 0 else 1
    section.level = max(1, min(section.level + step, ceiling, MAX_LEVEL))
    return result
