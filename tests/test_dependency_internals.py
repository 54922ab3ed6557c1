"""The private parts of reportlab that avereport relies on are still there
and still behave as relied on.

``avereport/report/paragraph.py`` (the paragraph cache and the split of long
paragraphs), ``avereport/report/nbsp.py`` (the unbreakable narrow space) and
``avereport/report/document.py`` (page numbers filled in before saving) use
reportlab internals that no release promises to keep. pyproject.toml bounds
reportlab to the minor versions CI tests (the lowest allowed and the newest);
before raising that bound, run this file against the new release: each
failure names the internal that changed and the module to adapt.
"""

from __future__ import annotations

import inspect
import io
import re

import pytest
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, paragraph
from reportlab.platypus.flowables import Flowable

from avereport.report import paragraph as cached_paragraph
from avereport.report.nbsp import NNBSP, keep_narrow_spaces

# Counters that Paragraph.wrap keeps for statistics: written, never read by
# split() or draw(), so the cache need not restore them.
WRAP_COUNTERS = {"_hyphenations", "_splitLongWordCount"}

TEXTS = {
    "plain": "Les Maisons de l'Emploi et les PLIE du réseau " * 12,
    "markup": "Du <b>gras</b>, de l'<i>italique</i>,<br/>un retour à la ligne " * 8,
}


def changed(internal: str, module: str, detail: str) -> str:
    return (
        f"reportlab changed {internal} ({detail}); avereport/report/{module} relies on it: "
        "adapt that module to this reportlab, then raise the upper bound in pyproject.toml."
    )


@pytest.fixture
def style():
    return getSampleStyleSheet()["BodyText"]


def test_the_module_globals_exist(style):
    for name, kind in (("_FUZZ", float), ("_wsc", str)):
        assert isinstance(getattr(paragraph, name, None), kind), changed(
            f"paragraph.{name}",
            "paragraph.py" if name == "_FUZZ" else "nbsp.py",
            f"no {kind.__name__} any more",
        )
    for name in ("_wsc_re_split", "_wsc_end_search", "split"):
        assert callable(getattr(paragraph, name, None)), changed(
            f"paragraph.{name}", "nbsp.py", "the helper it replaces is gone"
        )


def test_the_narrow_space_no_longer_breaks_lines_once_kept(style):
    keep_narrow_spaces()
    assert NNBSP not in paragraph._wsc
    text = " ".join(f"178{NNBSP}114" for _ in range(30))
    para = paragraph.Paragraph(text, style)
    para.wrap(120, 1000)
    lines = [" ".join(words) for _, words in para.blPara.lines]
    assert all(line.replace(f"178{NNBSP}114", "").strip() == "" for line in lines), changed(
        "the splitting of words at spaces",
        "nbsp.py",
        "a paragraph still breaks lines at U+202F after its module globals were rebuilt",
    )
    assert NNBSP in para.getPlainText()


def test_the_private_constructor_keeps_its_signature():
    parameters = list(inspect.signature(paragraph.Paragraph._setup).parameters)
    assert parameters == ["self", "text", "style", "bulletText", "frags", "cleaner"], changed(
        "Paragraph._setup", "paragraph.py", f"its parameters are now {parameters}"
    )
    parameters = list(inspect.signature(paragraph.Paragraph.__init__).parameters)
    assert parameters == ["self", "text", "style", "bulletText", "frags", "caseSensitive", "encoding"], (
        changed("Paragraph.__init__", "paragraph.py", f"its parameters are now {parameters}")
    )


@pytest.mark.parametrize("kind", list(TEXTS))
def test_wrap_sets_only_what_the_cache_restores(style, kind):
    para = paragraph.Paragraph(TEXTS[kind], style)
    before = dict(vars(para))
    para.wrap(200, 1000)
    set_by_wrap = {name for name, value in vars(para).items() if before.get(name, object()) is not value}
    unknown = set_by_wrap - set(cached_paragraph._LAYOUT) - WRAP_COUNTERS
    assert not unknown, changed(
        "Paragraph.wrap",
        "paragraph.py",
        f"it now also sets {sorted(unknown)}, which the cache (_LAYOUT) does not restore",
    )
    missing = {"width", "height", "blPara", "_wrapWidths", "_width_max"} - set_by_wrap
    assert not missing, changed("Paragraph.wrap", "paragraph.py", f"it no longer sets {sorted(missing)}")


def test_a_paragraph_can_be_rebuilt_from_its_lines(style):
    para = paragraph.Paragraph(TEXTS["markup"], style)
    para.wrap(200, 1000)
    lines = para.blPara.lines
    assert any(
        isinstance(line, paragraph.FragLine) and getattr(line, "lineBreak", False) for line in lines
    ), changed("paragraph.FragLine", "paragraph.py", "a line ended by <br/> is no FragLine saying lineBreak")
    fragments = para._get_split_blParaFunc()(para.blPara, 0, len(lines))
    whole = paragraph.Paragraph(None, style, frags=fragments)
    assert _words(whole.getPlainText()) == _words(para.getPlainText()), changed(
        "Paragraph._get_split_blParaFunc", "paragraph.py", "its lines no longer give back the paragraph"
    )


def test_split_marks_its_first_part(style):
    para = paragraph.Paragraph(TEXTS["plain"], style)
    para.wrap(200, 1000)
    parts = para.split(200, 3 * style.leading)
    assert len(parts) == 2
    first = parts[0]
    assert getattr(first, "_splitpara", 0) == 1 and hasattr(first, "_JustifyLast"), changed(
        "Paragraph.split", "paragraph.py", "the first part no longer carries _splitpara and _JustifyLast"
    )


def test_a_fragment_clones():
    para = paragraph.Paragraph("Du <b>gras</b>", getSampleStyleSheet()["BodyText"])
    copy = para.frags[0].clone()
    assert copy is not para.frags[0] and copy.text == para.frags[0].text, changed(
        "ABag.clone", "paragraph.py", "fragments no longer clone"
    )


def test_build_without_saving_then_save():
    out = io.BytesIO()
    doc = BaseDocTemplate(out)
    doc.addPageTemplates([PageTemplate(frames=[Frame(50, 50, 400, 700)])])
    doc._doSave = 0
    doc.build([paragraph.Paragraph("Page", getSampleStyleSheet()["BodyText"])])
    assert out.getvalue() == b"", changed(
        "BaseDocTemplate._doSave", "document.py", "build() writes the file before the forms are filled in"
    )
    doc.canv.save()
    assert out.getvalue().startswith(b"%PDF-")


def test_draw_on_keeps_its_shift_parameter():
    parameters = list(inspect.signature(Flowable.drawOn).parameters)
    assert parameters == ["self", "canvas", "x", "y", "_sW"], changed(
        "Flowable.drawOn", "document.py", f"its parameters are now {parameters}"
    )


def _words(text: str) -> list[str]:
    return re.split(r"\s+", text.strip())
