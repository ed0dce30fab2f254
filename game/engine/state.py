"""`GameState`: everything that changes during play, and nothing else.

The story is read-only; a game is the story plus one of these. Saving a game is serialising
this model; loading is validating it. Nothing here knows about files or the UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Infection = Literal["human", "bitten", "hybrid", "zombie"]
UNDO_LIMIT = 100
Count = Annotated[int, Field(ge=0, le=1_000_000)]
Number = Annotated[int, Field(ge=-1_000_000_000, le=1_000_000_000)]
Name = Annotated[str, Field(max_length=200)]


class Progress(BaseModel):
    """The rules' view of a game: where the player is and what they have become."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    scene: Name
    turn: Count = 0
    inventory: dict[Name, Count] = Field(default_factory=dict)
    flags: dict[Name, bool] = Field(default_factory=dict)
    stats: dict[Name, Number] = Field(default_factory=dict)
    visits: dict[Name, Count] = Field(default_factory=dict)
    once_taken: set[Annotated[str, Field(max_length=300)]] = Field(default_factory=set)
    infection: Infection = "human"
    countdown: Annotated[int, Field(ge=0, le=1000)] | None = None
    rng: Annotated[int, Field(ge=0, lt=1 << 64)] = 0
    ending: Name | None = None
    chosen: dict[Annotated[str, Field(max_length=300)], Count] = Field(default_factory=dict)
    """How often each choice (`scene:index`) and item action was taken: alternatives in a
    response are keyed on it."""
    calls: list[Annotated[str, Field(max_length=300)]] = Field(default_factory=list, max_length=64)
    """The subroutine call stack: where each running `call` goes on when it returns."""


@dataclass(slots=True)
class LogEntry:
    """One scene as the player read it, and what they chose there.

    A plain dataclass (pydantic still validates it inside a GameState) because one is made
    at every step and must cost next to nothing.
    """

    __pydantic_config__ = ConfigDict(extra="forbid")

    turn: Count
    scene: Name
    title: Annotated[str, Field(max_length=1000)]
    text: Annotated[str, Field(max_length=100_000)]
    choice: Annotated[str, Field(max_length=1000)] | None = None
    events: list[Annotated[str, Field(max_length=1000)]] = field(default_factory=list)


@dataclass(slots=True)
class Snapshot:
    """A point to undo to: the progress then, and how long the log was.

    The containers are shared with the state, not copied: the engine replaces a container
    when it changes it (copy on write), so taking an undo point costs the same at any size.

    Visit counts are kept as the scenes entered since (`entered`), and choice counts as the
    keys counted since (`counted`), not copied whole: a copy per step would make a long
    game's undo history grow with the square of its length.
    """

    __pydantic_config__ = ConfigDict(extra="forbid")

    scene: Name
    turn: Count
    inventory: dict[Name, Count]
    flags: dict[Name, bool]
    stats: dict[Name, Number]
    once_taken: set[Annotated[str, Field(max_length=300)]]
    infection: Infection
    countdown: Annotated[int, Field(ge=0, le=1000)] | None
    rng: Annotated[int, Field(ge=0, lt=1 << 64)]
    ending: Name | None
    log_size: Count
    entered: list[Name] = field(default_factory=list)
    last_choice: Annotated[str, Field(max_length=1000)] | None = None
    last_events: list[Annotated[str, Field(max_length=1000)]] = field(default_factory=list)
    counted: list[Annotated[str, Field(max_length=300)]] = field(default_factory=list)
    """Keys of `chosen` counted up since (undone like `entered`)."""
    calls: list[Annotated[str, Field(max_length=300)]] = field(default_factory=list)


class GameState(Progress):
    """Progress plus the player's name, the story so far and the undo history.

    Undo points share `inventory`, `flags`, `stats`, `once_taken` and `calls` with the
    state: change them by assigning a new container (`state.flags = {**state.flags, "x":
    True}`), never in place, or an undo point changes with them.
    """

    story_id: Name
    player: Annotated[str, Field(min_length=1, max_length=40)]
    seed: int = 0
    log: list[LogEntry] = Field(default_factory=list)
    undo: list[Snapshot] = Field(default_factory=list, max_length=UNDO_LIMIT)

    if not TYPE_CHECKING:
        # The engine assigns fields at every step; pydantic's __setattr__ (validation is
        # off anyway: no validate_assignment) costs more than the rest of a step. Fields
        # are plain entries in the instance's __dict__, so assign them directly. Even so,
        # an attribute of a pydantic model goes through a hook (BaseModel.__getattr__), so
        # the engine's hottest lines read and write the fields in `__dict__` itself.
        __setattr__ = object.__setattr__

    def progress(self) -> Progress:
        """A full, independent copy of the progress (tools keep many of these)."""
        fields = {name: getattr(self, name) for name in Progress.model_fields}
        for name in ("inventory", "flags", "stats", "visits", "once_taken", "chosen", "calls"):
            fields[name] = type(fields[name])(fields[name])
        return Progress.model_construct(**fields)

    def snapshot(self, counted: list[str] | None = None) -> Snapshot:
        """A copy of the progress, cheap enough to take at every step (the fields read
        without pydantic's attribute hook). `counted`: the choice keys the step will count."""
        f = self.__dict__
        log = f["log"]
        last = log[-1] if log else None
        return Snapshot(
            f["scene"],
            f["turn"],
            f["inventory"],
            f["flags"],
            f["stats"],
            f["once_taken"],
            f["infection"],
            f["countdown"],
            f["rng"],
            f["ending"],
            len(log),
            [],
            None if last is None else last.choice,
            # shared, not copied: an entry's events are replaced as a whole, never changed
            [] if last is None else last.events,
            [] if counted is None else counted,
            f["calls"],
        )

    def restore(self, snap: Snapshot) -> None:
        """Go back to `snap`: its progress, and the log as long as it was then."""
        for name in SNAPSHOT_FIELDS:
            value = getattr(snap, name)
            setattr(self, name, type(value)(value) if name in _CONTAINERS else value)
        for counts, keys in ((self.visits, snap.entered), (self.chosen, snap.counted)):
            for key in keys:
                left = counts.get(key, 0) - 1
                if left > 0:
                    counts[key] = left
                else:
                    counts.pop(key, None)
        del self.log[snap.log_size :]
        if self.log:  # the entry we went back to reads as it did then
            self.log[-1].choice = snap.last_choice
            self.log[-1].events = list(snap.last_events)


SNAPSHOT_FIELDS = tuple(name for name in Progress.model_fields if name not in ("visits", "chosen"))
"""The progress fields an undo point copies whole."""
_CONTAINERS = ("inventory", "flags", "stats", "once_taken", "calls")
"""Fields an undo point shares with the state: restored as copies, never as the shared one."""
