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
    """Base of every model read from disk: unknown keys are errors, values are immutable, and
    values are taken strictly (`once = "yes"` is an error, never silently true)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, defer_build=True, strict=True, populate_by_name=True
    )


ItemCounts = dict[Id, Annotated[int, Field(ge=1, le=999)]]


class Effects(FileModel):
    """What happens when a choice is taken, a scene is entered or an item is used.

    Applied in this order: give, take, set, add, cure, infect. A list of these tables is
    applied in the order written, each only if its `when` holds at that moment.
    """

    when: Condition | None = Field(
        default=None, description="In a list of effects: apply this table only if true."
    )
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

EffectList = Effects | list[Effects]
"""One table of effects, or an ordered list of tables that may each have a `when`."""

SCENE_TEXT_LIMIT = 90_000
"""What one scene may show at once (text and every variant): a page in a save holds 100,000
characters, and fields filled in at play need room."""

Text = Annotated[str, StringConstraints(max_length=100_000)]
"""Any text in the text language; the bound keeps every save readable (saves hold text)."""


class Branch(FileModel):
    """One possible destination of a choice that branches by chance or condition."""

    goto: Id
    weight: Annotated[int, Field(ge=1, le=1_000_000)] = 1
    when: Condition | None = None


class Choice(FileModel):
    text: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    response: Text | None = Field(
        default=None,
        description="What the player reads right after choosing, before the next scene's text.",
    )
    goto: Id | None = Field(default=None, description="The scene this choice leads to.")
    branch: list[Branch] = Field(
        default_factory=list,
        description=(
            "Instead of goto: several destinations. If any branch's `when` holds, one of those "
            "is drawn by weight; else one of the branches without `when`. Draws use the game's "
            "seeded generator. At least one branch must have no `when`."
        ),
    )
    call: Id | None = Field(
        default=None,
        description=(
            "A scene to run as a subroutine first; when it returns, the choice goes on to its "
            "`goto` (or stays in this scene when it has none)."
        ),
    )
    return_: bool = Field(
        default=False,
        alias="return",
        description="Ends the subroutine this scene runs in: flow goes back to the caller.",
    )
    when: Condition | None = Field(default=None, description="The choice is open only if true.")
    reason: Annotated[str, StringConstraints(max_length=500)] | None = Field(
        default=None,
        description="Shown beside a closed choice; derived from `when` if not given.",
    )
    if_closed: Literal["show", "hide"] | None = Field(
        default=None,
        description="How a closed choice shows: greyed out, or hidden (default from [defaults]).",
    )
    once: bool = Field(default=False, description="Gone after it has been taken once.")
    effects: EffectList = Field(default_factory=lambda: NO_EFFECTS)

    @model_validator(mode="after")
    def _one_destination(self) -> Choice:
        if self.goto is not None and self.branch:
            raise ValueError("a choice has either `goto` or `branch`, not both")
        if self.return_ and (self.goto is not None or self.branch or self.call is not None):
            raise ValueError(
                "a choice with `return = true` goes back to its caller; remove its `goto`, "
                "`branch` or `call`"
            )
        if (
            self.goto is None
            and not self.branch
            and self.call is None
            and not self.return_
            and self.response is None
        ):
            raise ValueError(
                "a choice needs somewhere to go: `goto`, `branch`, `call` or `return = true`, "
                "or a `response` to stay in this scene"
            )
        if self.branch and all(b.when is not None for b in self.branch):
            raise ValueError(
                "every branch has a `when`; give one branch no `when` so the choice always "
                "leads somewhere"
            )
        return self


class Variant(FileModel):
    """Text shown only when a condition holds: added after the scene text, or replacing it."""

    when: Condition
    text: Annotated[str, StringConstraints(min_length=1, max_length=100_000)]
    replace: bool = Field(default=False, description="Replace the scene text instead of adding.")


class Ending(FileModel):
    id: Id
    title: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    hint: Annotated[str, StringConstraints(max_length=500)] = Field(
        default="", description="Shown for this ending while it is still locked in the gallery."
    )


class Scene(FileModel):
    title: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = Field(
        default=None, description="Shown above the page; a scene without one keeps the page's."
    )
    text: Text = ""
    variants: list[Variant] = Field(default_factory=list)
    on_enter: EffectList = Field(default_factory=lambda: NO_EFFECTS)
    choices: list[Choice] = Field(default_factory=list)
    next: Id | list[Branch] | None = Field(
        default=None,
        description=(
            "Hand on to another scene without a click: both texts show as one page. A list "
            "of branches works as a choice's `branch`."
        ),
    )
    call: Id | None = Field(
        default=None,
        description=(
            "A scene to run as a subroutine after this text; when it returns, flow goes on to "
            "`next` (or to this scene's choices)."
        ),
    )
    return_: bool = Field(
        default=False,
        alias="return",
        description="This scene ends a subroutine: flow goes back to the caller.",
    )
    tags: list[str] = Field(default_factory=list)
    ending: Ending | None = Field(
        default=None, description="Makes this scene an ending: the game is over here."
    )

    @model_validator(mode="after")
    def _one_way_on(self) -> Scene:
        if self.next is None and not self.return_ and self.call is None:
            return self  # choices, an ending or both: the loader words the last itself
        ways = [
            name
            for name, present in (
                ("choices", bool(self.choices)),
                ("next", self.next is not None),
                ("return", self.return_),
                ("ending", self.ending is not None),
            )
            if present
        ]
        # choices with an ending: the loader says it in its own words, at the ending
        if len(ways) > 1 and ways != ["choices", "ending"]:
            raise ValueError(
                f"a scene goes on in one way only, but this one has {' and '.join(ways)}; keep one"
            )
        if isinstance(self.next, list):
            if not self.next:
                raise ValueError("`next` is an empty list; give a scene id or branches")
            if all(b.when is not None for b in self.next):
                raise ValueError(
                    "every branch of `next` has a `when`; give one branch no `when` so the "
                    "scene always goes on"
                )
        if self.call is not None and self.ending is not None:
            raise ValueError("an ending cannot `call` a scene; remove `call` or the ending")
        return self


class Defaults(FileModel):
    """Values a story (in story.toml) or one scene file gives every choice that does not say."""

    if_closed: Literal["show", "hide"] = Field(
        default="show", description="How closed choices show: greyed out, or hidden."
    )


class ItemAction(FileModel):
    """Something the player can do with an item from the inventory."""

    text: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    response: Text | None = Field(
        default=None, description="What the player reads after using the item this way."
    )
    when: Condition | None = None
    reason: Annotated[str, StringConstraints(max_length=500)] | None = None
    effects: EffectList = Field(default_factory=lambda: NO_EFFECTS)
    goto: Id | None = None
    consume: bool = Field(default=False, description="The item is used up (one of its count).")


class Item(FileModel):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    description: str = ""
    actions: list[ItemAction] = Field(default_factory=list)


STAT_LIMIT = 1_000_000_000
"""The widest range a stat may have: what a save can hold."""

StatValue = Annotated[int, Field(ge=-STAT_LIMIT, le=STAT_LIMIT)]


class Stat(FileModel):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    description: Annotated[str, StringConstraints(max_length=500)] = Field(
        default="", description="One line for the stats screen and help: what this stat opens."
    )
    start: StatValue = 0
    min: StatValue = Field(default=-STAT_LIMIT, description="Lowest value; unbounded if left out.")
    max: StatValue = Field(default=STAT_LIMIT, description="Highest value; unbounded if left out.")
    visible: bool | Condition = Field(
        default=True,
        description='Shown to the player: true, false, or a condition such as "hybrid".',
    )
    announce: bool = Field(
        default=True, description="Changes are told to the player (false: they happen quietly)."
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
        if self.start < self.min:
            raise ValueError(f"start ({self.start}) is below min ({self.min})")
        if self.start > self.max:
            raise ValueError(f"start ({self.start}) is above max ({self.max})")
        return self


class Outcome(FileModel):
    """One rule of how a bite ends: the first whose `when` holds gives the hybrid chance."""

    when: Condition | None = None
    hybrid_chance: Annotated[float, Field(ge=0.0, le=1.0)]


class InfectionLabels(FileModel):
    """What the status line calls each stage."""

    human: Annotated[str, StringConstraints(max_length=40)] = "Human"
    bitten: Annotated[str, StringConstraints(max_length=40)] = "Bitten"
    hybrid: Annotated[str, StringConstraints(max_length=40)] = "Hybrid"
    zombie: Annotated[str, StringConstraints(max_length=40)] = "Turned"


Message = Annotated[str, StringConstraints(max_length=500)]


class InfectionMessages(FileModel):
    """What the player is told when the infection moves on."""

    bitten: Message = "You have been bitten."
    hybrid: Message = (
        "The fever breaks. You are still yourself, and not only yourself: you have become a hybrid."
    )
    zombie: Message = "The fever takes you. You have turned."
    cured: Message = "The infection is gone from your blood."
    hunger: Message = "The hunger is rising. You can smell every living thing nearby."


class Messages(FileModel):
    """Every sentence the engine says on its own, as the story words it.

    Fields in braces: {item}, {count} (gain_many), {stat}, {delta}, {value}, {ending}.
    """

    gain: Message = "You gain {item}."
    gain_many: Message = "You gain {item} ×{count}."
    lose: Message = "You lose {item}."
    stat_up: Message = "{stat} +{delta} (now {value})."
    stat_down: Message = "{stat} −{delta} (now {value})."
    ending: Message = "Ending: {ending}"


class Flag(FileModel):
    description: Annotated[str, StringConstraints(max_length=500)] = ""
    visible: bool = Field(
        default=False, description="Listed on the player's stats screen while it is set."
    )


class Infection(FileModel):
    description: Annotated[str, StringConstraints(max_length=2000)] = Field(
        default="", description="A few lines for the help screen: what the stages mean."
    )
    labels: InfectionLabels = Field(default_factory=InfectionLabels)
    messages: InfectionMessages = Field(default_factory=InfectionMessages)
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
    intro: Annotated[str, StringConstraints(max_length=20_000)] = ""
    ask_name: bool = Field(default=True, description="Ask the player's name at a new game.")
    name_prompt: Annotated[str, StringConstraints(min_length=1, max_length=200)] = (
        "What is your name?"
    )


class Manifest(FileModel):
    """`story.toml`: what the whole story declares."""

    story: StoryInfo
    stats: dict[Id, Stat] = Field(default_factory=dict)
    flags: dict[Id, str | Flag] = Field(
        default_factory=dict,
        description="Declared flags (all start false): id = description, or a [flags.id] table.",
    )
    items: dict[Id, Item] = Field(default_factory=dict)
    infection: Infection | None = None
    messages: Messages = Field(default_factory=Messages)
    defaults: Defaults = Field(default_factory=Defaults)

    def flag(self, fid: str) -> Flag:
        value = self.flags[fid]
        return Flag(description=value) if isinstance(value, str) else value

    def flag_descriptions(self) -> dict[str, str]:
        return {fid: self.flag(fid).description for fid in self.flags}
