"""Build the desktop bundle: ``dist/avereport/`` and ``dist/avereport-VERSION-PLATFORM.zip``
(on macOS, also ``dist/avereport.app`` and its zip).

    python packaging/build.py [--venv FOLDER]

Runs with any Python 3.11 or newer, on Linux, Windows and macOS. The bundle
is built in a venv of its own (``build/bundle-venv`` unless ``--venv``),
where the project is installed with its ``packaging`` extra, not in editable
mode: PyInstaller collects the installed package, resources included.
"""

from __future__ import annotations

import argparse
import os
import platform
import stat
import subprocess
import sys
import time
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "avereport.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
NAME = "avereport"


def venv_python(folder: Path) -> Path:
    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(*command: str | Path, cwd: Path | None = None) -> None:
    print("+", " ".join(map(str, command)), flush=True)
    subprocess.run([str(part) for part in command], check=True, cwd=cwd)


def prepare_venv(folder: Path) -> Path:
    python = venv_python(folder)
    if not python.exists():
        venv.create(folder, with_pip=True)
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"{ROOT}[packaging]")
    return python


def strip_unstripped(folder: Path) -> None:
    """Linux: strip the libraries that still carry debug information (a
    Python built from source carries it in all its libraries: a third of the
    bundle). Only those: rewriting other libraries, such as those auditwheel
    patched, can break them, which is why PyInstaller's own ``strip`` option
    is not used."""
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with open(path, "rb") as stream:
            if stream.read(4) != b"\x7fELF":
                continue
        sections = subprocess.run(
            ["readelf", "--section-headers", "--wide", str(path)], check=True, capture_output=True, text=True
        ).stdout
        if ".debug_info" in sections:
            subprocess.run(["strip", "--strip-unneeded", str(path)], check=True)


def zip_folder(folder: Path, archive: Path) -> Path:
    """Zip ``folder`` under its own name, symbolic links kept as links:
    PyInstaller links shared libraries on Linux and frameworks on macOS, which
    copies would double."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for top, folders, files in os.walk(folder):
            for name in sorted(folders) + sorted(files):
                path = Path(top, name)
                entry = path.relative_to(folder.parent).as_posix()
                if path.is_symlink():
                    info = zipfile.ZipInfo(entry)
                    info.create_system = 3  # Unix attributes, read by unzip and macOS
                    info.external_attr = (stat.S_IFLNK | 0o777) << 16
                    zipped.writestr(info, os.readlink(path))
                elif path.is_file():
                    zipped.write(path, entry)
    return archive


def installed_version(python: Path) -> str:
    code = "from importlib.metadata import version; print(version('avereport'))"
    return subprocess.run(
        [str(python), "-c", code], check=True, capture_output=True, text=True
    ).stdout.strip()


def platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def folder_size(folder: Path) -> int:
    return sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--venv", type=Path, default=ROOT / "build" / "bundle-venv", help="build venv (created if missing)"
    )
    args = parser.parse_args(argv)

    started = time.monotonic()
    python = prepare_venv(args.venv.resolve())
    installed = time.monotonic()
    # Run away from the source tree, which ``python -m`` would put first on
    # sys.path: PyInstaller must collect the installed package, resources included.
    WORK.mkdir(parents=True, exist_ok=True)
    run(
        python,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        DIST,
        "--workpath",
        WORK,
        SPEC,
        cwd=WORK,
    )
    if sys.platform.startswith("linux"):
        strip_unstripped(DIST / NAME)
    frozen = time.monotonic()

    stem = f"{NAME}-{installed_version(python)}-{platform_tag()}"
    archives = [zip_folder(DIST / NAME, DIST / f"{stem}.zip")]
    if (DIST / f"{NAME}.app").is_dir():  # macOS
        archives.append(zip_folder(DIST / f"{NAME}.app", DIST / f"{stem}-app.zip"))
    done = time.monotonic()

    print(f"bundle:  {DIST / NAME}  {folder_size(DIST / NAME) / 2**20:.0f} MiB")
    for archive in archives:
        print(f"archive: {archive}  {archive.stat().st_size / 2**20:.0f} MiB")
    print(
        f"time:    venv {installed - started:.0f} s, PyInstaller {frozen - installed:.0f} s, zip {done - frozen:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
