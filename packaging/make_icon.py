"""Draw the app icon once: ``avereport.png`` (512 px) and ``avereport.ico``
(Windows sizes 16 to 256 px), both kept in the repository.

A report page in the network's navy with three bars in its orange, the two
brand colours of the demo document. Run again only to change the icon:
``python packaging/make_icon.py`` (needs Pillow, a matplotlib dependency).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

NAVY = "#1D3F72"
ORANGE = "#E07A2F"
PAPER = "#FFFFFF"
SIZE = 512
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
HERE = Path(__file__).resolve().parent


def draw(size: int = SIZE) -> Image.Image:
    # Drawn four times larger then reduced: smooth edges without an antialiasing API.
    big = size * 4
    unit = big / 32
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((unit, unit, big - unit, big - unit), radius=6 * unit, fill=NAVY)
    page = (8 * unit, 5 * unit, 24 * unit, 27 * unit)
    pen.rounded_rectangle(page, radius=1.5 * unit, fill=PAPER)
    for row in range(2):
        top = (8 + 2.5 * row) * unit
        pen.rectangle((11 * unit, top, 21 * unit, top + unit), fill=NAVY)
    for column, height in enumerate((4, 7, 10)):
        left = (11 + 3.5 * column) * unit
        pen.rectangle((left, (24 - height) * unit, left + 2.5 * unit, 24 * unit), fill=ORANGE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    icon = draw()
    icon.save(HERE / "avereport.png", optimize=True)
    icon.save(HERE / "avereport.ico", sizes=ICO_SIZES)


if __name__ == "__main__":
    main()
