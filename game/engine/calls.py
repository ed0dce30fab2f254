"""The subroutine call stack (`call` and `return`), kept in the state so a save holds it."""

from __future__ import annotations

from game.engine.state import GameState

STAY, GO = "stay:", "go:"
"""Call-stack entries: where a subroutine's `return` leads. `stay:X` shows scene X's choices
again (the call was made from X); `go:X` enters X."""


def push_call(state: GameState, after: str) -> None:
    """Start a subroutine that goes on to `after` when it returns (copy on write: undo
    points share the list)."""
    state.calls = [*state.calls, after]


def pop_call(state: GameState) -> str:
    """End the running subroutine: where the flow goes on. With none running (the checker
    rules that out; a dev-mode jump can still get here) the player stays where they are."""
    if not state.calls:
        return STAY + state.scene
    after = state.calls[-1]
    state.calls = state.calls[:-1]
    return after
