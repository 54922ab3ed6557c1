"""What the document commands of the CLI do; the CLI only parses arguments."""

from __future__ import annotations

import os
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from avereport.errors import UserError

if TYPE_CHECKING:
    import datetime as dt

    from avereport.report.chart_worker import ChartWorker

EXIT_OK = 0
EXIT_FINDINGS = 1


def write_demo_command(path: Path) -> int:
    from avereport.demo import write_demo

    write_demo(path)
    print(f"Document de démonstration écrit : « {path} ».")
    return EXIT_OK


def check_command(path: Path, year: int | None) -> int:
    from avereport.model.checks import Severity, check_edition
    from avereport.model.labels import SECTION_KIND_LABELS
    from avereport.store import open_document

    with open_document(path, read_only=True) as document:
        year = choose_year(document.years(), year, path)
        edition = document.read_edition(year)
        previous = document.read_edition(year - 1) if year - 1 in document.years() else None
    findings = check_edition(edition, previous)
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    print(
        f"« {path.name} », édition {year} : {_count(errors, 'erreur')}, {_count(warnings, 'avertissement')}."
    )
    for finding in findings:
        label = "ERREUR" if finding.severity is Severity.ERROR else "AVERTISSEMENT"
        print(f"  {label} · {SECTION_KIND_LABELS[finding.section]} · {finding.message}")
    return EXIT_FINDINGS if findings else EXIT_OK


def info_command(path: Path) -> int:
    from avereport.info import document_info, info_lines

    for line in info_lines(document_info(path)):
        print(line)
    return EXIT_OK


def dump_command(path: Path, year: int | None, all_editions: bool, output: Path | None) -> int:
    from avereport.interchange import dump_editions
    from avereport.outputs import write_file
    from avereport.store import open_document

    with open_document(path, read_only=True) as document:
        years = document.years()
        chosen = years if all_editions else [choose_year(years, year, path)]
        if not chosen:
            raise UserError(f"Le document « {path.name} » ne contient aucune édition.")
        text = dump_editions([document.read_edition(y) for y in chosen])
    if output is None:
        sys.stdout.write(text)
    else:
        write_file(output, text, protected=[path])
        print(f"{_count(len(chosen), 'édition', 'exportée')} dans « {output} ».", file=sys.stderr)
    return EXIT_OK


def load_command(json_path: Path, target: Path, replace: bool) -> int:
    from avereport.interchange import load_file
    from avereport.store.document import create_document
    from avereport.store.lock import lock_for_editing, open_locked

    editions = load_file(json_path)
    # No display name outside the app: the lock names the OS user and computer.
    if os.path.lexists(target):
        # Under the lock, the write is refused if someone takes the document over.
        with open_locked(target, "") as opened:
            opened.document.write_editions(editions, replace=replace)
    else:
        # Appears under its name only once it holds every edition: a refusal
        # or a crash leaves nothing behind.
        with lock_for_editing(target, ""):
            create_document(target, editions)
    years = ", ".join(str(e.year) for e in editions)
    print(f"{_count(len(editions), 'édition', 'chargée')} dans « {target.name} » : {years}.")
    return EXIT_OK


def export_command(path: Path | None, year: int | None, output: Path | None) -> int:
    """Export the document ``path``, or the demo when it is None (``--demo``)."""
    from avereport.report.chart_worker import ChartWorker, worth_starting

    # Started first, so that it loads matplotlib while this process loads the rest.
    with ChartWorker() if worth_starting() else nullcontext() as worker:
        return _export(path, year, output, worker)


def _export(path: Path | None, year: int | None, output: Path | None, worker: ChartWorker | None) -> int:
    from avereport.report import export_pdf

    if path is None:
        from avereport.demo import DEMO_CHANGED, demo_editions

        editions = demo_editions()
        year = choose_year([e.year for e in editions], year, Path("démonstration"))
        changed: dt.datetime | None = DEMO_CHANGED
        folder = Path.cwd()
    else:
        from avereport.store import open_document

        with open_document(path, read_only=True) as document:
            year = choose_year(document.years(), year, path)
            editions = [document.read_edition(y) for y in document.years()]
            changed = document.last_change(year)
        folder = path.parent
    target = output or folder / report_file_name(year)
    result = export_pdf(
        editions, year, target, chart_worker=worker, protected=[] if path is None else [path], changed=changed
    )
    print(f"Rapport {year} écrit : « {target} » ({_count(result.page_count, 'page')}).")
    for section in result.omitted:
        print(f"  Section vide, omise : « {section.heading} ».")
    _remind(editions, year)
    return EXIT_OK


def _remind(editions: list, year: int) -> None:
    """The export reminder on stderr: open errors and sections not yet relu
    (the PDF is written all the same)."""
    from avereport.model.checks.reminder import export_reminder

    by_year = {edition.year: edition for edition in editions}
    reminder = export_reminder(by_year[year], by_year.get(year - 1))
    if reminder:
        print(
            f"Rappel : {reminder.summary()} dans l'édition {year} (détail : avereport check).",
            file=sys.stderr,
        )


def new_edition_command(path: Path, from_year: int | None, year: int | None) -> int:
    """Next year's edition from ``from_year`` (by default the newest): texts and
    the organisation's lists carried to review, figures and events empty.
    Everyone stays on the board (the app's dialog asks who leaves)."""
    from avereport.model.diff import edition_added
    from avereport.model.succession import start_next_edition, summary
    from avereport.store import open_document
    from avereport.store.history import Origin
    from avereport.store.lock import lock_for_editing

    with lock_for_editing(path, ""), open_document(path) as document:
        years = document.years()
        source_year = choose_year(years, from_year, path)
        target = source_year + 1 if year is None else year
        if target in years:
            raise UserError(f"Le document « {path.name} » contient déjà l'édition {target}.")
        if target <= source_year:
            raise UserError(
                f"L'édition {target} ne peut pas suivre l'édition {source_year} : "
                "choisissez une année postérieure."
            )
        source = document.read_edition(source_year)
        successor = start_next_edition(source, target)
        document.write_edition(successor, changes=[edition_added(target)], origin=Origin.NEW_EDITION)
    print(f"Édition {target} créée dans « {path.name} » à partir de l'édition {source_year}.")
    for line in summary(source, successor).lines():
        print(line)
    return EXIT_OK


def report_file_name(year: int) -> str:
    return f"Rapport d'activité {year}.pdf"


def choose_year(years: list[int], year: int | None, path: Path) -> int:
    """The requested edition, or the newest; a French error if there is none."""
    if not years:
        raise UserError(f"Le document « {path.name} » ne contient aucune édition.")
    if year is None:
        return years[-1]
    if year not in years:
        available = ", ".join(str(y) for y in years)
        raise UserError(
            f"Le document « {path.name} » n'a pas d'édition {year} (éditions présentes : {available})."
        )
    return year


def _count(n: int, *words: str) -> str:
    """ "2 éditions chargées": French plural agreement of a count and its words."""
    plural = "s" if n > 1 else ""
    return " ".join([str(n), *(word + plural for word in words)])
