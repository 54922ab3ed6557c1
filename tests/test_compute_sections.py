"""Which sections have something to show (the PDF leaves the others out)."""

from __future__ import annotations

import dataclasses

import facts_2021 as facts

from avereport.model import edit
from avereport.model.compute import has_data, has_subsections, is_empty
from avereport.model.edition import Edition, Section, SectionKind


def _index(edition: Edition, key: str) -> int:
    return next(i for i, section in enumerate(edition.outline) if section.key == key)


def test_every_structured_section_of_the_2021_facts_has_data():
    edition = facts.edition_2021()
    structured = [s for s in edition.outline if s.kind is not SectionKind.NARRATIVE]
    assert all(has_data(edition, section) for section in structured)
    assert not any(is_empty(edition, i) for i in range(len(edition.outline)))


def test_structured_sections_without_data():
    edition = Edition(year=2022, outline=facts.outline(2022))
    for section in edition.outline:
        assert not has_data(edition, section)
    edition = edit.replace_at(edition, "training.sessions", facts.training().sessions)
    assert has_data(edition, edition.outline[_index(edition, "formations")])


def test_membership_with_only_empty_counts_has_no_data():
    edition = facts.edition_2021()
    section = edition.outline[_index(edition, "adherents")]
    groups = tuple(
        dataclasses.replace(
            group,
            declared_total=None,
            categories=tuple(dataclasses.replace(c, count=None) for c in group.categories),
        )
        for group in edition.membership.groups
    )
    edition = edit.replace_at(
        edition, "membership", dataclasses.replace(edition.membership, declared_total=None, groups=groups)
    )
    assert not has_data(edition, section)
    edition = edit.replace_at(edition, "membership.groups[1].categories[2].count", 0)
    assert has_data(edition, section)


def test_key_figures_and_lists_look_at_the_block_they_name():
    edition = facts.edition_2021()
    section = Section(key="x", kind=SectionKind.KEY_FIGURES, ref="clause")
    assert has_data(edition, section)
    edition = edit.replace_at(edition, "key_figures[1].items", ())
    assert not has_data(edition, section)
    assert not has_data(edition, Section(key="y", kind=SectionKind.LIST, ref="absente"))


def test_a_chapter_is_empty_only_when_all_its_subsections_are():
    edition = facts.edition_2021()
    chapter = _index(edition, "chiffres")
    assert has_subsections(edition.outline, chapter)
    assert not has_subsections(edition.outline, chapter + 1)
    assert not is_empty(edition, chapter)
    edition = edit.replace_at(edition, "key_figures[0].items", ())
    assert is_empty(edition, chapter + 1)
    assert is_empty(edition, chapter)
    edition = edit.replace_at(edition, f"outline[{chapter + 1}].body", "Un mot sur les PLIE.")
    assert not is_empty(edition, chapter)


def test_a_narrative_section_is_empty_without_text():
    edition = facts.edition_2021()
    edition = edit.replace_at(
        edition, "outline", (*edition.outline, Section(key="fin", heading="Conclusion", body="  \n"))
    )
    assert is_empty(edition, len(edition.outline) - 1)
