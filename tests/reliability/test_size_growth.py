"""The hostile sizes of issue 11 export, and the PDF holds all of their content.

Each document is written through the store and exported by a whole
``avereport export`` process, as a user would: a narrative of 20,000 hard
line breaks, a 1 MB code block, a board of 50,000 members, a narrative of
20,000 paragraphs. The PDF text (pypdf) of the first and last pages is
checked: the first and the last line, member or paragraph are printed, in
order, on pages whose count matches the content. Times and page counts are
printed (run with -s); no time is asserted (speed is for
benchmarks/bench_growth.py).
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from avereport.model.edition import BoardMember, Edition, Governance, Organisation, Section, SectionKind
from avereport.store import open_document

pytestmark = pytest.mark.reliability

YEAR = 2021
REPOSITORY = Path(__file__).resolve().parents[2]


def narrative(body: str) -> Edition:
    return Edition(
        year=YEAR,
        organisation=Organisation(name="Réseau d'essai"),
        outline=(Section(key="recit", heading="Récit", body=body),),
    )


def hard_breaks() -> Edition:
    return narrative("  \n".join(f"Ligne {i} du récit, *en partie*" for i in range(20_000)))


def code_block() -> Edition:
    line = "ligne_{:07d} = calcul(taux, «valeur»)  # commentaire\n"  # 56 bytes
    return narrative("```\n" + "".join(line.format(i) for i in range(18_000)) + "```\n")


def paragraphs() -> Edition:
    return narrative("\n\n".join(f"Paragraphe {i} : le **réseau** agit." for i in range(20_000)))


def board() -> Edition:
    edition = narrative("Le conseil.")
    board = tuple(
        BoardMember(id=i + 1, surname=f"Nom{i:06d}", first_name="Anne", functions=("Administratrice",))
        for i in range(50_000)
    )
    section = Section(key="ca", kind=SectionKind.BOARD, heading="Conseil d'administration")
    return dataclasses.replace(
        edition, governance=Governance(board=board), outline=(*edition.outline, section)
    )


@dataclass(frozen=True)
class Case:
    build: Callable[[], Edition]
    pattern: str  # the number of each item of content in the PDF text
    items: int
    per_page: int  # items that fit on a full page, at most


CASES = {
    "20 000 retours à la ligne": Case(hard_breaks, r"Ligne (\d+) du récit", 20_000, 50),
    "bloc de code de 1 Mo": Case(code_block, r"ligne_(\d{7}) = calcul", 18_000, 50),
    "50 000 membres du conseil": Case(board, r"NOM(\d{6})", 50_000, 40),
    "20 000 paragraphes": Case(paragraphs, r"Paragraphe (\d+)\b", 20_000, 40),
}


@pytest.mark.parametrize("name", CASES)
def test_hostile_size_exports_with_all_its_content(name, tmp_path):
    case = CASES[name]
    document = tmp_path / "rapport.db"
    with open_document(document, create=True) as opened:
        opened.write_editions([case.build()])
    pdf = tmp_path / "rapport.pdf"
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "avereport", "export", str(document), "-o", str(pdf)],
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        check=False,
    )
    elapsed = time.perf_counter() - start
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr

    pages = PdfReader(pdf).pages
    print(f"\n{name} : {elapsed:.1f} s, {len(pages)} pages, PDF de {pdf.stat().st_size / 1e6:.1f} Mo")
    assert len(pages) >= case.items // case.per_page
    head = [int(n) for page in pages[:12] for n in re.findall(case.pattern, page.extract_text())]
    tail = [int(n) for page in pages[-4:] for n in re.findall(case.pattern, page.extract_text())]
    assert head[:100] == list(range(100))
    assert tail[-100:] == list(range(case.items - 100, case.items))
