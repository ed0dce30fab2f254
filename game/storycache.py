"""The compiled story cache: a checked story, stored as JSON, opened without re-checking.

The key is a hash of every story file's path and bytes (content, not modification times),
so any edit makes a new key. The cache lives in the user's cache folder (or
`$HYOSAN_CACHE`), never in the story folder. A cache file that is unreadable, corrupt,
for another key or for another engine version is ignored and rebuilt: it is never trusted.
It is written the way saves are (`game.saves.atomic`), so a crash never leaves half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from game import __version__
from game.saves.atomic import write_atomic
from game.story import Story, load_story
from game.story.diagnostics import Diagnostic, StoryError
from game.story.linker import Linker
from game.story.loader import (
    DEFAULTS_KEY,
    FORMAT_VERSION,
    MANIFEST,
    default_story_dir,
    no_gc,
    story_files,
)
from game.story.model import Defaults, Manifest, Scene
from game.story.plans import ScenePlans
from game.story.sourcefile import Reporter, SourceFile

CACHE_FORMAT = 2
SECRET_BYTES = 32


def cache_dir() -> Path:
    override = os.environ.get("HYOSAN_CACHE")
    return Path(override) if override else Path(platformdirs.user_cache_dir("hyosan")) / "stories"


def _sources(root: Path) -> dict[str, bytes]:
    paths = [root / MANIFEST, *story_files(root)]
    if not all(p.is_file() for p in paths):  # a FIFO would hang read_bytes: let load report it
        raise OSError("not a regular file")
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in paths}


def _key(sources: dict[str, bytes]) -> str:
    h = hashlib.blake2b(f"{CACHE_FORMAT}:{__version__}:{FORMAT_VERSION}".encode(), digest_size=20)
    for rel in sorted(sources):
        data = sources[rel]
        h.update(f"\0{rel}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def open_story(path: Path | None = None, *, directory: Path | None = None) -> Story:
    """Load a story for play: from the cache when it matches, else checked and cached.

    Raises StoryError exactly as `load_story` does when the story does not check.
    """
    root = Path(path) if path is not None else default_story_dir()
    where = directory or cache_dir()
    try:
        sources = _sources(root)
    except OSError:
        return load_story(root)  # let the loader report the unreadable file properly
    key = _key(sources)
    secret = _secret(where)
    if secret is None:
        return load_story(root, sources=sources)
    cached = _read(where / f"{key}.json", key, root, secret)
    if cached is not None:
        return cached
    tables: dict[str, dict[str, Any]] = {}
    story = load_story(root, sources=sources, tables=tables)
    _write(where, key, root, tables, story, secret)
    return story


def secret_path(where: Path) -> Path:
    """The key of cache folder `where`: beside it (`stories.key`), so nothing that tidies the
    folder's caches ever takes it."""
    return where.with_name(f"{where.name}.key")


def _secret(where: Path) -> bytes | None:
    """This cache folder's own random key, made on first use and readable by its owner only.

    Each cache file carries a digest keyed with it, so a file this program did not write (a
    forged cache with a recomputed plain digest) is rebuilt, never played: a cached story is
    not re-checked, and its scenes are only compiled when play reaches them. None when the
    key cannot be kept (then nothing is cached)."""
    path = secret_path(where)
    for _ in range(2):
        with contextlib.suppress(OSError):
            data = path.read_bytes() if path.is_file() else b""  # never wait on a FIFO
            if len(data) == SECRET_BYTES:
                return data
            path.unlink()  # damaged: a new key, and every cache here is rebuilt
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue  # another process made it just now: read that one
        except OSError:
            return None
        with os.fdopen(fd, "wb") as out:
            out.write(os.urandom(SECRET_BYTES))
    return None


def _digest(body: bytes | memoryview, secret: bytes) -> bytes:
    return hashlib.blake2b(body, digest_size=20, key=secret).hexdigest().encode()


def _read(path: Path, key: str, root: Path, secret: bytes) -> Story | None:
    try:
        raw = path.read_bytes()
        cut = raw.rfind(b"\n")
        digest = _digest(memoryview(raw)[:cut], secret)  # no copy of a large body
        if cut < 0 or not hmac.compare_digest(digest, raw[cut + 1 :]):
            return None
        head = raw.index(b"\n", 0, cut)
        # The parsed header is many small objects that all live on: collecting cycles
        # meanwhile is wasted work.
        with no_gc():
            return _story_from_doc(json.loads(raw[:head]), key, root, raw, head + 1)
    except Exception:  # a bad cache is only ever a reason to rebuild it
        return None


def _story_from_doc(doc: Any, key: str, root: Path, raw: bytes, base: int) -> Story | None:
    """The story in a cache whose header is `doc` and whose scene tables start at
    `raw[base]`; None when it is for another key or format; raises on anything malformed."""
    if doc.get("format") != CACHE_FORMAT or doc.get("key") != key:
        return None
    warnings = tuple(
        Diagnostic(root / rel, int(line), int(col), sev, str(msg))
        for rel, line, col, sev, msg in doc["warnings"]
    )
    files = []
    for rel, defaults in doc["files"]:
        f = SourceFile(root / rel, "", {})
        if defaults is not None:
            f.defaults = Defaults.model_validate(defaults)
        files.append(f)
    ends = [base + e for e in doc["ends"]]
    starts = [base, *ends[:-1]]
    where = {
        sid: (files[i], a, b)
        for sid, i, a, b in zip(doc["ids"], doc["file"], starts, ends, strict=True)
    }
    return story_from_checked(
        root,
        doc["manifest"],
        files,
        CheckedScenes(where, raw, dict(zip(doc["ids"], doc["titles"], strict=True))),
        doc["endings"],
        doc["hints"],
        warnings,
    )


def _write(
    where: Path,
    key: str,
    root: Path,
    tables: dict[str, dict[str, Any]],
    story: Story,
    secret: bytes,
) -> None:
    """Write the cache: a header line (the manifest, the scenes' index and what opening
    needs of every scene: title, endings) then each scene table as its own JSON text, so
    opening parses the header only and a scene's table when play reaches it."""
    header = _Header()
    manifest = tables.get(MANIFEST, {})
    try:
        for rel in sorted(tables):
            if rel != MANIFEST:
                header.add_file(rel, tables[rel])
    except (TypeError, ValueError):
        return
    warnings = [
        [w.path.relative_to(root).as_posix(), w.line, w.col, w.severity, w.message]
        for w in story.warnings
    ]
    doc = {"format": CACHE_FORMAT, "key": key, "root": str(root), "manifest": manifest}
    doc |= {"warnings": warnings} | header.fields()
    try:
        head = json.dumps(doc, separators=(",", ":"), default=str).encode()
    except (TypeError, ValueError):
        return
    body = b"\n".join((head, "".join(header.tables).encode()))
    digest = _digest(body, secret)
    with contextlib.suppress(OSError):
        where.mkdir(parents=True, exist_ok=True)
        write_atomic(where / f"{key}.json", body + b"\n" + digest)
        _forget_older(where, key, str(root))


class _Header:
    """The cache's index of scenes, built file by file in the loader's order."""

    def __init__(self) -> None:
        self.files: list[list[Any]] = []
        self.ids: list[str] = []
        self.file: list[int] = []
        self.ends: list[int] = []
        self.titles: list[str] = []
        self.endings: dict[str, str] = {}
        self.hints: dict[str, str] = {}
        self.tables: list[str] = []
        self.size = 0

    def add_file(self, rel: str, data: dict[str, Any]) -> None:
        self.files.append([rel, data.get(DEFAULTS_KEY)])
        index = len(self.files) - 1
        for sid, scene in data.items():
            if sid == DEFAULTS_KEY:
                continue
            text = json.dumps(scene, separators=(",", ":"), default=str)  # ASCII: len is bytes
            self.tables.append(text)
            self.size += len(text)
            self.ids.append(sid)
            self.file.append(index)
            self.ends.append(self.size)
            self.titles.append(str(scene.get("title") or sid))
            if "ending" in scene:
                eid = str(scene["ending"]["id"])
                self.endings.setdefault(eid, str(scene["ending"]["title"]))
                if scene["ending"].get("hint"):
                    self.hints.setdefault(eid, str(scene["ending"]["hint"]))

    def fields(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "ids": self.ids,
            "file": self.file,
            "ends": self.ends,
            "titles": self.titles,
            "endings": self.endings,
            "hints": self.hints,
        }


def _forget_older(where: Path, key: str, root: str) -> None:
    """Remove this story folder's previous caches, so edits do not pile up files."""
    for other in where.glob("*.json"):
        if other.stem == key:
            continue
        with contextlib.suppress(OSError, ValueError):
            with other.open("rb") as f:
                head = f.read(200 + len(root) * 2)
            if f'"root":{json.dumps(root)}'.encode() in head:
                other.unlink()


# ---------------------------------------------------------------- opening a checked story


@dataclass(frozen=True)
class CheckedScenes:
    """Where each checked scene's table is: its file and its JSON text in `raw[start:end]`."""

    where: dict[str, tuple[SourceFile, int, int]]
    raw: bytes
    titles: dict[str, str]

    def table(self, sid: str) -> tuple[SourceFile, dict[str, Any]]:
        f, start, end = self.where[sid]
        return f, json.loads(self.raw[start:end])


def story_from_checked(
    root: Path,
    manifest: dict[str, Any],
    files: list[SourceFile],
    scenes: CheckedScenes,
    endings: dict[str, str],
    hints: dict[str, str],
    warnings: tuple[Diagnostic, ...],
) -> Story:
    """A story from data that `load_story` has already checked (the compiled cache).

    Scenes are validated and compiled on first use, so a large story opens at once.
    Raises StoryError or ValueError if the data does not hold what it should.
    """
    loader = Reporter(root)
    mfile = SourceFile(root / MANIFEST, "", manifest)
    checked = loader.validate(mfile, Manifest, manifest, ())
    if checked is None:
        raise StoryError(loader.diagnostics)
    linker = Linker(loader, mfile, checked, {}, scenes.titles)
    stats, items, outcomes = linker.globals()
    if loader.failed:
        raise StoryError(loader.diagnostics)
    return Story(
        info=checked.story,
        root=root,
        files=(mfile.path, *sorted(f.path for f in files)),
        stats=stats,
        flags=checked.flag_descriptions(),
        items=items,
        scenes=LazyScenes(linker, scenes),
        infection=checked.infection,
        outcomes=outcomes,
        endings={str(k): str(v) for k, v in endings.items()},
        warnings=warnings,
        messages=checked.messages,
        defaults=checked.defaults,
        visible_flags=frozenset(f for f in checked.flags if checked.flag(f).visible),
        ending_hints={str(k): str(v) for k, v in hints.items()},
    )


class LazyScenes(ScenePlans):
    """Scene plans compiled on first access from the cache's checked scene tables."""

    def __init__(self, linker: Linker, scenes: CheckedScenes) -> None:
        super().__init__(linker, scenes.where)
        self._tables = scenes

    def checked(self, sid: str) -> tuple[SourceFile, Scene]:
        f, data = self._tables.table(sid)
        return f, Scene.model_validate(data)
