"""Long and deeply nested content exports and prints all of itself, in order:
a narrative of many pages of hard line breaks or code, a board table of many
pages (laid out a window of rows at a time), emphasis nested thousands of
levels deep (rendered without recursion). The PDF text is read back with
pypdf."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.units import cm
from reportlab.platypus import NextPageTemplate, PageBreak, Spacer

from avereport.model import edit
from avereport.model.edition import BoardMember, Edition, Organisation, Section, SectionKind
from avereport.report import export_pdf
from avereport.report.document import BODY, Contents, ReportDocument, RunningText
from avereport.report.paragraph import LONG_LINES
from avereport.report.styles import Palette, Styles
from avereport.report.tables import WINDOWED_ROWS, RowWindows, data_table

YEAR = 2021
LINES = 1_500
MEMBERS = 400


def edition(body: str = "", board: list[BoardMember] | None = None) -> Edition:
    result = Edition(year=YEAR)
    result = edit.replace_at(result, "organisation.name", "Réseau d'essai")
    result = edit.replace_at(result, "outline", [Section(key="recit", heading="Récit", body=body)])
    if board is not None:
        result = edit.replace_at(result, "governance.board", board)
        result = edit.replace_at(
            result, "outline", (*result.outline, Section(key="ca", kind=SectionKind.BOARD, heading="Conseil"))
        )
    return result


def pages_of(value: Edition) -> list[str]:
    out = io.BytesIO()
    export_pdf([value], YEAR, out)
    return [page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages]


def numbers(pattern: str, text: str) -> list[int]:
    return [int(number) for number in re.findall(pattern, text)]


def test_hard_line_breaks_over_many_pages_print_every_line_once_in_order():
    assert LINES > 20 * LONG_LINES
    body = "  \n".join(f"Ligne {i} du récit, *en partie* en italique" for i in range(LINES))
    pages = pages_of(edition(body))
    assert len(pages) > 20
    assert numbers(r"Ligne (\d+) du récit", "\n".join(pages)) == list(range(LINES))


def test_a_long_code_block_prints_every_line_once_in_order():
    body = "```\n" + "\n".join(f"code_{i:05d} = <valeur & {i}>" for i in range(LINES)) + "\n```\n"
    pages = pages_of(edition(body))
    text = "\n".join(pages)
    assert numbers(r"code_(\d{5}) = <valeur & \d+>", text) == list(range(LINES))


def test_a_list_item_of_many_pages_prints_every_line_once_in_order():
    body = "- premier\n- " + "  \n  ".join(f"Ligne {i} de l'élément" for i in range(LINES)) + "\n- dernier\n"
    text = "\n".join(pages_of(edition(body)))
    assert numbers(r"Ligne (\d+) de l'élément", text) == list(range(LINES))
    assert text.index("premier") < text.index("Ligne 0 ") < text.index("dernier")


def test_a_single_paragraph_of_many_pages_prints_every_word_in_order():
    body = " ".join(f"mot{i} :" for i in range(12_000))
    text = "\n".join(pages_of(edition(body)))
    assert numbers(r"mot(\d+)", text) == list(range(12_000))


def test_a_board_of_many_pages_lists_every_member_once_with_the_header_on_each_page():
    assert MEMBERS > 2 * WINDOWED_ROWS
    board = [
        BoardMember(id=i + 1, surname=f"Nom{i:04d}", first_name=f"Prénom {i}", functions=(f"Fonction {i}",))
        for i in range(MEMBERS)
    ]
    # One member whose functions fill more than a page: its row splits inside its cells.
    board[150] = dataclasses.replace(board[150], functions=tuple(f"Mission {j}" for j in range(90)))
    pages = pages_of(edition(board=board))
    board_pages = pages[next(index for index, page in enumerate(pages) if "NOM0000" in page) :]
    assert len(board_pages) > 10
    assert all("Région" in page and "Fonctions" in page for page in board_pages)
    text = "\n".join(board_pages)
    assert numbers(r"NOM(\d{4})", text) == list(range(MEMBERS))
    assert numbers(r"Mission (\d+)", text) == list(range(90))
    assert "Fonction 399" in board_pages[-1]


def table_pages(*, windowed: bool) -> list[str]:
    """The pages of a 400-row table, one row of which fills more than a page;
    a table placed in a cell is never windowed: it is reportlab's own."""
    palette = Palette.of(Organisation())
    styles = Styles(palette)
    rows = [[f"Ligne {i}", f"Texte {i}"] for i in range(MEMBERS)]
    rows[150][1] = "<br/>".join(f"Mission {j}" for j in range(90))
    table = data_table(["Nom", "Texte"], rows, [5 * cm, 11 * cm], styles, palette, in_cell=not windowed)
    assert isinstance(table, RowWindows) == windowed
    out = io.BytesIO()
    running = RunningText(organisation="Réseau", title="Rapport")
    pdf = ReportDocument(out, palette=palette, running=running, draw_cover=lambda c, d: None, metadata={})
    pdf.build_report([NextPageTemplate(BODY), Spacer(1, 1), PageBreak(), table], Contents([], styles, ""))
    return [page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages]


def test_a_table_laid_out_in_windows_pages_as_reportlabs_own_table():
    windowed = table_pages(windowed=True)
    assert len(windowed) > 10
    assert windowed == table_pages(windowed=False)


@pytest.mark.parametrize("depth", [300, 3_000])
def test_emphasis_nested_thousands_deep_prints_its_text(depth):
    marks = ["*", "_", "**", "__"] * (depth // 4)
    body = (
        " ".join(f"{mark}a{index}" for index, mark in enumerate(marks))
        + " profond "
        + " ".join(f"b{index}{mark}" for index, mark in reversed(list(enumerate(marks))))
    )
    text = "\n".join(pages_of(edition(body)))
    assert "profond" in text
    assert numbers(r"a(\d+)", text) == list(range(len(marks)))
    assert numbers(r"b(\d+)", text) == list(reversed(range(len(marks))))


def test_quotes_and_lists_nested_past_the_parser_limit_print_their_text():
    quotes = "> " * 300 + "citation profonde"
    items = "\n".join("  " * level + f"- niveau {level}" for level in range(60))
    text = "\n".join(pages_of(edition(quotes + "\n\n" + items)))
    assert "citation profonde" in text
    assert numbers(r"niveau (\d+)", text) == list(range(60))
