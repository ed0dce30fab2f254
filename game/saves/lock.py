"""One writer per slot at a time, across processes: an advisory lock on a lock file.

Two games saving the same slot at once (two terminals, two browser tabs) would otherwise
race: one deletes the other's temporary file as "stale", or both rotate the same backup.
The lock file (`.<slot>.json.lock`) is removed when the save is done, so nothing is left in
the folder. Removing a lock file while another process waits on it is the classic trap: the
waiter gets the lock on a file no longer in the folder while a third process locks a new one.
So after taking the lock we check that the file we locked is still the one at that path, and
start again if not.

Where `fcntl` does not exist (Windows) saves are not locked; the atomic write still keeps
every file whole.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".lock"


def lock_path_for(path: Path) -> Path:
    return path.with_name(f".{path.name}{LOCK_SUFFIX}")


@contextlib.contextmanager
def slot_lock(path: Path) -> Iterator[None]:
    """Hold the lock for writing `path` (raises OSError when the lock file cannot be made)."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    lock = lock_path_for(path)
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                same = os.stat(lock).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
        except BaseException:
            os.close(fd)
            raise
        if same:
            break
        os.close(fd)  # the holder before us removed this lock file: lock the new one
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)  # while still locked, so no one else can have locked this inode
        os.close(fd)
