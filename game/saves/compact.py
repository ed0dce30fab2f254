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

A format 1 file (nothing left out) reads as it did; a Hyosan older than format 2 refuses a
file with parts left out rather than misreading it. The text comes back as the story tells
it when it was saved; a story edited without a new version shows its new words in the
history, and nothing else changes.

This module is the file form and the reader's side (`expand_state`); the writer's side,
which keeps what it encoded for the next save, is `encode`.
"""

from __future__ import annotations

import weakref
from typing import Annotated, Required

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
from game.story.per_story import PerStory
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


SHARED = ("inventory", "flags", "stats", "once_taken")
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


class Fills(dict[str, tuple[str | None, str]]):
    """Scene id -> (its title, None for a scene the story does not have; its fixed piece):
    what a page of that scene may leave out, worked out once a scene (`fills`)."""

    def __init__(self, story: Story) -> None:
        super().__init__()
        self._story = weakref.ref(story)  # weak: `fills` is a registry (`PerStory`)

    @property
    def story(self) -> Story:
        story = self._story()
        assert story is not None, "a story being saved or read is alive"
        return story

    def __missing__(self, sid: str) -> tuple[str | None, str]:
        scene = self.story.scenes.get(sid)
        fill = (None if scene is None else scene.title, fixed_piece(scene))
        self[sid] = fill
        return fill


fills = PerStory(Fills)
"""The `Fills` of a story."""


# ---------------------------------------------------------------- reading


def expand_state(saved: FileState, story: Story) -> GameState:
    """The `GameState` a validated file holds, its left-out parts put back from `story`."""
    return _state(saved, _log(saved.log, story), _undo(saved.undo))


def _log(saved: list[FileEntry], story: Story) -> list[LogEntry]:
    known = fills(story)
    log: list[LogEntry] = []
    append = log.append
    for e in saved:
        sid = e["scene"]
        fill = known[sid]
        title = e.get("title")
        if title is None:
            title = fill[0] or ""
        text = e.get("text")
        if text is None:
            before, rest = e.get("before"), e.get("rest")
            # a page of the scene's words alone shares them (strings never change)
            text = f"{before or ''}{fill[1]}{rest or ''}" if before or rest else fill[1]
        elif "before" in e or "rest" in e:
            raise CompactError(f"log {len(log)} has both a text and parts of one")
        append(LogEntry(e["turn"], sid, title, text, e.get("choice"), e.get("events", [])))
    return log


def _undo(saved: list[FileSnapshot]) -> list[Snapshot]:
    undo: list[Snapshot] = []
    append = undo.append
    before: Snapshot | None = None
    for at, u in enumerate(saved):
        inventory, flags, stats, once = (
            u.get("inventory"),
            u.get("flags"),
            u.get("stats"),
            u.get("once_taken"),
        )
        if inventory is None or flags is None or stats is None or once is None:
            if before is None:
                name = next(n for n in SHARED if n not in u)
                raise CompactError(f"undo {at} has no {name} and no undo point before it")
            # shared with the point before, as in play: replaced, never changed
            inventory = before.inventory if inventory is None else inventory
            flags = before.flags if flags is None else flags
            stats = before.stats if stats is None else stats
            once = before.once_taken if once is None else once
        before = Snapshot(
            u["scene"],
            u["turn"],
            inventory,
            flags,
            stats,
            once,
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
        append(before)
    return undo


_STATE_FIELDS = tuple(GameState.model_fields)


def _state(saved: FileState, log: list[LogEntry], undo: list[Snapshot]) -> GameState:
    """A `GameState` of the validated fields (taken over, not copied: the file's objects are
    new and belong to no one else), without validating them again."""
    fields = saved.__dict__.copy()
    fields["log"], fields["undo"] = log, undo
    state = GameState.__new__(GameState)
    object.__setattr__(state, "__dict__", fields)
    object.__setattr__(state, "__pydantic_fields_set__", set(_STATE_FIELDS))
    object.__setattr__(state, "__pydantic_extra__", None)
    object.__setattr__(state, "__pydantic_private__", None)
    return state
