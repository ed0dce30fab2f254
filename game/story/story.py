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
from game.story.model import Ending, Infection, Item, Stat, StoryInfo
from game.story.text import Template


@dataclass(frozen=True, slots=True)
class EffectsPlan:
    give: Mapping[str, int]
    take: Mapping[str, int]
    set_flags: Mapping[str, bool]
    set_stats: Mapping[str, int]
    add: Mapping[str, int]
    infect: bool
    cure: bool

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


NO_EFFECTS = EffectsPlan({}, {}, {}, {}, {}, False, False)


@dataclass(frozen=True, slots=True)
class BranchPlan:
    goto: str
    weight: int
    when: CompiledCondition | None


@dataclass(frozen=True, slots=True, eq=False)
class ChoicePlan:
    """A compiled choice; compared and hashed by identity (front ends cache its views)."""

    index: int
    text: Template
    goto: str | None
    branches: tuple[BranchPlan, ...]
    when: CompiledCondition | None
    reason: str | None
    hide: bool
    once: bool
    effects: EffectsPlan

    @property
    def targets(self) -> tuple[str, ...]:
        return (self.goto,) if self.goto else tuple(b.goto for b in self.branches)


@dataclass(frozen=True, slots=True)
class VariantPlan:
    when: CompiledCondition
    text: Template
    replace: bool


@dataclass(frozen=True, slots=True)
class ScenePlan:
    id: str
    title: str
    text: Template
    variants: tuple[VariantPlan, ...]
    on_enter: EffectsPlan
    choices: tuple[ChoicePlan, ...]
    tags: tuple[str, ...]
    ending: Ending | None
    path: Path


@dataclass(frozen=True, slots=True)
class ActionPlan:
    index: int
    text: str
    when: CompiledCondition | None
    reason: str | None
    effects: EffectsPlan
    goto: str | None
    consume: bool


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

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def version(self) -> str:
        return self.info.version

    @property
    def title(self) -> str:
        return self.info.title
