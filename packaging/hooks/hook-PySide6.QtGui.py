# Replaces PyInstaller's hook for PySide6.QtGui to leave out Qt plugins the
# app never loads: the GTK 3 theme, which drags GTK's whole stack into the
# bundle (cairo, pango, gdk-pixbuf, ...), the platforms of embedded screens
# without a window system, and image formats other than those of logos and
# icons (PNG is built into Qt).
from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

UNUSED_PLUGINS = {
    "platformthemes": {"qgtk3"},
    "platforms": {"qeglfs", "qlinuxfb", "qminimalegl", "qvkkhrdisplay", "qvnc"},
    "imageformats": {"qicns", "qpdf", "qtga", "qtiff", "qwbmp", "qwebp"},
}
UNUSED_PLUGIN_TYPES = {"egldeviceintegrations"}


def _used(source, destination):
    plugin_type = PurePath(destination).name
    name = PurePath(source).name.split(".")[0].removeprefix("lib")
    return plugin_type not in UNUSED_PLUGIN_TYPES and name not in UNUSED_PLUGINS.get(plugin_type, ())


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, destination) for source, destination in binaries if _used(source, destination)]
