"""The coverage and maps editors over a real demo document: coverage rates
computed live, per-region counts as a grid whose cells create and remove
entries, their sums compared with the national totals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QStyleOptionViewItem
from session_helpers import digest, reread, section_key

from avereport.model import fmt
from avereport.model.checks import check_edition
from avereport.model.compute import percent_of
from avereport.model.dates import FuzzyDate
from avereport.model.edition import NetworkKind, SectionKind, Structure
from avereport.model.regions import Region
from avereport.ui.editors.coverage import CoverageEditor
from avereport.ui.editors.maps import MapsEditor
from tests.facts_2021 import (
    FULL_MEMBERS,
    MDE_MEMBERS,
    MDE_TOTAL,
    OI_TOTAL,
    PLIE_BY_REGION,
    PLIE_MEMBERS,
    PLIE_TOTAL,
)


@pytest.fixture
def coverage(session, qtbot) -> CoverageEditor:
    editor = CoverageEditor(session, section_key(session, SectionKind.COVERAGE))
    qtbot.addWidget(editor)
    editor.show()
    return editor


@pytest.fixture
def maps(session, qtbot) -> MapsEditor:
    editor = MapsEditor(session, section_key(session, SectionKind.MAPS))
    qtbot.addWidget(editor)
    editor.show()
    return editor


def cell(model, row_key, header: str):
    column = next(
        c
        for c in range(model.columnCount())
        if " ".join(model.headerData(c, Qt.Orientation.Horizontal).split()) == header
    )
    return model.index(model.rows.index(row_key), column)


def region_entries(edition, kind: NetworkKind, region: Region):
    return [e for e in edition.network.region_counts if e.kind is kind and e.region is region]


# --- coverage ----------------------------------------------------------------


def test_coverage_models_pass_qt_model_tester(coverage, maps, qtmodeltester):
    qtmodeltester.check(coverage.model)
    qtmodeltester.check(maps.counts_model)
    qtmodeltester.check(maps.national_model)


def test_coverage_count_cell_opens_a_number_editor(coverage):
    # The grids hold no field paths, unlike record tables: the editor says what to type, without a range.
    index = cell(coverage.model, NetworkKind.PLIE, "Adhérents")
    view = coverage.grid.view
    editor = view.itemDelegateForColumn(index.column()).createEditor(
        view.viewport(), QStyleOptionViewItem(), index
    )
    assert isinstance(editor, QLineEdit)
    assert editor.placeholderText() == "nombre entier, vide si inconnu"


def test_coverage_rate_is_computed_live(coverage, session):
    model = coverage.model
    rate = cell(model, NetworkKind.PLIE, "Taux de couverture")
    assert rate.data() == fmt.percent(percent_of(PLIE_MEMBERS, PLIE_TOTAL))
    assert model.setData(cell(model, NetworkKind.PLIE, "Adhérents"), "110")
    assert rate.data() == fmt.percent(percent_of(110, PLIE_TOTAL))
    plie = next(c for c in reread(session).network.coverage if c.kind is NetworkKind.PLIE)
    assert plie.members == 110
    session.undo_stack.undo()
    assert rate.data() == fmt.percent(percent_of(PLIE_MEMBERS, PLIE_TOTAL))


def test_members_counted_from_categories_are_shown_and_checked(coverage):
    model = coverage.model
    counted_plie = sum(count for _, _, structure, count, _ in FULL_MEMBERS if structure.counts_as_plie)
    counted_mde = sum(
        count
        for _, _, structure, count, _ in FULL_MEMBERS
        if structure in (Structure.MDE, Structure.PLIE_MDE)
    )
    plie = cell(model, NetworkKind.PLIE, "D'après les catégories")
    assert plie.data() == fmt.number(counted_plie)
    assert plie.data(Qt.ItemDataRole.ForegroundRole) is None
    assert counted_mde != MDE_MEMBERS
    mde = cell(model, NetworkKind.MDE, "D'après les catégories")
    assert fmt.number(counted_mde) in mde.data() and fmt.number(MDE_MEMBERS) in mde.data()
    assert mde.data(Qt.ItemDataRole.ForegroundRole) is not None


def test_fields_that_do_not_apply_cannot_be_edited(coverage, session):
    model = coverage.model
    before = digest(session)
    for kind, header in [(NetworkKind.OI, "Adhérents"), (NetworkKind.PLIE, "PLIE regroupés")]:
        index = cell(model, kind, header)
        assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
        assert not model.setData(index, "3")
    assert fmt.number(OI_TOTAL) == cell(model, NetworkKind.OI, "Nombre en France").data()
    assert digest(session) == before


def test_invalid_coverage_values_are_refused_in_place(coverage, session):
    model = coverage.model
    before = digest(session)
    assert not model.setData(cell(model, NetworkKind.MDE, "Nombre en France"), "-77")
    assert coverage.grid.message.isVisible() and "négatif" in coverage.grid.message.text()
    assert not model.setData(cell(model, NetworkKind.MDE, "Décompte au"), "31/02/2021")
    assert "impossible" in coverage.grid.message.text()
    assert digest(session) == before


def test_typing_in_a_kind_the_edition_lacks_creates_it(coverage, session):
    session.show_year(2020)
    model = coverage.model
    assert reread(session, 2020).network.coverage == ()
    assert model.setData(cell(model, NetworkKind.MDE, "Nombre en France"), str(MDE_TOTAL))
    assert model.setData(cell(model, NetworkKind.PLIE, "Décompte au"), "31/01/2020")
    kinds = [(c.kind, c.total, c.as_of) for c in reread(session, 2020).network.coverage]
    assert kinds == [(NetworkKind.PLIE, None, FuzzyDate(2020, 1, 31)), (NetworkKind.MDE, MDE_TOTAL, None)]
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert reread(session, 2020).network.coverage == ()


def test_coverage_finding_leads_to_its_cell(coverage, session):
    finding = next(
        f for f in check_edition(session.edition, session.previous()) if f.section is SectionKind.COVERAGE
    )
    assert coverage.focus_field(finding.field)
    row, field = finding.field.rsplit(".", 1)
    kind = next(c.kind for i, c in enumerate(session.edition.network.coverage) if row.endswith(f"[{i}]"))
    current = coverage.grid.view.currentIndex()
    assert coverage.model.rows[current.row()] is kind
    assert coverage.model.columns[current.column()].field == field


# --- maps --------------------------------------------------------------------


def test_grid_shows_every_region_in_order_with_its_counts(maps):
    model = maps.counts_model
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())] == [
        r.label for r in Region
    ]
    for region in Region:
        shown = cell(model, region, "PLIE").data()
        assert shown == (fmt.number(PLIE_BY_REGION[region]) if region in PLIE_BY_REGION else "")


def test_grid_edit_creates_updates_and_removes_region_counts(maps, session):
    model = maps.counts_model
    corse = cell(model, Region.COR, "PLIE")
    assert not region_entries(reread(session), NetworkKind.PLIE, Region.COR)

    assert model.setData(corse, "3")
    created = region_entries(reread(session), NetworkKind.PLIE, Region.COR)
    assert [e.count for e in created] == [3]
    summed = cell(maps.national_model, NetworkKind.PLIE, "Somme des régions")
    assert fmt.number(PLIE_TOTAL + 3) in summed.data() and fmt.number(PLIE_TOTAL) in summed.data()
    assert summed.data(Qt.ItemDataRole.ForegroundRole) is not None

    assert model.setData(corse, "")
    assert not region_entries(reread(session), NetworkKind.PLIE, Region.COR)
    assert summed.data() == fmt.number(PLIE_TOTAL)

    brittany = cell(model, Region.BRE, "MDE")
    assert model.setData(brittany, "")
    assert not region_entries(reread(session), NetworkKind.MDE, Region.BRE)
    session.undo_stack.undo()
    assert region_entries(reread(session), NetworkKind.MDE, Region.BRE)
    assert brittany.data() != ""
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert reread(session).network.region_counts == session.edition.network.region_counts
    assert not region_entries(session.edition, NetworkKind.PLIE, Region.COR)


def test_grid_update_is_one_undoable_step(maps, session):
    model = maps.counts_model
    hauts = cell(model, Region.HDF, "PLIE")
    assert model.setData(hauts, "30")
    assert [e.count for e in region_entries(reread(session), NetworkKind.PLIE, Region.HDF)] == [30]
    assert cell(maps.national_model, NetworkKind.PLIE, "Somme des régions").data().startswith("⚠")
    session.undo_stack.undo()
    assert [e.count for e in region_entries(reread(session), NetworkKind.PLIE, Region.HDF)] == [
        PLIE_BY_REGION[Region.HDF]
    ]


@pytest.mark.parametrize(("typed", "reason"), [("-2", "négatif"), ("deux", "n'est pas un nombre entier")])
def test_invalid_region_count_is_refused_in_place(maps, session, typed, reason):
    before = digest(session)
    assert not maps.counts_model.setData(cell(maps.counts_model, Region.OCC, "MDE"), typed)
    assert maps.counts.message.isVisible() and reason in maps.counts.message.text()
    assert "Occitanie" in maps.counts.message.text()
    assert digest(session) == before


def test_map_preview_follows_the_counts_and_the_chosen_kind(maps, qtbot):
    assert fmt.number(PLIE_TOTAL) in maps.preview.canvas.toolTip()
    maps.counts_model.setData(cell(maps.counts_model, Region.MAY, "PLIE"), "4")
    qtbot.waitUntil(lambda: fmt.number(PLIE_TOTAL + 4) in maps.preview.canvas.toolTip())
    assert "Mayotte 4" in maps.preview.canvas.toolTip()
    maps.preview.choice.setCurrentIndex(maps.preview.choice.findData(NetworkKind.MDE))
    assert fmt.number(MDE_TOTAL) in maps.preview.canvas.toolTip()


def test_maps_finding_leads_to_the_national_total(maps, session):
    maps.counts_model.setData(cell(maps.counts_model, Region.COR, "MDE"), "1")
    finding = next(
        f for f in check_edition(session.edition, session.previous()) if f.section is SectionKind.MAPS
    )
    assert maps.focus_field(finding.field)
    current = maps.national.view.currentIndex()
    assert maps.national_model.rows[current.row()] is NetworkKind.MDE
    assert maps.national_model.columns[current.column()].field == "total"


def test_grids_fit_their_contents_after_an_edit_made_out_of_sight(maps, session, qtbot):
    """An edit made while the editor is hidden (another section shown) is
    measured once the grids are shown again, as a new editor would be."""
    maps.hide()
    # The widest count the model accepts (9 999 999).
    maps.counts_model.setData(cell(maps.counts_model, Region.MAY, "PLIE"), "9999999")
    maps.show()
    fresh = MapsEditor(session, section_key(session, SectionKind.MAPS))
    qtbot.addWidget(fresh)
    fresh.show()
    assert cell(fresh.counts_model, Region.MAY, "PLIE").data() == "9\u202f999\u202f999"
    assert maps.counts.view.size() == fresh.counts.view.size()
    assert maps.national.view.size() == fresh.national.view.size()
