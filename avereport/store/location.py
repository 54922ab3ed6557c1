"""Where a document lives: a local disk, a network share or a synced folder.

SQLite files get damaged on network shares (a connection lost in the middle
of a save) and in synced folders (the sync client copies a file being
written, or makes conflicting copies), so the app warns about both. Network
shares are found from the file system type of the mount holding the file
(``/proc/self/mountinfo`` on Linux, ``mount`` on macOS) or the drive type on
Windows (UNC paths and mapped drives); synced folders from the folder names
the sync clients use and, on Windows, the roots they register.
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from typing import Literal

Kind = Literal["local", "network", "sync"]

_LABELS: dict[Kind, str] = {"local": "local", "network": "réseau", "sync": "synchronisé"}

# Linux file system types (``fuse.*`` for FUSE ones) that reach another
# computer.
LINUX_NETWORK_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "davfs",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "beegfs",
        "fuse.sshfs",
        "fuse.davfs2",
        "fuse.glusterfs",
        "fuse.cephfs",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.smbnetfs",
        "fuse.curlftpfs",
        "fuse.gvfsd-fuse",
    }
)
MACOS_NETWORK_TYPES = frozenset({"smbfs", "nfs", "afpfs", "webdav", "ftp", "cifs"})

_WINDOWS_DRIVE_REMOTE = 4

# Folder names of sync clients (compared case-insensitively): exact names,
# then prefixes ("OneDrive - Alliance Villes Emploi", "Dropbox (AVE)",
# macOS's "Library/CloudStorage/OneDrive-Personal").
_SYNC_FOLDERS = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "mon drive": "Google Drive",
    "my drive": "Google Drive",
    "drive partagés": "Google Drive",
    "shared drives": "Google Drive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "sharepoint": "SharePoint",
}
_SYNC_PREFIXES = (
    ("onedrive - ", "OneDrive"),
    ("onedrive-", "OneDrive"),
    ("dropbox (", "Dropbox"),
    ("googledrive-", "Google Drive"),
)
_ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")


@dataclass(frozen=True)
class Location:
    kind: Kind
    detail: str = ""
    """The share (``//serveur/partage (cifs)``) or the sync service (``OneDrive``)."""

    @property
    def label(self) -> str:
        """ "local", "réseau" or "synchronisé"."""
        return _LABELS[self.kind]

    @property
    def advice(self) -> str:
        """What to do about it, in French; "" for a local disk."""
        if self.kind == "network":
            return (
                f"Ce document est sur un partage réseau ({self.detail}) : une coupure du réseau"
                " pendant un enregistrement peut l'endommager. Travaillez de préférence sur une"
                " copie locale (« Enregistrer une copie… ») et remettez-la sur le partage une"
                " fois terminé."
            )
        if self.kind == "sync":
            return (
                f"Ce document est dans un dossier synchronisé ({self.detail}) : la synchronisation"
                " peut copier le fichier pendant qu'il est enregistré ou créer des copies en"
                " conflit. Travaillez de préférence sur une copie hors de ce dossier et"
                " remettez-la en place une fois terminé."
            )
        return ""


@dataclass(frozen=True)
class Mount:
    point: str
    fs_type: str
    source: str


def describe_location(path: str | Path) -> Location:
    """Where the document at ``path`` is; a local disk when it cannot be told."""
    resolved = Path(os.path.realpath(path))
    share = _network_share(resolved)
    if share:
        return Location("network", share)
    service = sync_service(resolved, _sync_roots())
    if service:
        return Location("sync", service)
    return Location("local")


def _network_share(path: Path) -> str | None:
    if sys.platform == "win32":
        return unc_share(str(path)) or _windows_mapped_drive(path)
    if sys.platform.startswith("linux"):
        try:
            text = os.fsdecode(Path("/proc/self/mountinfo").read_bytes())
        except OSError:
            return None
        return network_share(parse_mountinfo(text), PurePosixPath(path), LINUX_NETWORK_TYPES)
    if sys.platform == "darwin":
        try:
            output = subprocess.run(["mount"], capture_output=True, text=True, timeout=5, check=True).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        return network_share(parse_mount_output(output), PurePosixPath(path), MACOS_NETWORK_TYPES)
    return None


def network_share(mounts: Iterable[Mount], path: PurePosixPath, network_types: frozenset[str]) -> str | None:
    """ "//serveur/partage (cifs)" if ``path`` is on a network mount."""
    mount = mount_of(mounts, path)
    if mount is None or mount.fs_type not in network_types:
        return None
    return f"{mount.source} ({mount.fs_type})"


def _unescape_mountinfo(text: str) -> str:
    # The kernel writes space, tab, newline and backslash as octal escapes.
    return re.sub(r"\\([0-7]{3})", lambda match: chr(int(match.group(1), 8)), text)


def parse_mountinfo(text: str) -> list[Mount]:
    """The mounts of a Linux ``/proc/<pid>/mountinfo`` (see proc(5)): ID,
    parent ID, major:minor, root, mount point, options, optional fields,
    "-", then file system type, source and super options."""
    mounts = []
    for line in text.splitlines():
        fields = line.split(" ")
        if "-" not in fields[6:]:
            continue
        separator = fields.index("-", 6)
        if len(fields) < separator + 3:
            continue
        point = _unescape_mountinfo(fields[4])
        fs_type, source = fields[separator + 1], _unescape_mountinfo(fields[separator + 2])
        mounts.append(Mount(point, fs_type, source))
    return mounts


_MOUNT_LINE = re.compile(r"(?P<source>.*?) on (?P<point>/.*) \((?P<options>[^()]*)\)")


def parse_mount_output(text: str) -> list[Mount]:
    """The mounts listed by macOS's ``mount``: "SOURCE on POINT (TYPE, options)"."""
    mounts = []
    for line in text.splitlines():
        match = _MOUNT_LINE.fullmatch(line.strip())
        if match:
            fs_type = match["options"].split(",")[0].strip()
            mounts.append(Mount(match["point"], fs_type, match["source"]))
    return mounts


def mount_of(mounts: Iterable[Mount], path: PurePosixPath) -> Mount | None:
    """The mount holding ``path``: the deepest mount point above it, the
    last mounted when several share a point (it hides the others)."""
    found: Mount | None = None
    depth = -1
    for mount in mounts:
        point = PurePosixPath(mount.point)
        if (point == path or point in path.parents) and len(point.parts) >= depth:
            found, depth = mount, len(point.parts)
    return found


def unc_share(text: str) -> str | None:
    """ "\\\\serveur\\partage" for a Windows UNC path (also ``\\\\?\\UNC\\…``)."""
    drive = PureWindowsPath(text).drive
    if drive.startswith("\\\\?\\UNC\\"):
        return "\\\\" + drive[len("\\\\?\\UNC\\") :]
    if drive.startswith("\\\\") and not drive.startswith(("\\\\?\\", "\\\\.\\")):
        return drive
    return None


def _windows_mapped_drive(path: Path) -> str | None:
    if sys.platform != "win32":  # also tells the type checker
        return None
    import ctypes

    drive = PureWindowsPath(path).drive
    if not drive:
        return None
    get_drive_type = ctypes.windll.kernel32.GetDriveTypeW
    get_drive_type.argtypes = [ctypes.c_wchar_p]
    if get_drive_type(drive + "\\") == _WINDOWS_DRIVE_REMOTE:
        return f"lecteur réseau {drive}"
    return None


def sync_service(path: PurePath, roots: Mapping[PurePath, str]) -> str | None:
    """The sync service whose folder holds ``path``: under one of ``roots``
    (folder → service), or in a folder named as a sync client names it."""
    for root, service in roots.items():
        if root == path or root in path.parents:
            return service
    folders = path.parent.parts
    for index, folder in enumerate(folders):
        named = _folder_service(folder)
        if named:
            return named
        # macOS File Provider folders: ~/Library/CloudStorage/<Service>-<account>
        after = folders[index + 1] if index + 1 < len(folders) else ""
        if (
            folder.casefold() == "cloudstorage"
            and index > 0
            and folders[index - 1].casefold() == "library"
            and after
        ):
            return _folder_service(after) or after.split("-")[0]
    return None


def _folder_service(folder: str) -> str | None:
    name = folder.casefold()
    if name in _SYNC_FOLDERS:
        return _SYNC_FOLDERS[name]
    for prefix, service in _SYNC_PREFIXES:
        if name.startswith(prefix):
            return service
    return None


def _sync_roots() -> dict[PurePath, str]:
    roots: dict[PurePath, str] = {}
    for variable in _ONEDRIVE_VARIABLES:
        value = os.environ.get(variable)
        if value:
            roots[Path(value)] = "OneDrive"
    if sys.platform == "win32":
        roots.update(_windows_sync_roots())
    return roots


def _windows_sync_roots() -> dict[PurePath, str]:
    """The folders OneDrive synchronises, SharePoint libraries included, as
    the OneDrive client registers them."""
    roots: dict[PurePath, str] = {}
    if sys.platform != "win32":  # also tells the type checker
        return roots
    import winreg

    try:
        providers = winreg.OpenKey(winreg.HKEY_CURRENT_USER, r"Software\SyncEngines\Providers\OneDrive")
    except OSError:
        return roots
    with providers:
        for index in itertools.count():
            try:
                name = winreg.EnumKey(providers, index)
            except OSError:
                break
            try:
                with winreg.OpenKey(providers, name) as key:
                    mount_point = str(winreg.QueryValueEx(key, "MountPoint")[0])
                    url = str(winreg.QueryValueEx(key, "UrlNamespace")[0])
            except OSError:
                continue
            team_site = "sharepoint.com" in url and "-my.sharepoint.com" not in url
            roots[PureWindowsPath(mount_point)] = "SharePoint" if team_site else "OneDrive"
    return roots
