"""Notice, without waiting for an edit, that someone took the document over.

The folder is watched (a take-over renames and creates lock files in it),
and the lock is also checked every few seconds, since change notifications
do not come from every network share. Each check reads one small file.
"""

from __future__ import annotations

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from avereport.store.lock import DocumentLock, LockLostError

CHECK_EVERY_MS = 2000


class LockWatch(QObject):
    lost = Signal(object)
    """The lock is no longer ours; carries the ``LockLostError``. Sent once."""

    def __init__(self, lock: DocumentLock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = lock
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        self._watcher = QFileSystemWatcher([str(lock.path.parent)], self)
        self._watcher.directoryChanged.connect(lambda _folder: self.check())

    def check(self) -> None:
        if not self._timer.isActive():
            return
        try:
            self._lock.check()
        except LockLostError as error:
            self.stop()
            self.lost.emit(error)

    def stop(self) -> None:
        """No more checks: before the lock is released, or once it is lost."""
        self._timer.stop()
        folders = self._watcher.directories()
        if folders:
            self._watcher.removePaths(folders)
