"""What the program writes goes to the user's own folders, never to the
install folder: so it runs from a read-only install (the frozen bundle's
version of this test, from a read-only copy, is packaging/smoke_test.py).

Each test runs the real command in a new process for a new user whose home
is under tmp_path, without AVEREPORT_DATA_DIR: the folders are the
platform's (platformdirs, QSettings). The new user's folders are set through
the XDG variables, which only Linux reads: those tests are marked ``linux``;
the last one asks each system for its own per-user folder.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import avereport

APP = "avereport"
TIMEOUT_S = 60


def install_folders() -> list[Path]:
    """Where the program's code and resources are installed."""
    return [Path(avereport.__file__).parent, Path(str(resources.files("avereport.resources")))]


def install_listing() -> dict[str, str]:
    """Every installed file with its content hash; bytecode caches aside,
    which Python, not the program, writes (a bundle has none)."""
    listing = {}
    for folder in install_folders():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                listing[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return listing


def new_user(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    environment = {
        key: value
        for key, value in os.environ.items()
        if key != "AVEREPORT_DATA_DIR" and not key.startswith("XDG_")
    }
    environment.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONDONTWRITEBYTECODE="1",
    )
    home.mkdir()
    return environment


def run(args: list[str], environment: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", APP, *args],
        env=environment,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


@pytest.mark.linux
def test_export_caches_its_charts_in_the_user_data_folder_only(tmp_path):
    environment = new_user(tmp_path)
    working = tmp_path / "travail"
    working.mkdir()
    before = install_listing()

    done = run(["export", "--demo", "-o", str(tmp_path / "demo.pdf")], environment, working)

    assert done.returncode == 0, done.stderr
    assert (tmp_path / "demo.pdf").is_file()
    data = Path(environment["XDG_DATA_HOME"]) / APP
    assert list((data / "cache" / "graphiques").glob("*.dessin"))
    assert install_listing() == before
    assert list(working.iterdir()) == []


@pytest.mark.linux
def test_app_keeps_its_demo_copy_and_settings_in_the_user_folders(tmp_path):
    environment = new_user(tmp_path)
    working = tmp_path / "travail"
    working.mkdir()
    before = install_listing()

    done = run([], {**environment, "AVEREPORT_QUIT_WHEN_READY": "1"}, working)

    assert done.returncode == 0, done.stderr
    assert any(line.startswith("READY ") for line in done.stdout.splitlines())
    demo_copies = list((Path(environment["XDG_DATA_HOME"]) / APP).glob("*.db"))
    assert len(demo_copies) == 1
    settings = list(Path(environment["XDG_CONFIG_HOME"]).rglob(f"{APP}.conf"))
    assert settings and str(demo_copies[0]) in settings[0].read_text(encoding="utf-8")
    assert install_listing() == before
    assert list(working.iterdir()) == []


def test_the_data_folder_is_this_systems_own_per_user_folder(tmp_path):
    # Linux and macOS find it from HOME (Linux's XDG variables are removed);
    # Windows asks the shell for the user's Local AppData, under the real home.
    home = tmp_path / "home"
    home.mkdir()
    environment = {
        key: value
        for key, value in os.environ.items()
        if key != "AVEREPORT_DATA_DIR" and not key.startswith("XDG_")
    }
    environment["HOME"] = str(home)
    code = "from pathlib import Path; from avereport.paths import data_dir; print(data_dir()); print(Path.home())"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=True,
    )
    data, user_home = (Path(line) for line in done.stdout.splitlines())
    expected = {"win32": ("AppData", "Local"), "darwin": ("Library", "Application Support")}
    assert data.relative_to(user_home).parts == (*expected.get(sys.platform, (".local", "share")), APP)
    assert data.is_dir()
    assert not any(data.is_relative_to(folder) for folder in install_folders())
