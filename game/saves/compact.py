"""The story so far and the undo points as a save file holds them: each thing said once.

A 500-choice game's log is mostly the story's own words (every page a scene's text), and
its undo points mostly repeat each other (the inventory rarely changes between two steps).
A file leaves out what the reader can put back exactly:

- a page's text holds its scene's longest fixed piece of text (`Template.parts`); the file
  keeps only what comes `before` and the `rest` after it, and the reader puts the piece
  back from the story. A page that does not hold it, or one over the size limit (so that
  the writer's check refuses it as before), keeps its `text`.
- a page's `title` is left out when it is its scene's title (but on the last page),
  `choice` when there is none, `events` when there are none.
- an undo point leaves out each container (inventory, flags, stats, once-taken choices)
  that equals the one of the undo point before it, and what is empty (`entered`,
  `counted`, `calls`, `last_events`: left out, they meant empty in every file so far).

This is still save format 1: every file written before reads as it did (nothing left out),
and the tests pin the format number. A Hyosan older than this one refuses a file with parts
left out ("field required") rather than misreading it. The text comes back as the story
tells it when it was saved; a story edited without a new version shows its new words in
the history, and nothing else changes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Annotated, Any, Required

from pydantic import ConfigDict, Field, with_config
from typing_extensions import TypedDict

from game.engine.state import (
    UNDO_LIMIT,
    Count,
    GameState,
    Infection,
    LogEntry,
    Name,
    Number,
    Progress,
    Snapshot,
)
from game.story.story import ScenePlan, Story

TEXT_LIMIT = 100_000
"""A log entry's text, as `LogEntry` bounds it."""
TITLE_LIMIT = 1000
MIN_PIECE = 24
"""A fixed piece shorter than this is not worth leaving out."""

Key = Annotated[str, Field(max_length=300)]
Text = Annotated[str, Field(max_length=TEXT_LIMIT)]
Line = Annotated[str, Field(max_length=1000)]


@with_config(ConfigDict(extra="forbid"))
class FileEntry(TypedDict, total=False):
    """A `LogEntry` in the file: `text`, or `before` + the scene's piece + `rest`. A typed
    dict, not a model: a long game has hundreds, and the reader only reads them once."""

    turn: Required[Count]
    scene: Required[Name]
    title: Annotated[str, Field(max_length=TITLE_LIMIT)] | None
    text: Text | None
    before: Text
    rest: Text
    choice: Line | None
    events: list[Line]


@with_config(ConfigDict(extra="forbid"))
class FileSnapshot(TypedDict, total=False):
    """A `Snapshot` in the file: a container left out is the one of the undo point before."""

    scene: Required[Name]
    turn: Required[Count]
    inventory: dict[Name, Count]
    flags: dict[Name, bool]
    stats: dict[Name, Number]
    once_taken: set[Key]
    infection: Required[Infection]
    countdown: Required[Annotated[int, Field(ge=0, le=1000)] | None]
    rng: Required[Annotated[int, Field(ge=0, lt=1 << 64)]]
    ending: Required[Name | None]
    log_size: Required[Count]
    entered: list[Name]
    last_choice: Line | None
    last_events: list[Line]
    counted: list[Key]
    calls: list[Key]


class FileState(Progress):
    """`GameState` as the file holds it."""

    story_id: Name
    player: Annotated[str, Field(min_length=1, max_length=40)]
    seed: int = 0
    log: list[FileEntry] = Field(default_factory=list)
    undo: list[FileSnapshot] = Field(default_factory=list, max_length=UNDO_LIMIT)


class CompactError(ValueError):
    """A file whose left-out parts cannot be put back; the message locates it."""


_SHARED = ("inventory", "flags", "stats", "once_taken")
"""What an undo point may leave out (format 1 required them, so nothing older lacks them)."""


_PIECES: dict[int, tuple[ScenePlan, str]] = {}
"""`fixed_piece` per scene (by identity, the scene kept to check it): stories never change."""


def fixed_piece(scene: ScenePlan | None) -> str:
    """The longest fixed piece of a scene's text ("" when there is none worth leaving out)."""
    if scene is None:
        return ""
    found = _PIECES.get(id(scene))
    if found is not None and found[0] is scene:
        return found[1]
    piece = max((p for p in scene.text.parts if isinstance(p, str)), key=len, default="")
    piece = piece if len(piece) >= MIN_PIECE else ""
    if len(_PIECES) > 100_000:  # many stories loaded in one process (tests, tools)
        _PIECES.clear()
    _PIECES[id(scene)] = (scene, piece)
    return piece


# ---------------------------------------------------------------- writing


class LogCache:
    """Pages a writer has put in file form before. An autosave after every choice then
    encodes only the pages that are new or changed: a page is taken as it was while it is
    the same object holding the same values (checked at every save, as cheaply as that)."""

    def __init__(self) -> None:
        self.story: Story | None = None
        self.pages: dict[int, tuple[Any, ...]] = {}


def log_json(log: list[LogEntry], story: Story, cache: LogCache | None = None) -> str:
    """The log in its file form, as a JSON array (compact, text as is)."""
    scenes, last = story.scenes, len(log) - 1
    old = cache.pages if cache is not None and cache.story is story else {}
    new: dict[int, tuple[Any, ...]] = {}
    out: list[str] = []
    for at, e in enumerate(log):
        is_last = at == last
        events = tuple(e.events)
        hit = old.get(id(e))
        if (
            hit is not None
            and hit[0] is e
            and hit[1] == e.turn
            and hit[2] is e.scene
            and hit[3] is e.title
            and hit[4] is e.text
            and hit[5] is e.choice
            and hit[6] == events
            and hit[7] == is_last
        ):
            fragment: str = hit[8]
        else:
            fragment = _encode(_entry(e, scenes, is_last))
        new[id(e)] = (e, e.turn, e.scene, e.title, e.text, e.choice, events, is_last, fragment)
        out.append(fragment)
    if cache is not None:
        cache.story, cache.pages = story, new
    return f"[{','.join(out)}]"


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""One encoder for every page: `json.dumps` with options builds a new one at each call."""


def _entry(e: LogEntry, scenes: Mapping[str, ScenePlan], is_last: bool) -> dict[str, Any]:
    d: dict[str, Any] = {"turn": e.turn, "scene": e.scene}
    scene = scenes.get(e.scene)
    # the page the player is on keeps its title: a tool reading the file sees it
    if is_last or scene is None or e.title != scene.title or len(e.title) > TITLE_LIMIT:
        d["title"] = e.title
    piece = fixed_piece(scene)
    text = e.text
    found = text.find(piece) if piece and len(text) <= TEXT_LIMIT else -1
    if found < 0:
        d["text"] = text
    else:
        if found:
            d["before"] = text[:found]
        if found + len(piece) < len(text):
            d["rest"] = text[found + len(piece) :]
    if e.choice is not None:
        d["choice"] = e.choice
    if e.events:
        d["events"] = e.events
    return d


def undo_file_form(undo: list[Snapshot]) -> list[dict[str, Any]]:
    """The undo points in their file form (plain JSON values)."""
    out: list[dict[str, Any]] = []
    before: Snapshot | None = None
    for snap in undo:
        u: dict[str, Any] = {"scene": snap.scene, "turn": snap.turn}
        for name in _SHARED:
            value = getattr(snap, name)
            if before is None or value != getattr(before, name):
                u[name] = sorted(value) if isinstance(value, set) else value
        u["infection"] = snap.infection
        u["countdown"] = snap.countdown
        u["rng"] = snap.rng
        u["ending"] = snap.ending
        u["log_size"] = snap.log_size
        if snap.entered:
            u["entered"] = snap.entered
        if snap.last_choice is not None:
            u["last_choice"] = snap.last_choice
        if snap.last_events:
            u["last_events"] = snap.last_events
        if snap.counted:
            u["counted"] = snap.counted
        if snap.calls:
            u["calls"] = snap.calls
        out.append(u)
        before = snap
    return out


# ---------------------------------------------------------------- reading


def expand_state(saved: FileState, story: Story) -> GameState:
    """The `GameState` a validated file holds, its left-out parts put back from `story`."""
    scenes, pieces = story.scenes, _PIECES
    log: list[LogEntry] = []
    append = log.append
    for e in saved.log:
        sid = e["scene"]
        scene = scenes.get(sid)
        title = e.get("title")
        if title is None:
            title = scene.title if scene is not None else ""
        text = e.get("text")
        if text is not None:
            if "before" in e or "rest" in e:
                raise CompactError(f"log {len(log)} has both a text and parts of one")
        else:
            found = pieces.get(id(scene))
            piece = found[1] if found is not None and found[0] is scene else fixed_piece(scene)
            text = f"{e.get('before', '')}{piece}{e.get('rest', '')}"
        append(LogEntry(e["turn"], sid, title, text, e.get("choice"), e.get("events", [])))
    undo: list[Snapshot] = []
    before: Snapshot | None = None
    for at, u in enumerate(saved.undo):
        held: dict[str, Any] = {}
        for name in _SHARED:
            value = u.get(name)
            if value is None:
                if before is None:
                    raise CompactError(f"undo {at} has no {name} and no undo point before it")
                value = getattr(before, name)  # shared, as in play: replaced, never changed
            held[name] = value
        before = Snapshot(
            u["scene"],
            u["turn"],
            held["inventory"],
            held["flags"],
            held["stats"],
            held["once_taken"],
            u["infection"],
            u["countdown"],
            u["rng"],
            u["ending"],
            u["log_size"],
            u.get("entered", []),
            u.get("last_choice"),
            u.get("last_events", []),
            u.get("counted", []),
            u.get("calls", []),
        )
        undo.append(before)
    fields = {name: getattr(saved, name) for name in GameState.model_fields}
    fields["log"], fields["undo"] = log, undo
    return GameState.model_construct(**fields)
