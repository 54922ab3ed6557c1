"""Which editor edits which kind of section."""

from __future__ import annotations

from avereport.model.edition import SectionKind
from avereport.ui.editors.base import NarrativeEditor, SectionEditor

EDITORS: dict[SectionKind, type[SectionEditor]] = {
    SectionKind.NARRATIVE: NarrativeEditor,
}


def editor_for(kind: SectionKind) -> type[SectionEditor]:
    return EDITORS[kind]
