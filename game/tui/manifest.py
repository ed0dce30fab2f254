"""What the story says about itself for the player's screens: what a stat or flag means, what
the infection's stages are called, hints for locked endings, which act a scene belongs to.

One place for these questions, so the help, the stats screen, the save list and the story map
answer them the same way. No Textual here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from game.story.model import STAT_LIMIT
from game.story.story import Story

_ACT_FILE = re.compile(r"^act[ _-]?(\d+)", re.IGNORECASE)

BOUNDED = STAT_LIMIT
"""A stat whose max is the format's limit was given none: its max is not shown (the same
rule as `StatView.bounded`)."""


@dataclass(frozen=True, slots=True)
class FlagInfo:
    id: str
    description: str
    visible: bool


def stat_description(story: Story, stat_id: str) -> str:
    plan = story.stats.get(stat_id)
    return plan.stat.description if plan is not None else ""


def stat_value(value: int, maximum: int) -> str:
    """`4/10`, or `4` for a stat without a real upper bound."""
    return f"{value}/{maximum}" if maximum < BOUNDED else str(value)


def flags(story: Story) -> list[FlagInfo]:
    """Every declared flag, with whether the stats screen lists it once set."""
    return [
        FlagInfo(fid, description, fid in story.visible_flags)
        for fid, description in story.flags.items()
    ]


def ending_hint(story: Story, ending_id: str) -> str:
    return story.ending_hints.get(ending_id, "")


def infection_description(story: Story) -> str:
    return story.infection.description if story.infection is not None else ""


def stage_label(story: Story, infection: str) -> str | None:
    """The story's name for an infection stage; None when the story has no infection."""
    if story.infection is None:
        return None
    return str(getattr(story.infection.labels, infection, infection.title()))


def alert_stats(story: Story) -> frozenset[str]:
    """Stats the one-line status shows: those whose bound ends or turns the story (health,
    hunger). A story without such stats shows its first stat."""
    out = {
        sid
        for sid, plan in story.stats.items()
        if plan.stat.at_min is not None or plan.stat.at_max is not None
    }
    if story.infection is not None and story.infection.hunger_stat is not None:
        out.add(story.infection.hunger_stat)
    if not out and story.stats:
        out.add(next(iter(story.stats)))
    return frozenset(out)


def act_label(story: Story, scene_id: str) -> str:
    """The part of the story a scene belongs to: `Act 2` for a scene in `act2_school.toml`,
    else the scene file's name as a title (`School`): each scene file is a chapter."""
    scene = story.scenes.get(scene_id)
    return file_label(scene.path) if scene is not None else ""


def file_label(path: Path) -> str:
    match = _ACT_FILE.match(path.stem)
    if match:
        return f"Act {int(match.group(1))}"
    return path.stem.replace("_", " ").strip().capitalize()
