"""A chart's sketch (``chart_drawing.Sketch``) made into the reportlab
drawing the PDF embeds, without matplotlib."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.graphics.shapes import FILL_NON_ZERO, Drawing, Group, Path, String
from reportlab.lib.colors import Color

from avereport.report.fonts import REGULAR

if TYPE_CHECKING:  # not at run time: chart_drawing imports matplotlib
    from avereport.report.chart_drawing import Node, Sketch

MITER_LIMIT = 10  # matplotlib's (Agg and PDF)


def drawing_of(sketch: Sketch) -> Drawing:
    width, height, nodes = sketch
    drawing = Drawing(width, height)
    # The renderer's starting font, selected even when no text uses it:
    # one of the embedded faces, never a base-14 font.
    drawing.initialFontName = REGULAR
    for node in nodes:
        drawing.add(_shape(node))
    return drawing


def _shape(node: Node) -> Path | String | Group:
    kind = node[0]
    if kind == "path":
        return _path(*node[1:])
    if kind == "clip":
        clip = Path(node[1], node[2], autoclose="svg", fillMode=FILL_NON_ZERO)
        clip.isClipPath = 1
        clip.fillColor = clip.strokeColor = None  # clip only, paint nothing
        return clip
    if kind == "text":
        x, y, text, face, size, colour = node[1:]
        return String(x, y, text, fontName=face, fontSize=size, fillColor=Color(*colour))
    transform, children = node[1:]
    shapes = [_shape(child) for child in children]
    return Group(*shapes) if transform is None else Group(*shapes, transform=transform)


def _path(points: list[float], operators: list[int], fill: tuple | None, stroke: tuple | None) -> Path:
    path = Path(points, operators, autoclose="svg", fillMode=FILL_NON_ZERO)
    path.fillColor = None if fill is None else Color(*fill)
    path.strokeColor = None
    if stroke is not None:
        colour, width, cap, join, dashes = stroke
        path.strokeColor = Color(*colour)
        path.strokeWidth = width
        path.strokeLineCap = cap
        path.strokeLineJoin = join
        path.strokeMiterLimit = MITER_LIMIT
        if dashes is not None:
            path.strokeDashArray = [dashes[0], list(dashes[1])]
    return path
