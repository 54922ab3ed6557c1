"""The cover page, drawn straight on the canvas: a brand-coloured upper block
with the organisation and the title, the logo and contact details below."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image
from reportlab.lib.colors import white
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Paragraph

from avereport.model.edition import Organisation
from avereport.report import markup
from avereport.report.document import PAGE_HEIGHT, PAGE_WIDTH
from avereport.report.fonts import BOLD, REGULAR
from avereport.report.styles import INK, MUTED, Palette, mix

BLOCK_HEIGHT = 0.62 * PAGE_HEIGHT
MARGIN = 2.25 * cm
LOGO_BOX = (6.0 * cm, 3.2 * cm)
# Enough for 6 cm at 500 dpi.
LOGO_MAX_PIXELS = 1200


@dataclass(frozen=True)
class Cover:
    organisation: Organisation
    year: int
    palette: Palette

    def logo(self) -> ImageReader | None:
        """The organisation's logo, or ``None`` when it has none or it is not
        an image. A large picture is scaled down first: the cover shows it a
        few centimetres wide, and the PDF must stay small."""
        if not self.organisation.logo:
            return None
        try:
            with Image.open(io.BytesIO(self.organisation.logo)) as image:
                image.load()
                if max(image.size) <= LOGO_MAX_PIXELS:
                    return ImageReader(io.BytesIO(self.organisation.logo))
                image.thumbnail((LOGO_MAX_PIXELS, LOGO_MAX_PIXELS))
                smaller = io.BytesIO()
                image.save(smaller, format="PNG")
        except Exception:  # noqa: BLE001 - any undecodable bytes: the cover simply has no logo
            return None
        return ImageReader(io.BytesIO(smaller.getvalue()))

    def draw(self, canvas, doc) -> None:
        canvas.saveState()
        self._block(canvas)
        self._titles(canvas)
        self._footer(canvas)
        canvas.restoreState()

    def _block(self, canvas) -> None:
        p = self.palette
        bottom = PAGE_HEIGHT - BLOCK_HEIGHT
        canvas.setFillColor(p.primary)
        canvas.rect(0, bottom, PAGE_WIDTH, BLOCK_HEIGHT, stroke=0, fill=1)
        # Two overlapping discs in lighter shades of the brand, as a motif.
        canvas.setFillColor(mix(p.primary, white, 0.08))
        canvas.circle(PAGE_WIDTH - 2 * cm, PAGE_HEIGHT - 3 * cm, 8 * cm, stroke=0, fill=1)
        canvas.setFillColor(mix(p.primary, white, 0.16))
        canvas.circle(PAGE_WIDTH + 1 * cm, PAGE_HEIGHT - 9.5 * cm, 5.5 * cm, stroke=0, fill=1)
        canvas.setFillColor(p.primary)
        canvas.rect(0, bottom - 1, PAGE_WIDTH, 2.2 * cm, stroke=0, fill=1)
        canvas.setFillColor(p.secondary)
        canvas.rect(0, bottom - 0.35 * cm, PAGE_WIDTH, 0.35 * cm, stroke=0, fill=1)

    def _titles(self, canvas) -> None:
        p = self.palette
        width = PAGE_WIDTH - 2 * MARGIN
        bottom = PAGE_HEIGHT - BLOCK_HEIGHT + 2.2 * cm
        organisation = ParagraphStyle("cover_org", fontName=BOLD, fontSize=13, leading=17, textColor=white)
        title = ParagraphStyle("cover_title", fontName=BOLD, fontSize=38, leading=44, textColor=white)
        year = ParagraphStyle("cover_year", fontName=BOLD, fontSize=64, leading=70, textColor=p.secondary)
        y = bottom
        year_para = Paragraph(str(self.year), year)
        _, height = year_para.wrapOn(canvas, width, 5 * cm)
        year_para.drawOn(canvas, MARGIN, y)
        y += height + 2
        title_para = Paragraph("Rapport d'activité", title)
        _, height = title_para.wrapOn(canvas, width, 5 * cm)
        title_para.drawOn(canvas, MARGIN, y)
        name = markup.shortened(self.organisation.name, 160)
        if name:
            org_para = Paragraph(markup.text(name.upper()), organisation)
            _, height = org_para.wrapOn(canvas, width * 0.8, 5 * cm)
            org_para.drawOn(canvas, MARGIN, PAGE_HEIGHT - 2.4 * cm - height)
            canvas.setFillColor(p.secondary)
            canvas.rect(
                MARGIN, PAGE_HEIGHT - 2.4 * cm - height - 0.45 * cm, 1.6 * cm, 0.12 * cm, stroke=0, fill=1
            )

    def _footer(self, canvas) -> None:
        logo = self.logo()
        top = PAGE_HEIGHT - BLOCK_HEIGHT - 2.2 * cm
        if logo is not None:
            width, height = logo.getSize()
            scale = min(LOGO_BOX[0] / width, LOGO_BOX[1] / height)
            canvas.drawImage(logo, MARGIN, top - height * scale, width * scale, height * scale, mask="auto")
        contact = ParagraphStyle("cover_contact", fontName=REGULAR, fontSize=9, leading=13, textColor=MUTED)
        org = self.organisation
        lines = [markup.escape(line) for line in org.address.splitlines() if line.strip()]
        lines += [markup.escape(value) for value in (org.phone, org.email, org.website) if value.strip()]
        if org.name.strip():
            lines.insert(
                0, f'<font name="{BOLD}" color="#{INK.hexval()[2:]}">{markup.escape(org.name)}</font>'
            )
        if lines:
            block = Paragraph("<br/>".join(lines), contact)
            width = 7.5 * cm
            _, height = block.wrapOn(canvas, width, 8 * cm)
            block.drawOn(canvas, PAGE_WIDTH - MARGIN - width, top - height)
