"""The player's character sheet as plain data: each stat the player may see with what the story
says it means, the flags the story shows once set, and the infection stage explained.

Built from the `Game` when the stats screen opens; no Textual here, so a test can read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import Game
from game.tui import manifest


@dataclass(frozen=True, slots=True)
class StatLine:
    id: str
    name: str
    value: int
    min: int
    max: int
    description: str


@dataclass(frozen=True, slots=True)
class Stage:
    """The infection: the story's name for the stage, scenes left before the fever decides
    (bitten only), and the story's own explanation of the stages."""

    id: str
    label: str
    countdown: int | None
    description: str


@dataclass(frozen=True, slots=True)
class Sheet:
    player: str
    stats: tuple[StatLine, ...]
    flags: tuple[str, ...]
    """Descriptions of the visible flags that are set, in the manifest's order."""
    stage: Stage | None
    """None when the story has no infection."""


def sheet(game: Game) -> Sheet:
    story, state = game.story, game.state
    stats = tuple(
        StatLine(s.id, s.name, s.value, s.min, s.max, manifest.stat_description(story, s.id))
        for s in game.status
    )
    flags = tuple(
        f.description or f.id.replace("_", " ")
        for f in manifest.flags(story)
        if f.visible and state.flags.get(f.id, False)
    )
    label = manifest.stage_label(story, state.infection)
    stage = None
    if label is not None:
        countdown = state.countdown if state.infection == "bitten" else None
        stage = Stage(state.infection, label, countdown, manifest.infection_description(story))
    return Sheet(state.player, stats, flags, stage)
