"""User text made safe for reportlab's paragraph mini-markup.

reportlab parses paragraph text as XML-like markup, so "R&D <Nord>" would be
read as tags. Every user text goes through :func:`escape` (after French
typography, see :func:`text`); only markup the report writes itself reaches
the paragraph parser unescaped.
"""

from __future__ import annotations

import html
import re

from avereport.report.typography import french

# C0 controls (except tab and newline), DEL, C1 controls, lone surrogates and
# non-characters cannot be written into the PDF text nor parsed as markup.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    return _UNPRINTABLE.sub("", text).replace("\t", " ")


def escape(text: str) -> str:
    """Literal text for a paragraph: ``&``, ``<`` and ``>`` become entities."""
    return html.escape(clean(text), quote=False)


def text(value: str) -> str:
    """A user text as paragraph markup: French spacing, then escaped."""
    return escape(french(value))


def shortened(value: str, limit: int) -> str:
    """``value`` cut to ``limit`` characters with an ellipsis, for the few
    places whose layout cannot break across pages (headings, tiles)."""
    value = value.strip()
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def attribute(value: str) -> str:
    """A quoted attribute value (for ``<a href=…>``)."""
    # html rather than xml.sax.saxutils, which imports urllib.request (~25 ms).
    return f'"{html.escape(clean(value))}"'


def bold(markup: str) -> str:
    return f"<b>{markup}</b>"
