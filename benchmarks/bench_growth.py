"""Issue 11: export cost grows with the size of the content, not with its square.

For each kind of long content (hard line breaks in a narrative, one long code
block, many board members, many paragraphs), a document holding it at size N
and at 4N is exported, each by a whole ``avereport export`` process, beside
the export of the same document emptied of it (the floor: start-up, fonts,
cover, contents). The figure is the ratio of the two times above that floor:
linear growth gives 4, the target is at most about 4.5. The 4N sizes are
those of the issue (20,000 line breaks, a 1 MB code block, 50,000 board
members; a text is at most 1 Mio in a document). Times are the CPU time of the export process (user + system),
steadier than wall time on a shared machine; wall time is printed beside.

Run: python benchmarks/bench_growth.py [--scale 0.25]   (about 4 min at scale 1)
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import compile_bytecode, python

from avereport.model.edition import BoardMember, Edition, Governance, Organisation, Section, SectionKind
from avereport.store import open_document

YEAR = 2021
FIRST_NAMES = ("Anne", "Luc", "Inès")
CODE_LINE = "ligne_{:07d} = calcul(taux, «valeur»)  # commentaire\n"  # 56 bytes


def hard_breaks(n: int) -> Edition:
    body = "  \n".join(f"Ligne {i} du récit, *en partie* en italique" for i in range(n))
    return _narrative(body)


def code_block(n: int) -> Edition:
    """``n`` bytes of code, in lines of 56 bytes."""
    lines = n // len(CODE_LINE.format(0).encode())
    return _narrative("```\n" + "".join(CODE_LINE.format(i) for i in range(lines)) + "```\n")


def paragraphs(n: int) -> Edition:
    return _narrative("\n\n".join(f"Paragraphe {i} : le **réseau** agit." for i in range(n)))


def board(n: int) -> Edition:
    """``n`` members, every row of the same size (one line each)."""
    edition = _narrative("")
    board = tuple(
        BoardMember(
            id=i + 1, surname=f"Nom{i:06d}", first_name=FIRST_NAMES[i % 3], functions=("Administratrice",)
        )
        for i in range(n)
    )
    section = Section(key="ca", kind=SectionKind.BOARD, heading="Conseil d'administration")
    return dataclasses.replace(
        edition, governance=Governance(board=board), outline=(*edition.outline, section)
    )


def _narrative(body: str) -> Edition:
    return Edition(
        year=YEAR,
        organisation=Organisation(name="Réseau d'essai"),
        outline=(Section(key="recit", heading="Récit", body=body or "Texte court."),),
    )


# kind -> (builder, N, unit)
KINDS: dict[str, tuple[Callable[[int], Edition], int, str]] = {
    "retours à la ligne": (hard_breaks, 5_000, "lignes"),
    "bloc de code": (code_block, 250_000, "octets"),
    "membres du conseil": (board, 12_500, "membres"),
    "paragraphes": (paragraphs, 5_000, "paragraphes"),
}


def write(path: Path, edition: Edition) -> Path:
    with open_document(path, create=True) as document:
        document.write_editions([edition])
    return path


def export_times(document: Path, runs: int) -> tuple[float, float]:
    """Median CPU and wall seconds of ``runs`` export processes of ``document``."""
    cpu, wall = [], []
    for _ in range(runs):
        before = os.times()
        start = time.perf_counter()
        done = subprocess.run(
            python("-m", "avereport", "export", str(document), "-o", str(document.with_suffix(".pdf"))),
            capture_output=True,
            text=True,
            check=False,
        )
        wall.append(time.perf_counter() - start)
        after = os.times()
        if done.returncode != 0:
            raise SystemExit(f"export failed: {done.stderr}")
        cpu.append(
            after.children_user - before.children_user + after.children_system - before.children_system
        )
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size N by this")
    parser.add_argument("--runs", type=int, default=1, help="exports timed per size (median)")
    options = parser.parse_args()
    compile_bytecode()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ["AVEREPORT_DATA_DIR"] = str(folder / "donnees")
        floor_document = write(folder / "vide.db", board(0))
        export_times(floor_document, 1)  # warm-up: bytecode, font cache
        floor_cpu, floor_wall = export_times(floor_document, 5)
        print(f"plancher (document sans contenu) : {floor_cpu:6.2f} s CPU ({floor_wall:.2f} s)")
        print(f"{'contenu':<20} {'N':>9} {'t(N)':>8} {'4N':>9} {'t(4N)':>8}  rapport au-dessus du plancher")
        for kind, (build, size, unit) in KINDS.items():
            n = max(int(size * options.scale), 1)
            small = export_times(write(folder / f"{build.__name__}-n.db", build(n)), options.runs)
            large = export_times(write(folder / f"{build.__name__}-4n.db", build(4 * n)), options.runs)
            ratio = (large[0] - floor_cpu) / (small[0] - floor_cpu)
            print(
                f"{kind:<20} {_count(n):>9} {small[0]:7.2f}s {_count(4 * n):>9} {large[0]:7.2f}s  {ratio:4.2f} × "
                f"(cible ≤ 4,5 ; {unit} ; murs {small[1]:.1f} s et {large[1]:.1f} s)"
            )


def _count(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


if __name__ == "__main__":
    main()
