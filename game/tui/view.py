"""Frozen views of a game for the play screen: replaced as a whole after every step.

The play screen holds one `PlayView` in a reactive; its widgets render parts of it. Nothing
here imports Textual, so a view can be built and compared in a plain test.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import ChoiceView, EndingView, Game, ItemView, StatView
from game.tui import manifest

LOG_KEEP = 30
"""How many log entries the play screen shows; the history screen shows all of them."""


@dataclass(frozen=True, slots=True)
class LogView:
    """One scene as read: its title, text, what was chosen there and what happened.

    `index` is the entry's place in the whole log, so a widget can be kept across steps.
    """

    index: int
    turn: int
    title: str
    text: str
    choice: str | None
    events: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlayView:
    player: str
    title: str
    turn: int
    choices: tuple[ChoiceView, ...]
    stats: tuple[StatView, ...]
    infection: str
    stage_label: str | None
    """The story's name for the infection stage; None when the story has no infection."""
    countdown: int | None
    inventory: tuple[ItemView, ...]
    log: tuple[LogView, ...]
    can_undo: bool
    ended: EndingView | None
    alerts: frozenset[str] = frozenset()
    """Stats the one-line status shows when the side panel is folded away."""
    taken: tuple[bool, ...] = ()
    """For each choice: taken in an earlier game (marked, so replays find new paths)."""


EMPTY_VIEW = PlayView("", "", 0, (), (), "human", None, None, (), (), False, None)


def log_views(game: Game, keep: int | None = None) -> tuple[LogView, ...]:
    log = game.state.log
    start = 0 if keep is None else max(0, len(log) - keep)
    return tuple(
        LogView(i, e.turn, e.title, e.text, e.choice, tuple(e.events))
        for i, e in enumerate(log[start:], start)
    )


def play_view(game: Game, taken: tuple[bool, ...] = ()) -> PlayView:
    s = game.state
    return PlayView(
        player=s.player,
        title=game.title,
        turn=s.turn,
        choices=tuple(game.choices),
        stats=tuple(game.status),
        infection=s.infection,
        stage_label=game.stage_label,
        countdown=s.countdown,
        inventory=tuple(game.inventory),
        log=log_views(game, LOG_KEEP),
        can_undo=game.can_undo,
        ended=game.ended,
        alerts=manifest.alert_stats(game.story),
        taken=taken,
    )
