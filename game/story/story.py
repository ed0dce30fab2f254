"""A loaded story: immutable, cross-referenced and ready to play.

The models in `model.py` are what the author wrote; these are what the engine runs: every
condition compiled, every text template resolved, every item count normalised.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from game.story.conditions import CompiledCondition
from game.story.diagnostics import Diagnostic
from game.story.model import Defaults, Ending, Infection, Item, Messages, Stat, StoryInfo
from game.story.text import Template


@dataclass(frozen=True, slots=True)
class EffectsPlan:
    """One table of effects; `when` (in an ordered list) is tested as it is reached."""

    give: Mapping[str, int]
    take: Mapping[str, int]
    set_flags: Mapping[str, bool]
    set_stats: Mapping[str, int]
    add: Mapping[str, int]
    infect: bool
    cure: bool
    when: CompiledCondition | None = None

    @property
    def empty(self) -> bool:
        return not (
            self.give
            or self.take
            or self.set_flags
            or self.set_stats
            or self.add
            or self.infect
            or self.cure
        )


NO_EFFECTS: tuple[EffectsPlan, ...] = ()
"""Effects are an ordered tuple of tables, applied in turn; most are empty."""


@dataclass(frozen=True, slots=True)
class BranchPlan:
    goto: str
    weight: int
    when: CompiledCondition | None


@dataclass(frozen=True, slots=True, eq=False)
class ChoicePlan:
    """A compiled choice; compared and hashed by identity (front ends cache its views)."""

    index: int
    key: str
    """`scene:index`, 1-based like the player's numbers: once-choices and counts use it."""
    text: Template
    goto: str | None
    branches: tuple[BranchPlan, ...]
    when: CompiledCondition | None
    reason: str | None
    hide: bool
    once: bool
    effects: tuple[EffectsPlan, ...]
    response: Template | None = None
    call: str | None = None
    returns: bool = False

    @property
    def targets(self) -> tuple[str, ...]:
        """Where the choice can lead next (a call's subroutine first)."""
        after = (self.goto,) if self.goto else tuple(b.goto for b in self.branches)
        return (self.call, *after) if self.call else after

    @property
    def infects(self) -> bool:
        return any(fx.infect for fx in self.effects)


@dataclass(frozen=True, slots=True)
class VariantPlan:
    when: CompiledCondition
    text: Template
    replace: bool


@dataclass(frozen=True, slots=True)
class ScenePlan:
    id: str
    title: str
    """"" for a scene without one: the page keeps the title it has."""
    text: Template
    variants: tuple[VariantPlan, ...]
    on_enter: tuple[EffectsPlan, ...]
    choices: tuple[ChoicePlan, ...]
    tags: tuple[str, ...]
    ending: Ending | None
    path: Path
    next: tuple[BranchPlan, ...] = ()
    call: str | None = None
    returns: bool = False

    @property
    def flows_on(self) -> bool:
        """The scene hands on without a click (`next`, `return`)."""
        return bool(self.next) or self.returns

    @property
    def targets(self) -> tuple[str, ...]:
        """Scenes this one can lead to: its `call`, its `next` and its choices' targets."""
        out = [self.call] if self.call else []
        out += [b.goto for b in self.next]
        for c in self.choices:
            out += c.targets
        return tuple(out)


@dataclass(frozen=True, slots=True)
class ActionPlan:
    index: int
    text: str
    when: CompiledCondition | None
    reason: str | None
    effects: tuple[EffectsPlan, ...]
    goto: str | None
    consume: bool
    response: Template | None = None


@dataclass(frozen=True, slots=True)
class ItemPlan:
    id: str
    item: Item
    actions: tuple[ActionPlan, ...]

    @property
    def name(self) -> str:
        return self.item.name


@dataclass(frozen=True, slots=True)
class StatPlan:
    id: str
    stat: Stat
    visible: CompiledCondition | bool


@dataclass(frozen=True, slots=True)
class OutcomePlan:
    when: CompiledCondition | None
    hybrid_chance: float


@dataclass(frozen=True)
class Story:
    info: StoryInfo
    root: Path
    files: tuple[Path, ...]
    stats: Mapping[str, StatPlan]
    flags: Mapping[str, str]
    items: Mapping[str, ItemPlan]
    scenes: Mapping[str, ScenePlan]
    infection: Infection | None
    outcomes: tuple[OutcomePlan, ...]
    endings: Mapping[str, str] = field(default_factory=dict)
    """Every ending of the story: id -> title (the first scene's title for a shared id)."""
    warnings: tuple[Diagnostic, ...] = field(default=())
    messages: Messages = field(default_factory=Messages)
    defaults: Defaults = field(default_factory=Defaults)
    visible_flags: frozenset[str] = frozenset()
    """Flags the story lists on the player's stats screen while they are set."""
    ending_hints: Mapping[str, str] = field(default_factory=dict)
    """Ending id -> the hint the gallery shows while it is locked (may be empty)."""

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def version(self) -> str:
        return self.info.version

    @property
    def title(self) -> str:
        return self.info.title
