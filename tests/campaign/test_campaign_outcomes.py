"""Show what happens: no choice changes the game off-screen (issue 12, part 1).

The rule, exactly. A choice *has effects* when any of its effect tables is not empty (it
gives or takes an item, sets a flag or a stat, adds to a stat, infects or cures). Such a
choice must say in prose what was done, in one of three ways:

1. it has a `response` (shown on the same page as the destination), or
2. every scene it can lead to has *one way in*: that scene's text is about this choice alone,
   or
3. every *shared* scene it can lead to reads, in a variant's `when` or in an inline
   `{if ...}` of its text, at least one of the names the choice changed (a flag, a stat, an
   item through `has()`/`count()`, or `infected`/`bitten`/`hybrid`/`human` for an infection
   change), so that the page shows what changed.

Where a choice leads: its `goto` or every branch of `branch`, and the scene it `call`s. A
choice that `return`s leads back to a caller the graph cannot name, so it needs a response;
a choice that stays (no `goto`) must have one already (the loader insists). A junction (a
scene with no text of its own that flows on with `next`) is looked through: the choice leads
to the junction's targets.

Ways into a scene: every choice target and every `next`/`call` edge from another scene, the
story's start, item actions' `goto`, stat bounds' `at_min`/`at_max`, and the infection's
zombie scene. A scene with more than one is *shared*.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from game.engine import Game
from game.story import Story
from game.story.conditions import Call, Name, parse_condition, walk
from game.story.story import ChoicePlan, EffectsPlan, ScenePlan

from .count_words import SceneSource, scene_sources

INFECTION_NAMES = frozenset({"infected", "bitten", "hybrid", "human", "zombie"})
_INLINE_IF = re.compile(r"\{\s*if\s([^:}]*):")


def ways_in(story: Story) -> Counter[str]:
    """How many edges lead into each scene (see the module docstring)."""
    ways: Counter[str] = Counter()
    for scene in story.scenes.values():
        for target in scene.targets:
            ways[target] += 1
    ways[story.info.start] += 1
    for item in story.items.values():
        for a in item.actions:
            if a.goto:
                ways[a.goto] += 1
    for sp in story.stats.values():
        for bound in (sp.stat.at_min, sp.stat.at_max):
            if bound:
                ways[bound] += 1
    if story.infection is not None:
        ways[story.infection.zombie_scene] += 1
    return ways


def changed_names(effects: Iterable[EffectsPlan]) -> set[str]:
    """The names a condition could read to see what these effects did."""
    names: set[str] = set()
    for fx in effects:
        names |= set(fx.give) | set(fx.take) | set(fx.set_flags) | set(fx.set_stats)
        names |= set(fx.add)
        if fx.infect or fx.cure:
            names |= INFECTION_NAMES
    return names


def names_in(condition: str) -> set[str]:
    """Flag and stat names a condition reads, and the items it asks about."""
    out: set[str] = set()
    for node in walk(parse_condition(condition)):
        if isinstance(node, Name):
            out.add(node.name)
        elif isinstance(node, Call) and node.args:
            arg = node.args[0]
            out.add(str(getattr(arg, "name", getattr(arg, "value", ""))))
    return out


def names_read(scene: ScenePlan, src: SceneSource) -> set[str]:
    """What a scene's page depends on: its variants' conditions and its inline `{if}`s."""
    out: set[str] = set()
    for v in scene.variants:
        out |= names_in(v.when.source)
    for text in (src.text, *(t for t, _ in src.variants)):
        for cond in _INLINE_IF.findall(text):
            out |= names_in(cond.strip())
    return out


def destinations(story: Story, choice: ChoicePlan) -> list[str] | None:
    """Scenes whose text follows the choice on its page; None when the graph cannot say."""
    if choice.returns:
        return None
    todo = list(choice.targets)
    out: list[str] = []
    seen: set[str] = set()
    while todo:
        sid = todo.pop()
        if sid in seen:
            continue
        seen.add(sid)
        scene = story.scenes[sid]
        if scene.next and not scene.text.render_constant().strip() and not scene.variants:
            todo += [b.goto for b in scene.next]
        else:
            out.append(sid)
    return out


def silent_choices(story: Story) -> list[str]:
    """Every choice with effects that shows nothing of what it did (see the module rule)."""
    ways = ways_in(story)
    sources = scene_sources(story)
    bad: list[str] = []
    for scene in story.scenes.values():
        for c in scene.choices:
            if c.response is not None or all(fx.empty for fx in c.effects):
                continue
            targets = destinations(story, c)
            if targets is None:
                bad.append(f"{c.key} ({plain_label(c)}): returns with effects and no response")
                continue
            changed = changed_names(c.effects)
            for target in targets:
                if ways[target] <= 1:
                    continue
                read = names_read(story.scenes[target], sources.get(target, SceneSource()))
                if not read & changed:
                    bad.append(
                        f"{c.key} ({plain_label(c)}): changes {sorted(changed)} and goes to "
                        f"shared scene '{target}' ({ways[target]} ways in), which never reads them"
                    )
    return bad


def plain_label(c: ChoicePlan) -> str:
    return c.text.render_constant() or "..."


def test_every_choice_with_effects_shows_what_it_did(campaign: Story) -> None:
    bad = silent_choices(campaign)
    assert bad == [], f"{len(bad)} choices change the game off-screen:\n" + "\n".join(bad)


def test_every_item_action_has_prose(campaign: Story) -> None:
    """Reading, injecting, eating, drinking: each use says what it is like, not only a number."""
    silent = [
        f"{iid}: {a.text}"
        for iid, item in campaign.items.items()
        for a in item.actions
        if a.response is None
    ]
    assert silent == []


def test_lees_notebook_reads_as_four_different_pages(campaign: Story) -> None:
    """Each reading shows a new page until the fourth; then the action closes."""
    game = Game.new(campaign, "Tester", 0)
    game.state.inventory = {"lab_notes": 1}
    pages = []
    for _ in range(4):
        game.use_item("lab_notes", 0)
        pages.append(game.text.split("\n\n")[0])
    assert len(set(pages)) == 4, pages
    assert game.state.flags.get("read_notes") is True
    assert not game.inventory[0].actions[0].open
