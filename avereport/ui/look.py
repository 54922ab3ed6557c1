"""The app's look: the platform's own style on Windows (Qt's « windows11 »
style when this Qt has it) and macOS; elsewhere Fusion with a light, plain
palette and one accent colour."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

ACCENT = "#1f6fb2"


def style_name(platform: str, available: list[str]) -> str | None:
    """The style to use; ``None``: Qt's choice, the native one (macOS)."""
    names = {name.lower(): name for name in available}
    if platform == "win32":
        return names.get("windows11") or names.get("windowsvista")
    if platform == "darwin":
        return None
    return names.get("fusion")


def light_palette() -> QPalette:
    palette = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colours = {
        role.Window: "#f3f4f6",
        role.WindowText: "#1f2328",
        role.Base: "#ffffff",
        role.AlternateBase: "#f6f8fa",
        role.Text: "#1f2328",
        role.Button: "#f6f7f9",
        role.ButtonText: "#1f2328",
        role.ToolTipBase: "#ffffff",
        role.ToolTipText: "#1f2328",
        role.PlaceholderText: "#6e7781",
        role.Highlight: ACCENT,
        role.HighlightedText: "#ffffff",
        role.Link: ACCENT,
        role.Light: "#ffffff",
        role.Midlight: "#e6e8eb",
        role.Mid: "#c4c8ce",
        role.Dark: "#8c959f",
        role.Shadow: "#57606a",
    }
    for colour_role, colour in colours.items():
        palette.setColor(colour_role, QColor(colour))
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, colour_role, QColor("#8c959f"))
    palette.setColor(group.Disabled, role.Base, QColor("#f3f4f6"))
    return palette


def apply_look(app: QApplication) -> None:
    name = style_name(sys.platform, QStyleFactory.keys())
    if name is None:
        return
    app.setStyle(name)
    if name.lower() == "fusion":
        app.setPalette(light_palette())
        # Off Windows and macOS, Qt puts dated stock icons on OK / Annuler.
        app.setStyleSheet("QDialogButtonBox { dialogbuttonbox-buttons-have-icons: 0; }")
