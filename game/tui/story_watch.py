"""Notices edits to a story folder by polling, for `hyosan play --dev`.

Inode numbers, sizes and modification times say cheaply which files may have changed; only
those are read and hashed, so saving a file unchanged (or touching it) is not an edit. The
inode is there because a timestamp has a coarse tick on some file systems: an editor that
saves a same-size edit by renaming a new file over the old one within one tick changes
neither size nor time, but always the inode. Plain code with no
Textual: the app calls `changed()` from a worker thread on a timer.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from game.story.loader import MANIFEST, story_files

Stamp = tuple[int, int, int]
"""A file's inode number, size and modification time in nanoseconds."""


class StoryWatcher:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._stamps = self._stamp_all()
        self._hashes = {path: _hash(path) for path in self._stamps}

    def _stamp_all(self) -> dict[Path, Stamp]:
        try:
            paths = [self.root / MANIFEST, *story_files(self.root)]
        except OSError:
            return {}
        stamps = {}
        for path in paths:
            try:
                st = path.stat()
            except OSError:
                continue  # deleted, or not there yet: the loader says so when it matters
            stamps[path] = (st.st_ino, st.st_size, st.st_mtime_ns)
        return stamps

    def changed(self) -> bool:
        """True when a story file was added, removed or edited since the last call."""
        stamps = self._stamp_all()
        if stamps == self._stamps:
            return False
        hashes = {
            path: self._hashes[path]
            if path in self._hashes and self._stamps.get(path) == stamp
            else _hash(path)
            for path, stamp in stamps.items()
        }
        self._stamps = stamps
        if hashes == self._hashes:
            return False
        self._hashes = hashes
        return True


def _hash(path: Path) -> str:
    if not path.is_file():  # a FIFO named *.toml would block a read forever
        return ""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return ""
