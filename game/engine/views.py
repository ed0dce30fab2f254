"""What the engine shows a front end: small frozen views, never the state itself."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.state import GameState
from game.story.model import STAT_LIMIT
from game.story.story import Story


class GameError(Exception):
    """A request the rules refuse (a closed choice, an item not carried); the game goes on."""


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened in the last step, for the front end to announce.

    kind is one of: gain, lose, stat, bitten, hybrid, zombie, cured, hunger, ending.
    """

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class ChoiceView:
    text: str
    open: bool
    reason: str | None


@dataclass(frozen=True, slots=True)
class StatView:
    id: str
    name: str
    value: int
    min: int
    max: int

    @property
    def bounded(self) -> bool:
        """Both bounds were given: a bar or `value/max` means something."""
        return self.min > -STAT_LIMIT and self.max < STAT_LIMIT


ActionView = ChoiceView
"""An item action as the inventory shows it: the same three facts as a choice."""


@dataclass(frozen=True, slots=True)
class ItemView:
    id: str
    name: str
    description: str
    count: int
    actions: tuple[ActionView, ...]


@dataclass(frozen=True, slots=True)
class EndingView:
    id: str
    title: str


def stat_views(story: Story, state: GameState) -> list[StatView]:
    """The stats the player may see now (a stat's `visible` may depend on the state)."""
    out = []
    for sid, sp in story.stats.items():
        if sp.visible if isinstance(sp.visible, bool) else sp.visible.test(state):
            st = sp.stat
            out.append(StatView(sid, st.name, state.stats.get(sid, st.start), st.min, st.max))
    return out


def item_views(story: Story, state: GameState) -> list[ItemView]:
    """What the player carries, each item with its actions open or closed (and why)."""
    out = []
    for iid, count in state.inventory.items():
        plan = story.items.get(iid)
        if plan is None or count <= 0:
            continue
        actions = []
        for a in plan.actions:
            ok = a.when is None or a.when.test(state)
            reason = None if ok or a.when is None else (a.reason or a.when.why_not(state))
            actions.append(ActionView(a.text, ok, reason))
        out.append(ItemView(iid, plan.name, plan.item.description, count, tuple(actions)))
    return out
