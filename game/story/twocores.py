"""Checking a large story on two cores: a forked process reads and checks the later half of
its files while this one does the first half.

Parsing, validating and checking each scene are most of a load, and each file's share needs
of the others only the scene ids, which the two processes trade once every file is read.
The result is the one loading in one process would give, message for message: the child
resolves duplicate ids with the first half's ids before it, and a warning of a condition
met first in the first half (or the manifest) is left out of the child's, as the one shared
condition cache would. Plans are compiled when play reaches a scene: a scene of the later
half from its file's text, which the child sends back (the bytes that were checked).
"""

from __future__ import annotations

import os
from multiprocessing.connection import Connection, Pipe
from pathlib import Path
from typing import Any

import tomli

from game.story.linker import Linker
from game.story.loader import DEFAULTS_KEY, _Loader
from game.story.model import Defaults, Manifest, Scene
from game.story.plans import ScenePlans
from game.story.sourcefile import SourceFile
from game.story.story import Story


class SplitFailed(Exception):
    """The other process went away before it answered: load everything in this one."""


def load_split(
    loader: _Loader, mfile: SourceFile | None, paths: list[Path], cut: int
) -> Story | None:
    """`_Loader.load` for `paths`, the files from `cut` on checked in a forked process."""
    here, there = Pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs this process's exit handlers
        here.close()
        code = 1
        try:
            _child(loader, mfile, paths[cut:], there)
            code = 0
        finally:
            os._exit(code)
    there.close()
    try:
        return _parent(loader, mfile, paths, cut, here)
    except (EOFError, OSError) as e:
        raise SplitFailed from e
    finally:
        here.close()
        os.waitpid(pid, 0)


def _parent(
    loader: _Loader, mfile: SourceFile | None, paths: list[Path], cut: int, conn: Connection
) -> Story | None:
    scenes: dict[str, tuple[SourceFile, Scene]] = {}
    unreadable = mfile is None
    for p in paths[:cut]:
        f = loader.read(p)
        if f is None:
            unreadable = True
            continue
        loader.collect_scenes(f, scenes)
        f.data = {}
    diagnostics, their_unreadable, candidates, broken = conn.recv()
    loader.diagnostics += diagnostics
    loader.broken_ids |= broken
    manifest = None
    if not (unreadable or their_unreadable or mfile is None):
        manifest = loader.validate(mfile, Manifest, mfile.data, ())
    titles = {sid: s.title or sid for sid, (_, s) in scenes.items()}
    earlier: dict[str, tuple[Path, int]] = {}
    for sid, title in candidates:
        if sid in scenes:
            first = scenes[sid][0]
            earlier[sid] = (first.path, first.locate((sid,))[0])
        titles.setdefault(sid, title)
    go_on = manifest is not None and mfile is not None
    conn.send((titles, loader.broken_ids, earlier, go_on))
    if manifest is None or mfile is None:
        loader.diagnostics += conn.recv()  # its duplicate ids: said whatever else is wrong
        return None
    linker = Linker(loader, mfile, manifest, scenes, titles)
    stats, items, outcomes = linker.globals()
    graph = linker.check_scenes(scenes)
    diagnostics, bound, their_graph, reads, kept, sources, tables = conn.recv()
    if loader.tables is not None:
        loader.tables |= tables
    met = linker.conditions_met()
    dropped = {i for src, i in bound if src in met}
    loader.diagnostics += [d for i, d in enumerate(diagnostics) if i not in dropped]
    linker.items_read |= reads[0]
    linker.flags_read |= reads[1]
    linker.flags_set |= reads[2]
    linker.items_given |= reads[3]
    if loader.failed:
        return None
    files = {path: SourceFile(path, source, {}) for path, source in sources.items()}
    linker.scene_files = {sid: files[path] for sid, path in kept}
    graph |= their_graph
    return linker.finish(stats, items, outcomes, graph, _LaterHalf(linker, graph, scenes))


def _child(loader: _Loader, mfile: SourceFile | None, paths: list[Path], conn: Connection) -> None:
    sub = _Loader(
        loader.root, sources=loader.sources, tables={} if loader.tables is not None else None
    )
    candidates: list[tuple[SourceFile, str, Scene]] = []
    sources: dict[Path, str] = {}
    unreadable = False
    for p in paths:
        f = sub.read(p)
        if f is None:
            unreadable = True
            continue
        sources[f.path] = f.source
        candidates += [(f, sid, scene) for sid, scene in sub.validate_scenes(f)]
        f.data = {}
    titles = [(sid, scene.title or sid) for _, sid, scene in candidates]
    conn.send((sub.diagnostics, unreadable, titles, sub.broken_ids))
    names, broken, earlier, go_on = conn.recv()
    sub.diagnostics = []
    sub.broken_ids = broken
    scenes: dict[str, tuple[SourceFile, Scene]] = {}
    for f, sid, scene in candidates:
        sub.keep(f, sid, scene, scenes, earlier)
    if not go_on or mfile is None:
        conn.send(sub.diagnostics)
        return
    linker = Linker(sub, mfile, Manifest.model_validate(mfile.data), scenes, names)
    graph = linker.check_scenes(scenes)
    reads = (linker.items_read, linker.flags_read, linker.flags_set, linker.items_given)
    kept = [(sid, f.path) for sid, (f, _) in scenes.items()]
    conn.send((sub.diagnostics, linker.bound_warnings, graph, reads, kept, sources, sub.tables))


class _LaterHalf(ScenePlans):
    """Plans of both halves: the first half's scenes validated here, the later half's read
    again from their file's checked text when play first reaches one of them."""

    def __init__(
        self, linker: Linker, graph: dict[str, Any], here: dict[str, tuple[SourceFile, Scene]]
    ) -> None:
        super().__init__(linker, graph)
        self._here = here
        self._tables: dict[Path, dict[str, Any]] = {}

    def checked(self, sid: str) -> tuple[SourceFile, Scene]:
        if sid in self._here:
            return self._here[sid]
        f = self._linker.scene_files[sid]
        tables = self._tables.get(f.path)
        if tables is None:
            tables = self._tables[f.path] = tomli.loads(f.source)
            defaults = tables.get(DEFAULTS_KEY)
            if isinstance(defaults, dict):
                f.defaults = Defaults.model_validate(defaults)
        return f, Scene.model_validate(tables[sid])
