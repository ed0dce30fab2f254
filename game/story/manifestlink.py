"""What the manifest declares, compiled and cross-checked: stats, items with their actions,
infection outcomes and the story's own messages.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from game.story.conditions import CompiledCondition
from game.story.model import Messages
from game.story.schema_errors import Loc
from game.story.story import ActionPlan, ItemPlan, OutcomePlan, StatPlan

if TYPE_CHECKING:
    from game.story.linker import Linker

MESSAGE_FIELDS = {
    "gain": ("item",),
    "gain_many": ("item", "count"),
    "lose": ("item",),
    "stat_up": ("stat", "delta", "value"),
    "stat_down": ("stat", "delta", "value"),
    "ending": ("ending",),
}
"""The fields each of the story's `[messages]` may use."""


def link_globals(
    linker: Linker,
) -> tuple[dict[str, StatPlan], dict[str, ItemPlan], tuple[OutcomePlan, ...]]:
    """Compile what the manifest declares: stats, items and infection outcomes."""
    m, mf = linker.m, linker.mfile
    for key in set(m.flags) & set(m.stats):
        linker.loader.at(mf, ("flags", key), f"'{key}' is both a flag and a stat; rename one")
    linker.scene_ref(mf, ("story", "start"), m.story.start)
    stats: dict[str, StatPlan] = {}
    for sid, stat in m.stats.items():
        linker.scene_ref(mf, ("stats", sid, "at_min"), stat.at_min)
        linker.scene_ref(mf, ("stats", sid, "at_max"), stat.at_max)
        vis: CompiledCondition | bool = (
            stat.visible
            if isinstance(stat.visible, bool)
            else (linker.condition(mf, ("stats", sid, "visible"), stat.visible) or True)
        )
        stats[sid] = StatPlan(sid, stat, vis)
    outcomes: list[OutcomePlan] = []
    if m.infection is not None:
        inf = m.infection
        linker.scene_ref(mf, ("infection", "zombie_scene"), inf.zombie_scene)
        if inf.hunger_stat is not None and inf.hunger_stat not in m.stats:
            linker.unknown(mf, ("infection", "hunger_stat"), "stat", inf.hunger_stat, m.stats)
        for i, o in enumerate(inf.outcomes):
            cond = linker.condition(mf, ("infection", "outcomes", i, "when"), o.when)
            outcomes.append(OutcomePlan(cond, o.hybrid_chance))
        if inf.outcomes and inf.outcomes[-1].when is not None:
            linker.loader.at(
                mf,
                ("infection", "outcomes", len(inf.outcomes) - 1),
                "the last infection outcome needs no `when`, so every bite has an outcome",
            )
    _messages(linker, m.messages)
    items: dict[str, ItemPlan] = {}
    for iid, item in m.items.items():
        actions = []
        for i, a in enumerate(item.actions):
            loc: Loc = ("items", iid, "actions", i)
            linker.scene_ref(mf, (*loc, "goto"), a.goto)
            actions.append(
                ActionPlan(
                    i,
                    a.text,
                    linker.condition(mf, (*loc, "when"), a.when),
                    a.reason,
                    linker.effects(mf, (*loc, "effects"), a.effects),
                    a.goto,
                    a.consume,
                    linker.optional_template(mf, (*loc, "response"), a.response),
                )
            )
        if item.actions:
            linker.items_read.add(iid)
        items[iid] = ItemPlan(iid, item, tuple(actions))
    return stats, items, tuple(outcomes)


def _messages(linker: Linker, messages: Messages) -> None:
    """The engine's own sentences may name only the fields each one is given."""
    for key, fields in MESSAGE_FIELDS.items():
        text = getattr(messages, key)
        for m in re.finditer(r"\{([^{}]*)\}", text):
            if m.group(1) not in fields:
                allowed = ", ".join(f"{{{f}}}" for f in fields)
                linker.loader.at(
                    linker.mfile,
                    ("messages", key),
                    f"messages.{key}: unknown field '{m.group()}' (this message can use {allowed})",
                )
