"""`SaveError`: a save that could not be written or read, said in plain words."""

from __future__ import annotations

import errno
from pathlib import Path


class SaveError(Exception):
    """A save or load that failed; `str(e)` names the file and the problem for the player."""


def shown(path: Path) -> str:
    """The path as the player would recognise it: relative to the working folder when inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


_OS_PROBLEMS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied (check who owns the save folder)",
    errno.EPERM: "permission denied (check who owns the save folder)",
    errno.ENAMETOOLONG: "the path is too long",
    errno.EIO: "the disk reported an input/output error",
}


def os_problem(e: OSError) -> str:
    """What an OSError means, in words a player can act on."""
    if e.errno in _OS_PROBLEMS:
        return _OS_PROBLEMS[e.errno]
    return (e.strerror or str(e) or type(e).__name__).lower()
