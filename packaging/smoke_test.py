"""Smoke test of the built Linux bundle, run from a read-only install folder.

    python packaging/smoke_test.py [--bundle dist/avereport]

Needs pypdf (the ``test`` extra). Copies the bundle into a temporary
install folder and makes it read-only; as root, which ignores permission
bits, the bundle runs as the unprivileged user ``nobody``. With a fresh home
folder, the bundle exports the demo to PDF and then opens its window
offscreen and quits when ready; for another new user, it stays open until
its chart code is loaded. Checks that the PDF holds the demo's key figures in
the bundled DejaVu Sans, that Qt's French translation was read from the
bundle, that user data went to the per-user folders and that nothing in the
install folder changed. Prints one PASS or FAIL line per check; exits 1 if
any failed.
"""

from __future__ import annotations

import argparse
import ctypes
import hashlib
import json
import os
import pwd
import re
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_JSON = ROOT / "resources" / "demo.json"
NAME = "avereport"
MAX_SIZE_MIB = 200
TIMEOUT_S = 120
START_TIMEOUT_S = 60
PREVIEW_GRACE_S = 3
TRANSLATIONS = Path("_internal", "PySide6", "Qt", "translations")
FRENCH_QT = "qtbase_fr.qm"
DEMO_COPY = "Démonstration avereport.db"
ERROR_LOG = "erreurs.log"
# Regular and narrow no-break spaces, thin space: French typography.
SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


class Checks:
    def __init__(self) -> None:
        self.failed: list[str] = []
        self.count = 0

    def check(self, ok: bool, label: str, detail: str = "") -> bool:
        self.count += 1
        print(
            f"{'PASS' if ok else 'FAIL'}: {label}" + (f" — {detail}" if detail and not ok else ""), flush=True
        )
        if not ok:
            self.failed.append(label)
        return ok


def grouped(number: int) -> str:
    """French digit grouping, with a plain space (text is normalised)."""
    return f"{number:,}".replace(",", " ")


def expected_phrases(demo: dict) -> dict[str, str]:
    """Facts of the demo's newest edition the report must print, from its source."""
    edition = max(demo["editions"], key=lambda edition: edition["year"])
    twitter = next(item for item in edition["communication"]["followers"] if item["network"] == "Twitter")
    trained = sum(
        session[group]
        for session in edition["training"]["sessions"]
        for group in ("plie", "mde", "collectivites", "autres")
    )
    phrases = {
        "visites du site": grouped(edition["communication"]["website_visits"]),
        "abonnés Twitter": grouped(twitter["count"]),
        "personnes formées": grouped(trained),
        "nom du réseau": edition["organisation"]["name"],
    }
    for member in edition["governance"]["board"]:
        phrases[f"administrateur {member['surname']}"] = member["surname"]
    return phrases


def holds(text: str, phrase: str) -> bool:
    """``phrase`` in ``text``, whatever the case (the board table sets
    surnames in capitals); a number not inside a longer string of digits."""
    return re.search(rf"(?<!\d){re.escape(phrase.casefold())}(?!\d)", text.casefold()) is not None


def listing(folder: Path) -> dict[str, tuple]:
    """Every entry of ``folder`` with its kind, mode, size and content hash."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            entries[str(path.relative_to(folder))] = ("link", os.readlink(path))
        elif stat.S_ISDIR(info.st_mode):
            entries[str(path.relative_to(folder))] = ("dir", stat.S_IMODE(info.st_mode))
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            entries[str(path.relative_to(folder))] = (
                "file",
                stat.S_IMODE(info.st_mode),
                info.st_size,
                digest,
            )
    return entries


def size_mib(folder: Path) -> float:
    return (
        sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_symlink() and path.is_file())
        / 2**20
    )


class OpenedFiles:
    """Names of the files opened in a folder while it is watched (Linux inotify):
    proof that the program read them, whoever it runs as."""

    IN_OPEN = 0x20
    EVENT = struct.Struct("iIII")

    def __init__(self, folder: Path) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        self.fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0 or libc.inotify_add_watch(self.fd, os.fsencode(folder), self.IN_OPEN) < 0:
            raise OSError(ctypes.get_errno(), f"inotify: {folder}")

    def names(self) -> set[str]:
        names = set()
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return names
            offset = 0
            while offset < len(data):
                _, _, _, length = self.EVENT.unpack_from(data, offset)
                start = offset + self.EVENT.size
                names.add(os.fsdecode(data[start : start + length].rstrip(b"\0")))
                offset = start + length

    def close(self) -> None:
        os.close(self.fd)


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    modes = {path: path.lstat().st_mode for path in [folder, *folder.rglob("*")] if not path.is_symlink()}
    for path, mode in modes.items():
        path.chmod(stat.S_IMODE(mode) & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        yield
    finally:
        for path, mode in modes.items():
            path.chmod(stat.S_IMODE(mode))


def runner(owned: list[Path]) -> list[str]:
    """The command prefix that runs the bundle as a user bound by permission
    bits: the current one, or ``nobody`` when running as root."""
    if os.geteuid() != 0:
        return []
    nobody = pwd.getpwnam("nobody")
    for folder in owned:
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, nobody.pw_uid, nobody.pw_gid, follow_symlinks=False)
    return ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups", "--"]


def user_environment(home: Path) -> dict[str, str]:
    """A fresh user: platformdirs and QSettings resolve under ``home``."""
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "TMPDIR": str(home / "tmp"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    for key in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR", "TMPDIR"):
        Path(environment[key]).mkdir(parents=True, exist_ok=True)
    Path(environment["XDG_RUNTIME_DIR"]).chmod(0o700)
    return environment


def pdf_text_and_fonts(path: Path) -> tuple[str, set[str]]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    text = SPACES.sub(" ", " ".join(page.extract_text() or "" for page in reader.pages))
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont", "")).split("+")[-1].lstrip("/"))
    return text, fonts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Smoke test of the built bundle, from a read-only install folder."
    )
    parser.add_argument(
        "--bundle", type=Path, default=ROOT / "dist" / NAME, help="the bundle folder (packaging/build.py)"
    )
    args = parser.parse_args(argv)
    checks = Checks()
    if not checks.check(
        (args.bundle / NAME).is_file(), f"bundle built in {args.bundle}", "run packaging/build.py first"
    ):
        return 1
    checks.check(
        size_mib(args.bundle) <= MAX_SIZE_MIB,
        f"bundle size {size_mib(args.bundle):.0f} MiB <= {MAX_SIZE_MIB} MiB",
    )

    with tempfile.TemporaryDirectory(prefix="avereport-smoke-") as name:
        scratch = Path(name)
        scratch.chmod(0o755)
        install = scratch / "install" / NAME
        shutil.copytree(args.bundle, install, symlinks=True)
        home, second_home, output = scratch / "home", scratch / "home-2", scratch / "out"
        environment, second_environment = user_environment(home), user_environment(second_home)
        output.mkdir()
        prefix = runner([home, second_home, output])
        before = listing(install)
        watcher = OpenedFiles(install / TRANSLATIONS)
        try:
            with read_only(install):
                run_checks(checks, install, prefix, environment, output, watcher)
                check_previews(checks, install, prefix, second_environment)
        finally:
            watcher.close()
        after = listing(install)
        changed = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
        checks.check(not changed, "nothing written in the read-only install folder", ", ".join(changed[:10]))

    total = checks.count
    if checks.failed:
        print(f"bundle smoke test: {len(checks.failed)} of {total} checks FAILED", flush=True)
        return 1
    print(f"bundle smoke test: all {total} checks passed", flush=True)
    return 0


def run_bundle(
    command: list[str], environment: dict[str, str], timeout: float
) -> subprocess.CompletedProcess:
    """A run of the bundle; one still going after ``timeout`` seconds is
    stopped and reported with no exit status."""
    try:
        return subprocess.run(
            command, env=environment, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as expired:
        output, errors = (os.fsdecode(stream or b"") for stream in (expired.stdout, expired.stderr))
        return subprocess.CompletedProcess(
            command, None, output, f"{errors}\nstopped: still running after {timeout} s"
        )


def run_checks(
    checks: Checks,
    install: Path,
    prefix: list[str],
    environment: dict[str, str],
    output: Path,
    watcher: OpenedFiles,
) -> None:
    """The demo exported to PDF, then the window opened and closed."""
    program = str(install / NAME)
    data = Path(environment["XDG_DATA_HOME"]) / NAME

    pdf = output / "démo.pdf"
    export = run_bundle([*prefix, program, "export", "--demo", "-o", str(pdf)], environment, TIMEOUT_S)
    if checks.check(
        export.returncode == 0 and pdf.is_file(),
        "avereport export --demo writes the PDF",
        f"exit {export.returncode}, stderr {export.stderr.strip()[-800:]!r}",
    ):
        text, fonts = pdf_text_and_fonts(pdf)
        facts = expected_phrases(json.loads(DEMO_JSON.read_text(encoding="utf-8")))
        missing = [label for label, phrase in facts.items() if not holds(text, phrase)]
        checks.check(
            not missing, "the PDF's text holds the demo's key figures and board members", ", ".join(missing)
        )
        checks.check(
            bool(fonts) and all(font.startswith("DejaVuSans") for font in fonts),
            "the PDF's text is set in the bundled DejaVu Sans",
            ", ".join(sorted(fonts)),
        )
    checks.check(
        any((data / "cache" / "graphiques").glob("*.dessin")),
        "chart drawings cached in the per-user data folder",
        str(data),
    )

    started = time.monotonic()
    gui = run_bundle([*prefix, program], {**environment, "AVEREPORT_QUIT_WHEN_READY": "1"}, START_TIMEOUT_S)
    ready = [line.split() for line in gui.stdout.splitlines() if line.startswith("READY ")]
    shown = gui.returncode == 0 and len(ready) == 1
    if checks.check(
        shown,
        "the app shows its main window offscreen and quits with status 0",
        f"exit {gui.returncode}, stdout {gui.stdout.strip()[-300:]!r}, stderr {gui.stderr.strip()[-800:]!r}",
    ):
        seconds, mib = float(ready[0][1]) - started, int(ready[0][2]) / 1024
        print(f"      main window ready {seconds:.2f} s after start, {mib:.0f} MiB resident")
    errors = export.stderr + gui.stderr
    checks.check(
        "Traceback" not in errors and not (data / ERROR_LOG).exists(),
        f"no Python traceback on standard error nor in {ERROR_LOG}",
        errors.strip()[-800:],
    )
    checks.check(
        (data / DEMO_COPY).is_file(),
        "the app opened a copy of the demo in the per-user data folder",
        str(data),
    )
    checks.check(
        FRENCH_QT in watcher.names(),
        f"Qt's French translation read from the bundle ({TRANSLATIONS / FRENCH_QT})",
    )


def check_previews(checks: Checks, install: Path, prefix: list[str], environment: dict[str, str]) -> None:
    """Left open, the app imports its chart code a second after its window
    shows (``avereport.ui.preview``), matplotlib's Qt backend included, and
    matplotlib keeps its font list in the user's cache: once it is there, and
    a grace period later, the app is stopped; nothing may have failed."""
    fonts = Path(environment["XDG_DATA_HOME"]) / NAME / "cache" / "matplotlib"
    app = subprocess.Popen(
        [*prefix, str(install / NAME)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + TIMEOUT_S
    while app.poll() is None and not any(fonts.glob("fontlist*.json")) and time.monotonic() < deadline:
        time.sleep(0.2)
    loaded = any(fonts.glob("fontlist*.json"))
    if loaded:
        time.sleep(PREVIEW_GRACE_S)
    running = app.poll() is None
    app.terminate()
    _, errors = app.communicate(timeout=TIMEOUT_S)
    checks.check(
        loaded and running and "Traceback" not in errors,
        "left open, the app loads its chart code (matplotlib's Qt backend, font list in the user's cache)",
        f"font list {'found' if loaded else 'missing'} in {fonts}, "
        f"{'still running' if running else 'ended'}, stderr {errors.strip()[-800:]!r}",
    )


if __name__ == "__main__":
    sys.exit(main())
