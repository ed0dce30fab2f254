"""The scene format: pydantic models of what authors write in TOML.

Every model forbids unknown keys, so a typo in a scene file is a load error with a
"did you mean", never a silently ignored line. Cross-references (goto targets, item and
stat names, conditions) are checked by the loader once all files are read.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=64)]
"""Scene, item, stat and flag ids: letters, digits and underscores, not starting with a digit."""

Condition = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


class FileModel(BaseModel):
    """Base of every model read from disk: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


ItemCounts = dict[Id, Annotated[int, Field(ge=1, le=999)]]


class Effects(FileModel):
    """What happens when a choice is taken, a scene is entered or an item is used."""

    give: list[Id] | ItemCounts = Field(
        default_factory=list,
        description="Items the player gains: a list of ids, or a table of id = count.",
    )
    take: list[Id] | ItemCounts = Field(
        default_factory=list,
        description="Items the player loses: a list of ids, or a table of id = count.",
    )
    set: dict[Id, bool | int] = Field(
        default_factory=dict,
        description="Flags to set to true/false, or stats to set to a number.",
    )
    add: dict[Id, int] = Field(
        default_factory=dict, description="Numbers to add to stats (negative to subtract)."
    )
    infect: bool = Field(
        default=False,
        description="A bite: a human becomes bitten and the infection countdown starts.",
    )
    cure: bool = Field(
        default=False,
        description="Clears the infection: bitten or hybrid becomes human again.",
    )

    def is_empty(self) -> bool:
        return not (self.give or self.take or self.set or self.add or self.infect or self.cure)


NO_EFFECTS = Effects()


class Branch(FileModel):
    """One possible destination of a choice that branches by chance or condition."""

    goto: Id
    weight: Annotated[int, Field(ge=1, le=1_000_000)] = 1
    when: Condition | None = None


class Choice(FileModel):
    text: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    goto: Id | None = Field(default=None, description="The scene this choice leads to.")
    branch: list[Branch] = Field(
        default_factory=list,
        description=(
            "Instead of goto: several destinations. If any branch's `when` holds, one of those "
            "is drawn by weight; else one of the branches without `when`. Draws use the game's "
            "seeded generator. At least one branch must have no `when`."
        ),
    )
    when: Condition | None = Field(default=None, description="The choice is open only if true.")
    reason: str | None = Field(
        default=None,
        description="Shown beside a closed choice; derived from `when` if not given.",
    )
    if_closed: Literal["show", "hide"] = Field(
        default="show", description="How a closed choice shows: greyed out, or hidden."
    )
    once: bool = Field(default=False, description="Gone after it has been taken once.")
    effects: Effects = Field(default_factory=lambda: NO_EFFECTS)

    @model_validator(mode="after")
    def _one_destination(self) -> Choice:
        if self.goto is None and not self.branch:
            raise ValueError("a choice needs `goto` or `branch`")
        if self.goto is not None and self.branch:
            raise ValueError("a choice has either `goto` or `branch`, not both")
        if self.branch and all(b.when is not None for b in self.branch):
            raise ValueError(
                "every branch has a `when`; give one branch no `when` so the choice always "
                "leads somewhere"
            )
        return self


class Variant(FileModel):
    """Text shown only when a condition holds: added after the scene text, or replacing it."""

    when: Condition
    text: Annotated[str, StringConstraints(min_length=1)]
    replace: bool = Field(default=False, description="Replace the scene text instead of adding.")


class Ending(FileModel):
    id: Id
    title: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class Scene(FileModel):
    title: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    text: Annotated[str, StringConstraints(min_length=1)]
    variants: list[Variant] = Field(default_factory=list)
    on_enter: Effects = Field(default_factory=lambda: NO_EFFECTS)
    choices: list[Choice] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    ending: Ending | None = Field(
        default=None, description="Makes this scene an ending: the game is over here."
    )


class ItemAction(FileModel):
    """Something the player can do with an item from the inventory."""

    text: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    when: Condition | None = None
    reason: str | None = None
    effects: Effects = Field(default_factory=lambda: NO_EFFECTS)
    goto: Id | None = None
    consume: bool = Field(default=False, description="The item is used up (one of its count).")


class Item(FileModel):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    description: str = ""
    actions: list[ItemAction] = Field(default_factory=list)


class Stat(FileModel):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    start: int = 0
    min: int = 0
    max: int = 10
    visible: bool | Condition = Field(
        default=True,
        description='Shown to the player: true, false, or a condition such as "hybrid".',
    )
    at_min: Id | None = Field(
        default=None, description="Scene the game goes to when the stat falls to its min."
    )
    at_max: Id | None = Field(
        default=None, description="Scene the game goes to when the stat rises to its max."
    )

    @model_validator(mode="after")
    def _bounds(self) -> Stat:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        if not self.min <= self.start <= self.max:
            raise ValueError(f"start ({self.start}) is outside min..max ({self.min}..{self.max})")
        return self


class Outcome(FileModel):
    """One rule of how a bite ends: the first whose `when` holds gives the hybrid chance."""

    when: Condition | None = None
    hybrid_chance: Annotated[float, Field(ge=0.0, le=1.0)]


class Infection(FileModel):
    countdown: Annotated[int, Field(ge=1, le=100)] = Field(
        default=3, description="Scene changes from the bite until the outcome is decided."
    )
    zombie_scene: Id = Field(description="The ending scene of a player who turns.")
    outcomes: list[Outcome] = Field(
        default_factory=lambda: [Outcome(hybrid_chance=0.5)],
        description="Tried in order; the last should have no `when`.",
    )
    hunger_stat: Id | None = Field(
        default=None, description="A declared stat that rises while the player is a hybrid."
    )
    hunger_rise: Annotated[int, Field(ge=0, le=100)] = 1


class StoryInfo(FileModel):
    id: Id
    title: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    version: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    start: Id
    author: str = ""
    default_player: Annotated[str, StringConstraints(min_length=1, max_length=40)] = "Player"
    intro: str = ""


class Manifest(FileModel):
    """`story.toml`: what the whole story declares."""

    story: StoryInfo
    stats: dict[Id, Stat] = Field(default_factory=dict)
    flags: dict[Id, str] = Field(
        default_factory=dict, description="Declared flags (all start false): id = description."
    )
    items: dict[Id, Item] = Field(default_factory=dict)
    infection: Infection | None = None
