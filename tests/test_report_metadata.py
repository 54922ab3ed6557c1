"""The exported PDF's document properties: title, author, subject, language,
and dates taken from the document's last change (never the export's time),
so that the same document still gives the same bytes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pypdf

from avereport.cli import main
from avereport.demo import DEMO_CHANGED, demo_editions
from avereport.model.diff import diff_editions
from avereport.report import export_pdf
from avereport.store import open_document

YEAR = 2021
CHANGED = dt.datetime(2022, 5, 30, 14, 3, 7, tzinfo=dt.UTC)


def exported(changed: dt.datetime | None) -> pypdf.PdfReader:
    out = io.BytesIO()
    export_pdf(demo_editions(), YEAR, out, changed=changed)
    return pypdf.PdfReader(io.BytesIO(out.getvalue()))


def test_properties_name_the_report_its_organisation_and_language():
    reader = exported(CHANGED)
    meta = reader.metadata
    assert meta.title == "Rapport d'activité 2021"
    assert meta.author == "Alliance Villes Emploi"
    assert meta.subject == "L'activité de l'année 2021 — Alliance Villes Emploi"
    assert meta.creator == "avereport"
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"


def test_dates_are_the_last_change_given():
    meta = exported(CHANGED).metadata
    assert meta.creation_date == CHANGED
    assert meta.modification_date == CHANGED


def test_a_local_time_is_written_in_utc():
    paris = dt.timezone(dt.timedelta(hours=2))
    meta = exported(CHANGED.astimezone(paris)).metadata
    assert meta.creation_date == CHANGED
    assert meta["/CreationDate"] == "D:20220530140307+00'00'"


def test_without_a_known_change_the_pdf_carries_no_date():
    meta = exported(None).metadata
    assert "/CreationDate" not in meta and "/ModDate" not in meta
    assert meta.title == "Rapport d'activité 2021"


def test_export_of_the_demo_is_dated_by_the_demo(tmp_path, capsys):
    target = tmp_path / "demo.pdf"
    assert main(["export", "--demo", "-o", str(target)]) == 0
    assert pypdf.PdfReader(target).metadata.creation_date == DEMO_CHANGED


def test_export_of_a_new_edition_is_dated_by_its_creation_and_reproducible(demo_db, tmp_path, capsys):
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    assert main(["new-edition", str(demo_db)]) == 0
    with open_document(demo_db, read_only=True) as document:
        (entry,) = document.history(year=2022)
    first, second = tmp_path / "premier.pdf", tmp_path / "second.pdf"
    assert main(["export", str(demo_db), "-o", str(first)]) == 0
    assert main(["export", str(demo_db), "-o", str(second)]) == 0
    created = pypdf.PdfReader(first).metadata.creation_date
    # The history keeps milliseconds; a PDF date, whole seconds.
    assert created == dt.datetime.fromisoformat(entry.at).replace(microsecond=0)
    assert before <= created <= dt.datetime.now(dt.UTC)
    assert first.read_bytes() == second.read_bytes()


def test_a_document_never_changed_since_written_exports_undated(demo_db, tmp_path, capsys):
    target = tmp_path / "rapport.pdf"
    assert main(["export", str(demo_db), "--year", str(YEAR), "-o", str(target)]) == 0
    assert "/CreationDate" not in pypdf.PdfReader(target).metadata


def test_last_change_counts_earlier_editions_not_later_ones(demo_db, capsys):
    """The 2021 report shows 2020's figures: a change to 2020 dates it, a
    new 2022 edition does not."""
    with open_document(demo_db) as document:
        assert document.last_change(YEAR) is None
        older = document.read_edition(2020)
        renamed = dataclasses.replace(
            older, organisation=dataclasses.replace(older.organisation, name="Alliance Villes Emploi (AVE)")
        )
        document.change_edition(older, renamed, changes=diff_editions(older, renamed))
        changed = document.last_change(YEAR)
    assert changed is not None and changed.tzinfo is not None
    assert main(["new-edition", str(demo_db)]) == 0
    with open_document(demo_db, read_only=True) as document:
        assert document.last_change(YEAR) == changed
        assert document.last_change(2020) == changed
        assert document.last_change(2019) is None
        newest = document.last_change(2022)
    assert newest is not None and newest >= changed
