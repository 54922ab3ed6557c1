"""The exported PDF of the demo document, read back with pypdf: every figure
and name of the 2021 report, contents and bookmarks that match the headings,
embedded fonts, reproducible bytes, hostile text, empty and large documents."""

from __future__ import annotations

import io
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from avereport.demo import demo_editions
from avereport.model import edit
from avereport.model.compute import is_empty
from avereport.model.edition import BoardMember, Edition, Section
from avereport.model.succession import start_next_edition
from avereport.report import export_pdf
from avereport.report.chart_cache import CACHE_SUFFIX, cache_folder, forget_drawings
from avereport.report.export import EMPTY_CONTENTS

TESTS = Path(__file__).parent
FACTS = [
    line.strip()
    for line in (TESTS / "facts_2021.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
YEAR = 2021


def normalised(text: str) -> str:
    """One plain space for any run of spaces (narrow and no-break ones
    included) and line breaks; a word cut after its hyphen is rejoined."""
    text = text.replace("\u202f", " ").replace("\u00a0", " ")
    text = re.sub(r"-\s*\n\s*", "-", text)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def private_data(tmp_path_factory):
    """Charts cached in a folder of this module, never the user's."""
    folder = tmp_path_factory.mktemp("donnees")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AVEREPORT_DATA_DIR", str(folder))
        yield folder


@pytest.fixture(scope="module")
def editions():
    return demo_editions()


@pytest.fixture(scope="module")
def exported(private_data, editions, tmp_path_factory):
    forget_drawings()  # drawings of earlier tests live in memory only: draw (and cache on disk) here
    path = tmp_path_factory.mktemp("pdf") / "rapport-2021.pdf"
    result = export_pdf(editions, YEAR, path)
    return result, path


@pytest.fixture(scope="module")
def reader(exported):
    return PdfReader(exported[1])


@pytest.fixture(scope="module")
def pages(reader):
    return [page.extract_text() for page in reader.pages]


@pytest.fixture(scope="module")
def text(pages):
    return normalised("\n".join(pages))


def flat_outline(reader: PdfReader, items=None, depth: int = 0) -> list[tuple[int, str, int]]:
    """(depth, title, page number from 1) of every bookmark, in order."""
    out = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            out += flat_outline(reader, item, depth + 1)
        else:
            out.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    return out


def fonts(reader: PdfReader) -> dict[str, object]:
    """Every font used by a page or a form it draws, by base name."""
    found: dict[str, object] = {}

    def visit(resources) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found[str(font.get("/BaseFont"))] = font
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def test_every_fact_of_the_2021_report_is_printed(text):
    missing = [fact for fact in FACTS if normalised(fact) not in text]
    assert not missing


def test_totals_are_computed_from_the_categories_not_copied(text):
    # The report states 204 members; its own categories add up to 201.
    categories = [re.fullmatch(r"(\d+) \(([+-]\d+|=)\)", fact) for fact in FACTS]
    counts = [(int(m[1]), 0 if m[2] == "=" else int(m[2])) for m in categories if m]
    total = sum(count for count, _ in counts)
    before = sum(count - change for count, change in counts)
    assert f"comptait {total} adhérents ({before} en {YEAR - 1})" in text
    assert "204" not in text


def test_french_spacing_uses_narrow_no_break_spaces(pages):
    raw = "\n".join(pages)
    assert "68\u202f%" in raw
    assert "178\u202f114" in raw
    assert "\u202f: " in raw


def test_page_count_and_running_footer(exported, reader, pages):
    result, _ = exported
    assert result.page_count == len(reader.pages)
    for number, page in enumerate(pages[1:], start=2):
        assert f"page {number} sur {len(pages)}" in page


def test_bookmarks_follow_the_outline_and_its_levels(editions, reader, exported):
    edition = next(e for e in editions if e.year == YEAR)
    shown = [s for i, s in enumerate(edition.outline) if not is_empty(edition, i)]
    bookmarks = flat_outline(reader)
    assert [normalised(title) for _, title, _ in bookmarks] == [normalised(s.heading) for s in shown]
    assert [depth for depth, _, _ in bookmarks] == [s.level - 1 for s in shown]
    assert not exported[0].omitted


def test_contents_print_the_pages_the_headings_land_on(reader, pages):
    contents = normalised(pages[1])
    for _, title, page in flat_outline(reader):
        printed = re.search(re.escape(normalised(title)) + r" (\d+)", contents)
        assert printed, title
        assert int(printed[1]) == page
        assert normalised(title) in normalised(pages[page - 1])


def test_contents_longer_than_a_page_stay_exact(editions, private_data):
    edition = next(e for e in editions if e.year == YEAR)
    edition = edit.replace_at(
        edition,
        "outline",
        [
            Section(
                key=f"{s.key}-{copy_number}",
                kind=s.kind,
                heading=f"{s.heading} ({copy_number})",
                level=s.level,
                body=s.body,
                ref=s.ref,
            )
            for copy_number in range(1, 4)
            for s in edition.outline
        ],
    )
    out = io.BytesIO()
    changed = [edition if e.year == YEAR else e for e in editions]
    export_pdf(changed, YEAR, out)
    reader = PdfReader(out)
    texts = [normalised(page.extract_text()) for page in reader.pages]
    bookmarks = flat_outline(reader)
    assert len(bookmarks) == len(edition.outline)
    contents = " ".join(texts[1 : bookmarks[0][2] - 1])
    assert bookmarks[0][2] > 3  # the contents took more than one page
    for _, title, page in bookmarks:
        printed = re.search(re.escape(normalised(title)) + r" (\d+)", contents)
        assert printed and int(printed[1]) == page, title


def test_board_table_repeats_its_header_on_every_page(editions, pages):
    edition = next(e for e in editions if e.year == YEAR)
    surnames = {member.surname.upper() for member in edition.governance.board}
    board_pages = [p for p in pages if len(surnames & set(normalised(p).split())) >= 3]
    assert len(board_pages) >= 2
    for page in board_pages:
        assert "Région Nom Prénom Fonctions" in normalised(page)


def test_every_font_is_embedded(reader):
    used = fonts(reader)
    assert used
    for name, font in used.items():
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        assert descriptor is not None, f"police non incorporée : {name}"
        descriptor = descriptor.get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name
        assert "DejaVu" in name


def test_same_document_gives_the_same_bytes(editions, exported, private_data, tmp_path):
    again = io.BytesIO()
    export_pdf(editions, YEAR, again)
    assert again.getvalue() == exported[1].read_bytes()
    # A new process, with no chart drawn yet and another hash seed.
    fresh = tmp_path / "autre-processus.pdf"
    code = (
        "import sys; from avereport.demo import demo_editions; from avereport.report import export_pdf; "
        f"export_pdf(demo_editions(), {YEAR}, sys.argv[1])"
    )
    environment = {**os.environ, "AVEREPORT_DATA_DIR": str(tmp_path / "vide"), "PYTHONHASHSEED": "7"}
    subprocess.run([sys.executable, "-c", code, str(fresh)], check=True, env=environment)
    assert fresh.read_bytes() == exported[1].read_bytes()


def test_an_export_after_others_gives_the_bytes_of_a_first_one(editions, exported, private_data, tmp_path):
    """A process keeps parsed texts and their line breaking from one export
    to the next: none of it may show in another document, nor in the next
    export of this one."""
    edition = next(e for e in editions if e.year == YEAR)
    edition = edit.replace_at(
        edition,
        "membership.groups[0].categories[0].count",
        edition.membership.groups[0].categories[0].count + 1,
    )
    edition = edit.replace_at(
        edition, "outline[0].body", "Un texte **revu** : « nouveau » ; 50 %.\n\n" + edition.outline[0].body
    )
    edition = edit.replace_at(edition, "governance.board[0].functions", edition.governance.board[1].functions)
    warm = io.BytesIO()
    changed = [edition if e.year == YEAR else e for e in editions]
    export_pdf(changed, YEAR, warm)
    editions_file = tmp_path / "editions.pickle"
    editions_file.write_bytes(pickle.dumps(changed))
    fresh = tmp_path / "premier-export.pdf"
    code = (
        "import pickle, sys; from avereport.report import export_pdf; "
        f"export_pdf(pickle.loads(open(sys.argv[1], 'rb').read()), {YEAR}, sys.argv[2])"
    )
    environment = {**os.environ, "AVEREPORT_DATA_DIR": str(private_data)}
    subprocess.run([sys.executable, "-c", code, str(editions_file), str(fresh)], check=True, env=environment)
    assert warm.getvalue() == fresh.read_bytes()
    again = io.BytesIO()
    export_pdf(editions, YEAR, again)
    assert again.getvalue() == exported[1].read_bytes()


def test_charts_drawn_before_need_no_matplotlib(exported, private_data, tmp_path):
    code = (
        "import sys; from avereport.demo import demo_editions; from avereport.report import export_pdf; "
        f"export_pdf(demo_editions(), {YEAR}, sys.argv[1]); print('matplotlib' in sys.modules)"
    )
    environment = {**os.environ, "AVEREPORT_DATA_DIR": str(private_data)}
    run = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "r.pdf")], env=environment, capture_output=True, text=True
    )
    assert run.stdout.strip() == "False", run.stderr
    assert (tmp_path / "r.pdf").read_bytes() == exported[1].read_bytes()


def test_a_changed_figure_redraws_only_its_chart(editions, private_data):
    forget_drawings()
    export_pdf(editions, YEAR, io.BytesIO())
    before = set(cache_folder().glob(f"*{CACHE_SUFFIX}"))
    edition = next(e for e in editions if e.year == YEAR)
    edition = edit.replace_at(edition, "communication.job_offers", edition.communication.job_offers + 1)
    changed = [edition if e.year == YEAR else e for e in editions]
    forget_drawings()
    export_pdf(changed, YEAR, io.BytesIO())
    after = set(cache_folder().glob(f"*{CACHE_SUFFIX}"))
    assert before < after
    assert len(after - before) == 1


def test_markup_hostile_text_prints_literally(editions, private_data):
    hostile = "R&D <Nord> & <b>x</b>"
    edition = next(e for e in editions if e.year == YEAR)
    edition = edit.replace_at(
        edition,
        "outline[0].body",
        f'{hostile} 😀 "citation" ; fin\n\n- <script>alert(1)</script>\n- [lien](javascript:alert(1))',
    )
    edition = edit.replace_at(edition, "outline[0].heading", "Titre <i>piégé</i> & cie")
    edition = edit.replace_at(
        edition,
        "governance.board[0]",
        BoardMember(id=99, surname=hostile, first_name="Émoji 🎉", functions=("<br/> & co",)),
    )
    out = io.BytesIO()
    changed = [edition if e.year == YEAR else e for e in editions]
    export_pdf(changed, YEAR, out)
    text = normalised("\n".join(page.extract_text() for page in PdfReader(out).pages))
    assert hostile in text
    assert hostile.upper() in text
    assert "« citation » ; fin" in text
    assert "<script>alert(1)</script>" in text
    assert "Titre <i>piégé</i> & cie" in text
    assert "<br/> & co" in text


def test_texts_longer_than_a_page_never_break_the_export(editions, private_data):
    edition = next(e for e in editions if e.year == YEAR)
    edition = edit.replace_at(edition, "outline[0].heading", "Titre démesuré " * 300)
    edition = edit.replace_at(edition, "outline[1].heading", "Sous-titre démesuré " * 300)
    edition = edit.replace_at(edition, "outline[1].body", "x" * 20_000)
    edition = edit.replace_at(edition, "governance.board[0].functions", ["fonction " * 3000])
    edition = edit.replace_at(edition, "governance.events[0].description", "texte " * 4000)
    edition = edit.replace_at(edition, "key_figures[0].items[0].label", "libellé " * 1500)
    edition = edit.replace_at(edition, "governance.staff[0].role", "rôle " * 3000)
    out = io.BytesIO()
    changed = [edition if e.year == YEAR else e for e in editions]
    export_pdf(changed, YEAR, out)
    assert len(PdfReader(out).pages) > 2


def test_an_edition_without_data_leaves_every_section_out(editions, private_data):
    template = next(e for e in editions if e.year == YEAR)
    empty = Edition(
        year=YEAR + 1,
        organisation=template.organisation,
        outline=tuple(
            Section(key=s.key, kind=s.kind, heading=s.heading, level=s.level, ref=s.ref)
            for s in template.outline
        ),
    )
    out = io.BytesIO()
    result = export_pdf([*editions, empty], YEAR + 1, out)
    reader = PdfReader(out)
    assert [s.key for s in result.omitted] == [s.key for s in empty.outline]
    assert result.page_count == len(reader.pages) == 2
    assert normalised(EMPTY_CONTENTS) in normalised(reader.pages[1].extract_text())
    assert not reader.outline


def test_a_new_edition_omits_exactly_its_empty_sections(editions, private_data):
    following = start_next_edition(next(e for e in editions if e.year == YEAR))
    result = export_pdf([*editions, following], following.year, io.BytesIO())
    expected = [s.key for i, s in enumerate(following.outline) if is_empty(following, i)]
    assert [s.key for s in result.omitted] == expected
    assert len(expected) < len(following.outline)


def test_unknown_year_is_refused_in_french(editions):
    from avereport.errors import UserError

    with pytest.raises(UserError, match="édition 1999"):
        export_pdf(editions, 1999, io.BytesIO())


def test_large_document_exports(private_data, tmp_path):
    sys.path.insert(0, str(TESTS.parent / "benchmarks"))
    try:
        from large_document import BOARD_MEMBERS, large_editions
    finally:
        sys.path.remove(str(TESTS.parent / "benchmarks"))
    editions = large_editions()
    newest = editions[-1]
    path = tmp_path / "grand.pdf"
    result = export_pdf(editions, newest.year, path)
    reader = PdfReader(path)
    assert result.page_count == len(reader.pages)
    text = normalised("\n".join(page.extract_text() for page in reader.pages))
    for member in newest.governance.board:
        assert member.surname.upper() in text
    assert len(newest.governance.board) == BOARD_MEMBERS
    assert path.stat().st_size <= 1.5 * 1024 * 1024
