"""`load_story`: TOML files -> a checked `Story`, or one error holding every problem.

Loading is all-or-nothing: every file is parsed, every scene validated and every reference
resolved, and all problems are collected (with file, line and column) before anything is
reported, so an author fixes a whole batch at once.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG
from typing import Any

import tomli

from game.story.diagnostics import Diagnostic, StoryError
from game.story.linker import Linker
from game.story.model import Defaults, Manifest, Scene
from game.story.schema_errors import Loc, describe
from game.story.sourcefile import Reporter, SourceFile
from game.story.story import Story
from game.story.tomlhints import toml_hint
from game.story_header import MANIFEST as MANIFEST  # re-exported: one name, one place
from game.story_header import default_story_dir as default_story_dir

FORMAT_VERSION = 2
"""The scene format the loader reads; compiled caches of another version are rebuilt."""
DEFAULTS_KEY = "defaults"
"""A scene file's `[defaults]` table: not a scene (so no scene may be called that)."""


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters but tab and line feed: escape sequences could drive the terminal."""
_C1 = re.compile(r"[\x80-\x9f]")
_ESCAPE = re.compile(r"\\[bfrUuex]")
"""An escape that can make a control character (a false alarm, as after an escaped
backslash, only costs the walk)."""


def may_hold_control(source: str) -> bool:
    """False when no value or key of parsed `source` can hold a control character.

    TOML refuses C0 controls and DEL written as they are (the parser reports them), so one
    can only come from an escape or be a C1 character, which is never ASCII. Most files
    have neither and need no walk of their values.
    """
    if not source.isascii() and _C1.search(source):
        return True
    return "\\" in source and _ESCAPE.search(source) is not None


def control_characters(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Each key path whose text (or key) holds a control character, with the first one."""
    if isinstance(value, str):
        m = _CONTROL.search(value)
        if m:
            yield loc, m.group()
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from control_characters(key, (*loc, key))
            yield from control_characters(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from control_characters(item, (*loc, i))


def story_files(root: Path) -> list[Path]:
    """Scene files under `root`: every `*.toml` but the manifest and hidden files.

    Also listed, for `_Loader.read` to report: a `*.toml` that is not a regular file (a FIFO
    would hang a reader) and every folder that cannot be listed (its scenes would otherwise
    be left out without a word). Symbolic links to folders are not followed.
    """
    files: list[Path] = []
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = [(e.name, e.is_dir(follow_symlinks=False)) for e in listing]
        except OSError:
            files.append(folder)
            continue
        for name, is_dir in entries:
            if name.startswith("."):
                continue
            if is_dir:
                folders.append(folder / name)
            elif name.endswith(".toml") and name != MANIFEST:
                files.append(folder / name)
    return sorted(files)


SPLIT_BYTES = 1 << 19
"""Scene files of at least this many bytes in all (about 500 scenes) are checked on two cores
(`twocores`): below it, starting the other process would cost what it saves."""
FIRST_SHARE = 0.46
"""This process's share of the files' bytes: it also has the whole story's checks after."""


def split_point(paths: list[Path]) -> int | None:
    """Where to split `paths` between two processes (`FIRST_SHARE` of the bytes here), or None
    to load them all in this one: a small story, no second core or no `fork`, or threads
    running (a forked copy of a threaded process may wait forever on a lock)."""
    if (
        len(paths) < 2
        or not hasattr(os, "fork")
        or (os.cpu_count() or 1) < 2
        or threading.active_count() > 1
        or os.environ.get("HYOSAN_ONE_CORE")
        or machine_busy()
    ):
        return None
    sizes = []
    for p in paths:
        try:
            sizes.append(p.stat().st_size)
        except OSError:
            return None
    total = sum(sizes)
    if total < SPLIT_BYTES:
        return None
    done = 0
    for i, size in enumerate(sizes):
        done += size
        if done >= total * FIRST_SHARE:
            return min(i + 1, len(paths) - 1)
    return None


def machine_busy() -> bool:
    """More processes are running than the cores can take and one more: then a second
    process of ours only waits its turn too (and the split costs what it would save)."""
    try:
        return os.getloadavg()[0] > (os.cpu_count() or 1) + 1
    except OSError:
        return False


def load_story(
    path: Path | str | None = None,
    *,
    sources: Mapping[str, bytes] | None = None,
    tables: dict[str, dict[str, Any]] | None = None,
) -> Story:
    """Load and check the story in folder `path` (default: the shipped story).

    Raises StoryError holding every error found; warnings ride along on `Story.warnings`.
    `sources` (relative path -> bytes) are files already read, taken instead of reading them
    again; `tables`, when given, receives every file's parsed tables (for the cache writer,
    which so never parses a file twice).
    """
    story, diagnostics = check_story(path, sources=sources, tables=tables)
    if story is None:
        raise StoryError(diagnostics)
    return story


def check_story(
    path: Path | str | None = None,
    *,
    sources: Mapping[str, bytes] | None = None,
    tables: dict[str, dict[str, Any]] | None = None,
) -> tuple[Story | None, list[Diagnostic]]:
    """Like `load_story`, but returns the diagnostics instead of raising."""
    root = Path(path) if path is not None else default_story_dir()
    loader = _Loader(root, sources=sources, tables=tables)
    with no_gc():
        story = loader.load()
    return story, sorted(loader.diagnostics)


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Loading makes many objects that all live on: cycle collection meanwhile is wasted
    work (about a third of a large story's load time, over half of a cache's JSON parse).

    Nor are they left in the youngest generation, which the first collection after loading
    would walk whole (a tenth of a second for 10,000 scenes): freezing and unfreezing moves
    every object straight to the oldest generation, still collected in the next full pass.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


# ---------------------------------------------------------------- files


@dataclass
class _Loader(Reporter):
    """Reads every file of a story folder and validates each table as it goes."""

    sources: Mapping[str, bytes] | None = None
    tables: dict[str, dict[str, Any]] | None = None

    # ---- reading

    def read(self, path: Path) -> SourceFile | None:
        rel = path.relative_to(self.root).as_posix()
        if self.sources is not None and rel in self.sources:
            return self.parse(path, self.sources[rel], rel)
        if path.is_dir():  # a folder `story_files` could not list
            try:
                os.scandir(path).close()
                problem = "it went away while being read"
            except OSError as e:
                problem = str(e.strerror or e).lower()
            self.report(path, 1, 1, f"cannot read the folder ({problem}): its scenes are left out")
            return None
        try:  # without blocking, so a FIFO named *.toml is refused, not waited on
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with open(fd, "rb") as f:
                if not S_ISREG(os.fstat(fd).st_mode):
                    self.report(path, 1, 1, "not a regular file; a scene file must be a plain file")
                    return None
                raw = f.read()
        except OSError as e:
            self.report(path, 1, 1, f"cannot read the file: {e.strerror or e}")
            return None
        return self.parse(path, raw, rel)

    def parse(self, path: Path, raw: bytes, rel: str) -> SourceFile | None:
        try:
            source = raw.decode("utf-8").removeprefix("\ufeff")  # a BOM some editors write
        except UnicodeDecodeError as e:
            line = raw[: e.start].count(b"\n") + 1
            self.report(path, line, 1, "the file is not UTF-8 text; save it as UTF-8")
            return None
        try:
            data = tomli.loads(source)
        except tomli.TOMLDecodeError as e:
            line = getattr(e, "lineno", 1)
            col = getattr(e, "colno", 1)
            msg = getattr(e, "msg", str(e))
            hint = toml_hint(msg, source, line)
            self.report(path, line, col, f"TOML syntax error: {msg}{hint}")
            return None
        if self.tables is not None:
            self.tables[rel] = data
        file = SourceFile(path, source, data)
        for loc, char in control_characters(data) if may_hold_control(source) else ():
            self.at(
                file,
                loc,
                f"{describe(loc)}: holds the control character U+{ord(char):04X}, which would "
                "reach the player's terminal; remove it (only line breaks and tabs are allowed)",
            )
        return file

    def load(self) -> Story | None:
        manifest_path = self.root / MANIFEST
        if not self.root.is_dir():
            self.report(self.root, 1, 1, "no such story folder; give the folder holding story.toml")
            return None
        if not manifest_path.is_file():
            self.report(
                manifest_path,
                1,
                1,
                "the story has no manifest; create story.toml (see scenes/README.md, or run "
                "`hyosan new DIR`)",
            )
            return None
        mfile = self.read(manifest_path)
        paths = story_files(self.root)
        cut = split_point(paths)
        if cut is not None:
            from game.story.twocores import SplitFailed, load_split

            said = len(self.diagnostics)  # of the manifest
            try:
                return load_split(self, mfile, paths, cut)
            except SplitFailed:  # the other process went away: load it all here
                del self.diagnostics[said:]
                self.broken_ids.clear()
        scenes: dict[str, tuple[SourceFile, Scene]] = {}
        unreadable = mfile is None
        for p in paths:
            f = self.read(p)
            if f is None:
                unreadable = True
                continue
            self.collect_scenes(f, scenes)
            f.data = {}  # validated: the raw tables would only keep memory busy
        if unreadable or mfile is None:
            return None  # names in unreadable files are unknown: cross-checks would mislead
        manifest = self.validate(mfile, Manifest, mfile.data, ())
        if not paths and manifest is not None:
            self.report(mfile, 1, 1, "the story has no scene files; add a *.toml file of scenes")
        if manifest is None:
            return None
        return Linker(self, mfile, manifest, scenes).link()

    def collect_scenes(self, f: SourceFile, scenes: dict[str, tuple[SourceFile, Scene]]) -> None:
        """Validate every scene table of `f` into `scenes`, reporting bad and duplicate ones."""
        for sid, scene in self.validate_scenes(f):
            self.keep(f, sid, scene, scenes)

    def validate_scenes(self, f: SourceFile) -> list[tuple[str, Scene]]:
        """The valid scenes of `f` in order; reports the bad ones (and notes their ids)."""
        out = []
        for sid, value in f.data.items():
            if sid == DEFAULTS_KEY and isinstance(value, dict):
                f.defaults = self.validate(f, Defaults, value, (sid,))
                continue
            if not isinstance(value, dict):
                self.at(f, (sid,), f"'{sid}' must be a scene table: write [{sid}] and its keys")
                continue
            scene = self.validate(f, Scene, value, (sid,))
            if scene is None:
                self.broken_ids.add(sid)
                continue
            out.append((sid, scene))
        return out

    def keep(
        self,
        f: SourceFile,
        sid: str,
        scene: Scene,
        scenes: dict[str, tuple[SourceFile, Scene]],
        earlier: Mapping[str, tuple[Path, int]] | None = None,
    ) -> None:
        """Add a valid scene to `scenes`, unless its id is taken: by a scene of `scenes` or
        of `earlier` (id -> file and line of scenes read before, elsewhere)."""
        if earlier is not None and sid in earlier:
            first_path, line = earlier[sid]
        elif sid in scenes:
            first = scenes[sid][0]
            first_path, line = first.path, first.locate((sid,))[0]
        else:
            scenes[sid] = (f, scene)
            return
        self.at(
            f,
            (sid,),
            f"duplicate scene id '{sid}' (first defined in {first_path}:{line}); "
            "rename one of them",
        )
