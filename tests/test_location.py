"""Network shares and synced folders are told from local disks: mount tables
as Linux and macOS write them, Windows UNC paths, sync clients' folders."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

import pytest

from avereport.store.location import (
    LINUX_NETWORK_TYPES,
    MACOS_NETWORK_TYPES,
    Location,
    describe_location,
    mount_of,
    network_share,
    parse_mount_output,
    parse_mountinfo,
    sync_service,
    unc_share,
)

# /proc/self/mountinfo of a workstation: a CIFS share whose name has a space
# (written \040), a local disk mounted inside it, sshfs, NFS, GNOME's gvfs,
# a point mounted twice, and a mount point that is a prefix of another.
MOUNTINFO = r"""22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw,errors=remount-ro
36 27 0:45 / /mnt/partage rw,relatime shared:120 - cifs //srv-fichiers/Partage\040Commun rw,vers=3.1.1,cache=strict,username=mdupont,uid=1000
37 27 8:17 / /mnt/partage2 rw,relatime shared:121 - ext4 /dev/sdb1 rw
40 36 8:33 / /mnt/partage/disque\040local rw,relatime - ext4 /dev/sdc1 rw
38 27 0:50 / /home/mdupont/serveur rw,nosuid,nodev,relatime shared:200 - fuse.sshfs mdupont@srv:/data rw,user_id=1000,group_id=1000
39 27 0:52 / /srv/rapports rw,relatime shared:210 master:3 - nfs4 nas:/export/rapports rw,vers=4.2,rsize=1048576
41 27 0:60 / /run/user/1000/gvfs rw,nosuid,nodev,relatime shared:300 - fuse.gvfsd-fuse gvfsd-fuse rw,user_id=1000,group_id=1000
42 27 0:61 / /mnt/cache rw,relatime - nfs srv:/cache rw
43 27 8:49 / /mnt/cache rw,relatime - ext4 /dev/sdd1 rw
ligne abîmée sans séparateur

"""

# `mount` on macOS.
MACOS_MOUNT = """/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
devfs on /dev (devfs, local, nobrowse)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse, protect)
map auto_home on /System/Volumes/Data/home (autofs, automounted, nobrowse)
//mdupont@srv-fichiers._smb._tcp.local/Partage%20Commun on /Volumes/Partage Commun (smbfs, nodev, nosuid, mounted by mdupont)
nas:/export/rapports on /Volumes/rapports (nfs, asynchronous)
/dev/disk4s1 on /Volumes/CLE USB (msdos, local, nodev, nosuid, noowners, noatime)
"""


def linux_share(path: str) -> str | None:
    return network_share(parse_mountinfo(MOUNTINFO), PurePosixPath(path), LINUX_NETWORK_TYPES)


def test_mountinfo_fields_and_escapes():
    mounts = parse_mountinfo(MOUNTINFO)
    assert len(mounts) == sum(" - " in line for line in MOUNTINFO.splitlines())
    by_point = {mount.point: mount for mount in mounts}
    assert by_point["/mnt/partage"].fs_type == "cifs"
    assert by_point["/mnt/partage"].source == "//srv-fichiers/Partage Commun"
    assert by_point["/mnt/partage/disque local"].source == "/dev/sdc1"
    assert by_point["/srv/rapports"].fs_type == "nfs4"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/mnt/partage/AVE/rapport.db", "//srv-fichiers/Partage Commun (cifs)"),
        ("/home/mdupont/serveur/rapport.db", "mdupont@srv:/data (fuse.sshfs)"),
        ("/srv/rapports/2021/rapport.db", "nas:/export/rapports (nfs4)"),
        ("/run/user/1000/gvfs/smb-share:server=srv,share=ave/rapport.db", "gvfsd-fuse (fuse.gvfsd-fuse)"),
        ("/home/mdupont/Documents/rapport.db", None),
        ("/mnt/partage2/rapport.db", None),
        ("/mnt/partage/disque local/rapport.db", None),
        ("/mnt/cache/rapport.db", None),
    ],
    ids=["cifs", "sshfs", "nfs4", "gvfs", "disque", "prefixe", "disque-dans-partage", "monte-par-dessus"],
)
def test_linux_network_mounts(path, expected):
    assert linux_share(path) == expected


def test_the_deepest_and_latest_mount_holds_a_path():
    mounts = parse_mountinfo(MOUNTINFO)
    assert mount_of(mounts, PurePosixPath("/mnt/cache/x.db")).source == "/dev/sdd1"
    assert mount_of(mounts, PurePosixPath("/mnt/partage")).fs_type == "cifs"
    assert mount_of(mounts, PurePosixPath("/etc/hosts")).point == "/"
    assert mount_of([], PurePosixPath("/etc/hosts")) is None


def test_macos_mount_output():
    mounts = parse_mount_output(MACOS_MOUNT)
    assert [mount.fs_type for mount in mounts] == ["apfs", "devfs", "apfs", "autofs", "smbfs", "nfs", "msdos"]

    def share(path: str) -> str | None:
        return network_share(mounts, PurePosixPath(path), MACOS_NETWORK_TYPES)

    assert share("/Volumes/Partage Commun/AVE/rapport.db") == (
        "//mdupont@srv-fichiers._smb._tcp.local/Partage%20Commun (smbfs)"
    )
    assert share("/Volumes/rapports/rapport.db") == "nas:/export/rapports (nfs)"
    assert share("/Users/mdupont/Documents/rapport.db") is None
    assert share("/Volumes/CLE USB/rapport.db") is None


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (r"\\srv-fichiers\Partage Commun\AVE\rapport.db", r"\\srv-fichiers\Partage Commun"),
        (r"\\?\UNC\srv-fichiers\Partage\rapport.db", r"\\srv-fichiers\Partage"),
        ("//srv-fichiers/Partage/rapport.db", r"\\srv-fichiers\Partage"),
        (r"\\?\C:\Users\mdupont\rapport.db", None),
        (r"\\.\PhysicalDrive0", None),
        (r"C:\Users\mdupont\Documents\rapport.db", None),
        ("rapport.db", None),
    ],
)
def test_windows_unc_paths(path, expected):
    assert unc_share(path) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (PureWindowsPath(r"C:\Users\mdupont\OneDrive\Documents\rapport.db"), "OneDrive"),
        (PureWindowsPath(r"C:\Users\mdupont\OneDrive - Alliance Villes Emploi\rapport.db"), "OneDrive"),
        (PureWindowsPath(r"D:\Dropbox (AVE)\Rapports\rapport.db"), "Dropbox"),
        (PureWindowsPath(r"G:\Mon Drive\rapport.db"), "Google Drive"),
        (PureWindowsPath(r"G:\Drive partagés\AVE\rapport.db"), "Google Drive"),
        (PureWindowsPath(r"C:\Users\mdupont\iCloudDrive\rapport.db"), "iCloud Drive"),
        (
            PurePosixPath("/Users/mdupont/Library/Mobile Documents/com~apple~CloudDocs/rapport.db"),
            "iCloud Drive",
        ),
        (PurePosixPath("/Users/mdupont/Library/CloudStorage/OneDrive-Personal/rapport.db"), "OneDrive"),
        (
            PurePosixPath("/Users/mdupont/Library/CloudStorage/GoogleDrive-m@ave.fr/Mon Drive/rapport.db"),
            "Google Drive",
        ),
        (PurePosixPath("/Users/mdupont/Library/CloudStorage/Box-Box/rapport.db"), "Box"),
        (PurePosixPath("/home/mdupont/Nextcloud/AVE/rapport.db"), "Nextcloud"),
        (PurePosixPath("/home/mdupont/ownCloud/rapport.db"), "ownCloud"),
        (PureWindowsPath(r"C:\Users\mdupont\Documents\rapport.db"), None),
        (PureWindowsPath(r"C:\Users\mdupont\Documents\Dropbox.db"), None),
        (PurePosixPath("/home/mdupont/OneDriveSauvegarde/rapport.db"), None),
    ],
)
def test_sync_folders_by_name(path, expected):
    assert sync_service(path, {}) == expected


def test_sync_roots_registered_by_the_client():
    library = PureWindowsPath(r"C:\Users\mdupont\Alliance Villes Emploi\Rapports - Documents")
    roots = {library: "SharePoint"}
    inside = PureWindowsPath(r"c:\users\MDUPONT\Alliance Villes Emploi\Rapports - Documents\2021\rapport.db")
    assert sync_service(inside, roots) == "SharePoint"
    assert sync_service(PureWindowsPath(r"C:\Users\mdupont\Alliance Villes Emploi\rapport.db"), roots) is None


def test_a_local_folder_is_local(tmp_path):
    location = describe_location(tmp_path / "rapport.db")
    assert location == Location("local")
    assert location.label == "local" and location.advice == ""


def test_the_onedrive_variable_marks_its_folder(tmp_path, monkeypatch):
    root = tmp_path / "Entreprise"
    monkeypatch.setenv("OneDriveCommercial", str(root))
    location = describe_location(root / "AVE" / "rapport.db")
    assert location == Location("sync", "OneDrive")
    assert location.label == "synchronisé"
    assert "dossier synchronisé (OneDrive)" in location.advice and "copie" in location.advice
    assert describe_location(tmp_path / "rapport.db").kind == "local"


def test_network_advice_names_the_share():
    location = Location("network", "//srv-fichiers/Partage (cifs)")
    assert location.label == "réseau"
    assert "partage réseau (//srv-fichiers/Partage (cifs))" in location.advice
    assert "copie locale" in location.advice
