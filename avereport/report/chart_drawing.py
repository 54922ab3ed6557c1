"""A matplotlib figure drawn straight into a reportlab ``Drawing``.

``figure_sketch`` plays the figure through a matplotlib renderer whose
output is a sketch of reportlab shapes: paths stay vectors (with their
fills, strokes, dashes, caps, joins, opacity and clipping) and text stays
text, set in the report's embedded DejaVu faces at the positions matplotlib
computed. A sketch is plain data (``Sketch``), which ``chart_shapes`` makes
into the reportlab drawing, so that the chart worker, which draws and sends
sketches, never loads reportlab's graphics and platypus; ``figure_drawing``
does both steps. The
renderer measures strings with the very widths reportlab sets them at, so
centred and right-aligned labels land exactly where matplotlib aligned them.
It reads those widths with FreeType, as reportlab computes them from the font
file, instead of registering the fonts with reportlab: parsing them in Python
would delay the chart worker (``chart_worker``) by tens of milliseconds.

The figure keeps the layout its chart builder gave it (``charts.style.lay_out``
places every chart once, measuring text as printed): drawing it here neither
lays it out again nor changes it. Mathematical text, which the charts never
have (their labels are literal), would be drawn as glyph outlines.

What this renderer does not draw raises ``UnsupportedFigure``: images (and
Gouraud-shaded meshes) and hatched fills. None of the report's charts has
them; a figure that does is embedded as a raster image instead (see
``avereport.report.chart_cache``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Literal, cast

from matplotlib import font_manager
from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import LoadFlags
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from matplotlib.transforms import Affine2DBase, Bbox, Transform

from avereport.report.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, font_file

if TYPE_CHECKING:
    from matplotlib.typing import ColorType
    from numpy.typing import ArrayLike
    from reportlab.graphics.shapes import Drawing

POINTS_PER_INCH = 72
# reportlab path operators
MOVE_TO, LINE_TO, CURVE_TO, CLOSE_PATH = range(4)
CAP_STYLES = {"butt": 0, "round": 1, "projecting": 2}
JOIN_STYLES = {"miter": 0, "round": 1, "bevel": 2}

# A sketch: (width, height, nodes), in points with y upwards, nodes being
#   ("path", points, operators, fill, stroke): fill an RGBA tuple or None,
#       stroke None or (RGBA, width, cap, join, dashes: None or (offset, [lengths]));
#   ("clip", points, operators): a clipping path of the group it opens;
#   ("text", x, y, text, face, size, RGBA);
#   ("group", transform or None, nodes).
Node = tuple
Sketch = tuple[float, float, list[Node]]
# Heavier than this (CSS weights) is set in the bold face, as matplotlib's
# font matching picks DejaVu Sans Bold (700) over Book (400) from 551 up.
BOLD_ABOVE = 550


class UnsupportedFigure(Exception):
    """The figure holds something this renderer cannot draw as vectors."""


def figure_sketch(figure: Figure) -> Sketch:
    """The figure as a sketch of its size in points, drawn as laid out."""
    width, height = (float(inches) * POINTS_PER_INCH for inches in figure.get_size_inches())
    renderer = SketchRenderer(width, height)
    with _as_laid_out(figure):
        figure.draw(renderer)
    return width, height, renderer.nodes


def figure_drawing(figure: Figure) -> Drawing:
    """The figure as a reportlab drawing of its size in points, drawn as laid out."""
    from avereport.report.chart_shapes import drawing_of

    return drawing_of(figure_sketch(figure))


@contextmanager
def _as_laid_out(figure: Figure) -> Iterator[None]:
    """Draw at one unit per point, without running the layout engine again;
    the figure's own dpi and layout engine are given back afterwards."""
    engine, dpi = figure.get_layout_engine(), figure.dpi
    if engine is not None:
        figure.set_layout_engine("none")  # a placeholder: the axes keep their places
    figure.dpi = POINTS_PER_INCH
    try:
        yield
    finally:
        figure.dpi = dpi
        if engine is not None:
            figure.set_layout_engine(engine)


def _face(prop: FontProperties) -> str:
    weight = prop.get_weight()
    weight = weight if isinstance(weight, int) else font_manager.weight_dict[weight]
    bold, italic = weight > BOLD_ABOVE, prop.get_style() in ("italic", "oblique")
    return {
        (False, False): REGULAR,
        (True, False): BOLD,
        (False, True): ITALIC,
        (True, True): BOLD_ITALIC,
    }[(bold, italic)]


@cache
def _ink(face: str, size: float, character: str) -> tuple[int, int]:
    """Bottom and top of a glyph's outline at ``size`` points, in 1/64 pt,
    unhinted: FreeType's view of the very file reportlab embeds for ``face``.
    The extent of a string is the union of its glyphs' (as FreeType's own
    ``set_text`` measures it), so each glyph is measured once per size."""
    font = font_manager.get_font(font_file(face))
    font.set_size(size, POINTS_PER_INCH)
    _, bottom, _, top = font.load_char(ord(character), flags=LoadFlags.NO_HINTING).bbox
    return bottom, top


def string_width(text: str, face: str, size: float) -> float:
    """What reportlab's ``stringWidth(text, face, size)`` gives, computed alike."""
    return 0.001 * size * sum(advance(face, ord(character)) for character in text)


@cache
def advance(face: str, code: int) -> float:
    """The advance width reportlab gives character ``code`` in ``face``, in
    1/1000 em: the glyph's advance in font units scaled as reportlab's
    ``TTFontFile`` scales it (the missing glyph's for a missing character;
    the no-break space takes the space's, as reportlab gives it)."""
    font = font_manager.get_font(font_file(face))
    glyph = font.load_glyph(font.get_char_index(0x20 if code == 0xA0 else code), flags=LoadFlags.NO_SCALE)
    units = font.units_per_EM
    return glyph.horiAdvance if units == 1000 else glyph.horiAdvance * (1000 / units)


class SketchRenderer(RendererBase):
    """Collects what matplotlib draws, in points with y upwards, as the nodes
    of a sketch; consecutive nodes clipped alike share one clipped group, so
    the sketch keeps matplotlib's painting order."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.nodes: list[Node] = []
        self._clip_key: tuple = (None, None)
        self._clip_group: Node | None = None  # the clipped group nodes are added to

    # --- what matplotlib asks of a renderer ---------------------------------

    def flipy(self) -> bool:
        return False

    def get_canvas_width_height(self) -> tuple[float, float]:
        return self.width, self.height

    def points_to_pixels(self, points: ArrayLike) -> ArrayLike:
        return points

    def option_scale_image(self) -> bool:
        return True  # no image is resampled for us: draw_image refuses them all

    def get_text_width_height_descent(
        self, s: str, prop: FontProperties, ismath: bool | Literal["TeX"]
    ) -> tuple[float, float, float]:
        """The advance width reportlab sets ``s`` with; the height and descent
        of its ink."""
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        if not s:
            return 0.0, 0.0, 0.0
        face, size = _face(prop), float(prop.get_size_in_points())
        extents = [_ink(face, size, character) for character in set(s)]
        bottom, top = min(low for low, _ in extents), max(high for _, high in extents)
        return string_width(s, face, size), (top - bottom) / 64, -bottom / 64

    def draw_path(
        self,
        gc: GraphicsContextBase,
        path: MplPath,
        transform: Transform,
        rgbFace: ColorType | None = None,
    ) -> None:
        # Like matplotlib's vector backends: unfilled paths are cut to the
        # canvas and simplified, filled ones are kept whole.
        open_line = rgbFace is None
        outline = _outline(
            path,
            transform,
            clip=(0.0, 0.0, self.width, self.height) if open_line else None,
            simplify=path.should_simplify and open_line,
            sketch=gc.get_sketch_params(),
        )
        if outline is not None:
            self._add(_painted(outline, gc, _rgba(rgbFace)), gc)

    def draw_markers(
        self,
        gc: GraphicsContextBase,
        marker_path: MplPath,
        marker_trans: Transform,
        path: MplPath,
        trans: Transform,
        rgbFace: ColorType | None = None,
    ) -> None:
        marker = _outline(marker_path, marker_trans, simplify=False)
        if marker is None:
            return
        points, operators = marker
        for vertices, _ in path.iter_segments(trans, simplify=False):
            if len(vertices):
                x, y = vertices[-2:].tolist()
                if 0 <= x <= self.width and 0 <= y <= self.height:
                    moved = [v + (x if i % 2 == 0 else y) for i, v in enumerate(points)]
                    self._add(_painted((moved, operators), gc, _rgba(rgbFace)), gc)

    def draw_text(
        self,
        gc: GraphicsContextBase,
        x: float,
        y: float,
        s: str,
        prop: FontProperties,
        angle: float,
        ismath: bool | Literal["TeX"] = False,
        mtext: Text | None = None,
    ) -> None:
        if ismath:
            super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            return
        x, y = float(x), float(y)
        face, size, colour = _face(prop), float(prop.get_size_in_points()), _colour(gc.get_rgb())
        if angle:
            radians = math.radians(angle)
            cos, sin = math.cos(radians), math.sin(radians)
            self._add(("group", (cos, sin, -sin, cos, x, y), [("text", 0, 0, s, face, size, colour)]), gc)
        else:
            self._add(("text", x, y, s, face, size, colour), gc)

    def draw_image(self, *args: object, **kwargs: object) -> None:
        raise UnsupportedFigure("an image")

    def draw_gouraud_triangles(self, *args: object, **kwargs: object) -> None:
        raise UnsupportedFigure("a Gouraud-shaded mesh")

    # --- clipping ------------------------------------------------------------

    def _add(self, node: Node, gc: GraphicsContextBase) -> None:
        rectangle = gc.get_clip_rectangle()
        # A Path and its affine transform (matplotlib's stubs say a TransformedPath and a Transform).
        clip_path, affine = cast("tuple[MplPath, Affine2DBase] | tuple[None, None]", gc.get_clip_path())
        key = (
            None if rectangle is None else tuple(float(v) for v in rectangle.extents),
            None if clip_path is None or affine is None else (id(clip_path), tuple(affine.to_values())),
        )
        if key == (None, None):
            self.nodes.append(node)
        elif key == self._clip_key and self.nodes and self.nodes[-1] is self._clip_group:
            self._clip_group[2].append(node)
        else:
            self._clip_group = ("group", None, [*_clips(rectangle, clip_path, affine), node])
            self.nodes.append(self._clip_group)
        self._clip_key = key


def _clips(rectangle: Bbox | None, clip_path: MplPath | None, affine: Transform | None) -> list[Node]:
    """The clipping paths of a group: the clip rectangle, then the clip path."""
    clips: list[Node] = []
    if rectangle is not None:
        x0, y0, x1, y1 = (float(v) for v in rectangle.extents)
        clips.append(
            ("clip", [x0, y0, x1, y0, x1, y1, x0, y1], [MOVE_TO, LINE_TO, LINE_TO, LINE_TO, CLOSE_PATH])
        )
    if clip_path is not None and affine is not None:
        outline = _outline(clip_path, affine, simplify=False)
        if outline is not None:
            clips.append(("clip", *outline))
    return clips


def _outline(
    path: MplPath,
    transform: Transform,
    *,
    clip: tuple[float, float, float, float] | None = None,
    simplify: bool | None = None,
    sketch: tuple[float, float, float] | None = None,
) -> tuple[list[float], list[int]] | None:
    """The path's points and operators in reportlab's terms, quadratic
    curves made cubic; ``None`` when nothing of it is left to draw."""
    points: list[float] = []
    operators: list[int] = []
    start = current = [0.0, 0.0]
    for vertices, code in path.iter_segments(transform, clip=clip, simplify=simplify, sketch=sketch):
        vertices = vertices.tolist()
        if code == MplPath.MOVETO:
            start = current = vertices
            operators.append(MOVE_TO)
            points.extend(vertices)
        elif code == MplPath.LINETO:
            current = vertices
            operators.append(LINE_TO if operators else MOVE_TO)
            points.extend(vertices)
        elif code == MplPath.CURVE3:
            (qx, qy), end = vertices[:2], vertices[2:]
            points.extend(
                (
                    current[0] + 2 / 3 * (qx - current[0]),
                    current[1] + 2 / 3 * (qy - current[1]),
                    end[0] + 2 / 3 * (qx - end[0]),
                    end[1] + 2 / 3 * (qy - end[1]),
                    *end,
                )
            )
            operators.append(CURVE_TO)
            current = end
        elif code == MplPath.CURVE4:
            operators.append(CURVE_TO)
            points.extend(vertices)
            current = vertices[4:]
        elif code == MplPath.CLOSEPOLY:
            operators.append(CLOSE_PATH)
            current = start
    if len(operators) < 2:
        return None
    return points, operators


def _rgba(colour: ColorType | None) -> Sequence[float] | None:
    """A face colour as matplotlib hands it to renderers: RGB or RGBA floats."""
    return cast("Sequence[float] | None", colour)


def _painted(
    outline: tuple[list[float], list[int]], gc: GraphicsContextBase, rgb_face: Sequence[float] | None
) -> Node:
    """A path node: ``outline`` with the fill and stroke of ``gc`` (colours carry their opacity)."""
    if gc.get_hatch() is not None:
        raise UnsupportedFigure("a hatched fill")
    forced = gc.get_forced_alpha()
    fill = None
    if rgb_face is not None:
        alpha = gc.get_alpha() if forced else (rgb_face[3] if len(rgb_face) == 4 else 1.0)
        if alpha > 0:
            fill = _colour((*rgb_face[:3], alpha))
    stroke = None
    rgba = gc.get_rgb()
    if gc.get_linewidth() > 0 and rgba[3] > 0:
        offset, dashes = gc.get_dashes()
        stroke = (
            _colour(rgba),
            float(gc.get_linewidth()),
            CAP_STYLES[gc.get_capstyle()],
            JOIN_STYLES[gc.get_joinstyle()],
            None if dashes is None else (float(offset), [float(d) for d in cast("Sequence[float]", dashes)]),
        )
    return ("path", *outline, fill, stroke)


def _colour(rgba: Sequence[float]) -> tuple[float, ...]:
    return tuple(float(v) for v in rgba)
