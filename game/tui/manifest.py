"""What the story says about itself for the player's screens: what a stat or flag means, what
the infection's stages are called, hints for locked endings, which act a scene belongs to.

Read with defaults in one place, so the screens work with a format 1 story (which says none of
this) and with a format 2 one (`Stat.description`, `[flags.x] visible`, `Ending.hint`,
`Infection.description` and `labels`). No Textual here: the help, the stats screen, the save
list and the story map all ask the same questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from game.story.story import Story

DEFAULT_LABELS = {"human": "Human", "bitten": "Bitten", "hybrid": "Hybrid", "zombie": "Turned"}
"""Stage names when the story gives none (format 1)."""

_ACT_FILE = re.compile(r"^act[ _-]?(\d+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FlagInfo:
    id: str
    description: str
    visible: bool


def stat_description(story: Story, stat_id: str) -> str:
    plan = story.stats.get(stat_id)
    return str(getattr(plan.stat, "description", "") or "") if plan is not None else ""


def stat_announced(story: Story, stat_id: str) -> bool:
    plan = story.stats.get(stat_id)
    return bool(getattr(plan.stat, "announce", True)) if plan is not None else True


def flags(story: Story) -> list[FlagInfo]:
    """Every declared flag; a bare string (format 1) is a description of a hidden flag."""
    visible = getattr(story, "visible_flags", None)
    out = []
    for fid, value in story.flags.items():
        if isinstance(value, str):
            description, shown = value, False
        else:
            description = str(getattr(value, "description", "") or "")
            shown = bool(getattr(value, "visible", False))
        if visible is not None:
            shown = shown or fid in visible
        out.append(FlagInfo(fid, description, shown))
    return out


def ending_hint(story: Story, ending_id: str) -> str:
    hints = getattr(story, "ending_hints", None)
    if hints is not None:
        return str(hints.get(ending_id, "") or "")
    for scene in story.scenes.values():  # format 1 stories have no hints, but look anyway
        if scene.ending is not None and scene.ending.id == ending_id:
            return str(getattr(scene.ending, "hint", "") or "")
    return ""


def has_infection(story: Story) -> bool:
    return story.infection is not None


def infection_description(story: Story) -> str:
    return str(getattr(story.infection, "description", "") or "") if story.infection else ""


def stage_label(story: Story, infection: str) -> str | None:
    """The story's name for an infection stage; None when the story has no infection."""
    if story.infection is None:
        return None
    labels = getattr(story.infection, "labels", None)
    label = getattr(labels, infection, None) if labels is not None else None
    return str(label) if label else DEFAULT_LABELS.get(infection, infection.title())


def hunger_stat(story: Story) -> str | None:
    return story.infection.hunger_stat if story.infection is not None else None


def alert_stats(story: Story) -> frozenset[str]:
    """Stats the one-line status shows: those whose bound ends or turns the story (health,
    hunger). A story without such stats shows its first stat."""
    out = {
        sid
        for sid, plan in story.stats.items()
        if plan.stat.at_min is not None or plan.stat.at_max is not None
    }
    hunger = hunger_stat(story)
    if hunger is not None:
        out.add(hunger)
    if not out and story.stats:
        out.add(next(iter(story.stats)))
    return frozenset(out)


def act_label(story: Story, scene_id: str) -> str:
    """The part of the story a scene belongs to: `Act 2` for a scene in `act2_school.toml`,
    else the scene file's name as a title (`School`); each scene file is a chapter."""
    scene = story.scenes.get(scene_id)
    if scene is None:
        return ""
    return file_label(scene.path)


def file_label(path: Path) -> str:
    match = _ACT_FILE.match(path.stem)
    if match:
        return f"Act {int(match.group(1))}"
    return path.stem.replace("_", " ").strip().capitalize()


BOUNDED = 1_000_000
"""A stat whose max is at least this is unbounded in practice: its max is not shown."""


def stat_value(value: int, maximum: int) -> str:
    """`4/10`, or `4` for a stat without a real upper bound."""
    return f"{value}/{maximum}" if maximum < BOUNDED else str(value)
