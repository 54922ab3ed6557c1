"""The « Historique » panel over a real document edited through the session."""

from __future__ import annotations

import datetime as dt

import pytest

from avereport.demo import write_demo
from avereport.model import fmt
from avereport.model.edition import SectionKind
from avereport.model.labels import SECTION_KIND_LABELS
from avereport.store import open_document
from avereport.store.history import GENERAL, Origin
from avereport.ui.history_panel import GENERAL_LABEL, HEADERS, LIMIT, MAX_COLUMN_WIDTH, HistoryPanel
from avereport.ui.session import DocumentSession


@pytest.fixture
def session(tmp_path, qtbot):
    path = tmp_path / "rapport.db"
    write_demo(path)
    session = DocumentSession(open_document(path), author="Claire Martin")
    yield session
    session.document.close()


@pytest.fixture
def panel(session, qtbot):
    panel = HistoryPanel(session)
    qtbot.addWidget(panel)
    return panel


def rows(panel: HistoryPanel) -> list[dict[str, str]]:
    model = panel.model
    return [
        {HEADERS[c]: model.data(model.index(r, c)) for c in range(model.columnCount())}
        for r in range(model.rowCount())
    ]


def test_an_edit_appears_after_the_debounce(session, panel, qtbot):
    before = session.edition.membership.declared_total
    assert rows(panel) == []
    session.set_value("membership.declared_total", before + 3, "Nombre d'adhérents")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=3000)
    (row,) = rows(panel)
    assert row["Personne"] == "Claire Martin"
    assert row["Édition"] == str(session.year)
    assert row["Partie"] == SECTION_KIND_LABELS[SectionKind.MEMBERSHIP]
    assert row["Ancienne valeur"] == fmt.number(before)
    assert row["Nouvelle valeur"] == fmt.number(before + 3)
    assert row["Origine"] == Origin.EDIT
    assert str(dt.date.today().year) in row["Date"]
    assert panel.count_label.text() == "1 modification"


def test_undo_is_recorded_newest_first(session, panel, qtbot):
    before = session.edition.membership.declared_total
    session.set_value("membership.declared_total", before + 3, "Nombre d'adhérents")
    session.undo_stack.undo()
    panel.refresh()
    assert [row["Origine"] for row in rows(panel)] == [Origin.UNDO, Origin.EDIT]
    assert rows(panel)[0]["Nouvelle valeur"] == fmt.number(before)


def test_filters_by_person_and_section(session, panel, qtbot):
    session.set_value(
        "membership.declared_total", session.edition.membership.declared_total + 1, "Nombre d'adhérents"
    )
    session.author = "Marc Durand"
    session.set_value("organisation.phone", "01 02 03 04 05", "Téléphone")
    panel.refresh()
    assert [panel.person_box.itemText(i) for i in range(panel.person_box.count())] == [
        "Tout le monde",
        "Claire Martin",
        "Marc Durand",
    ]
    assert len(rows(panel)) == 2

    panel.choose_person("Marc Durand")
    assert [(row["Personne"], row["Partie"]) for row in rows(panel)] == [("Marc Durand", GENERAL_LABEL)]
    panel.choose_person(None)
    panel.choose_section(str(SectionKind.MEMBERSHIP))
    assert [row["Personne"] for row in rows(panel)] == ["Claire Martin"]
    panel.choose_section(GENERAL)
    assert [row["Nouvelle valeur"] for row in rows(panel)] == ["01 02 03 04 05"]
    panel.choose_person("Claire Martin")
    assert rows(panel) == []
    assert panel.count_label.text() == "0 modification"


def test_a_person_filter_survives_a_refresh(session, panel):
    session.set_value("organisation.phone", "01 02 03 04 05", "Téléphone")
    panel.refresh()
    panel.choose_person("Claire Martin")
    panel.refresh()
    assert panel.person_box.currentData() == "Claire Martin"


def test_shows_the_latest_entries_only(session, panel):
    phone = session.edition.organisation.phone
    for n in range(LIMIT + 5):
        session.set_value("organisation.phone", f"{phone} {n}", "Téléphone")
    panel.refresh()
    assert panel.model.rowCount() == LIMIT
    assert rows(panel)[0]["Nouvelle valeur"] == f"{phone} {LIMIT + 4}"
    assert panel.count_label.text() == f"Les {LIMIT} dernières modifications"


def test_history_model_passes_the_model_tester(session, panel, qtmodeltester):
    session.set_value(
        "membership.declared_total", session.edition.membership.declared_total + 1, "Nombre d'adhérents"
    )
    session.set_value("organisation.phone", "01 02 03 04 05", "Téléphone")
    panel.refresh()
    qtmodeltester.check(panel.model)


def test_the_panel_is_readable(session, panel, qtbot):
    """At a usual size, every header and every short value shows whole on one
    visible line; only values wider than the column cap are cut."""
    session.set_value(
        "membership.declared_total", session.edition.membership.declared_total + 1, "Nombre d'adhérents"
    )
    panel.refresh()
    panel.resize(1200, 300)
    panel.show()
    qtbot.waitExposed(panel)
    table = panel.table
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    for column, title in enumerate(HEADERS):
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title), title
        index = panel.model.index(0, column)
        text = panel.model.data(index)
        if metrics.horizontalAdvance(text) < MAX_COLUMN_WIDTH - 20:
            assert table.visualRect(index).width() >= metrics.horizontalAdvance(text), (title, text)
    row = table.visualRect(panel.model.index(0, 0))
    assert row.top() >= 0 and row.bottom() <= table.viewport().height()
    assert row.height() >= metrics.height()
