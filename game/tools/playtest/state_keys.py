"""Canonical keys of game states, so the exhaustive walk visits each distinct state once.

Only what some condition can tell apart goes into a key: the walk stays finite on stories that
count visits, turns or items without bound.
"""

from __future__ import annotations

from game.engine.state import Progress
from game.story import Story
from game.story.conditions import Call, CompiledCondition, Literal, Node, walk

StateKey = tuple[object, ...]


def _conditions(story: Story) -> list[Node]:
    """Every condition that decides what can happen (texts and visibility do not): of
    choices, branches (of choices and of `next`), effects in ordered lists, item actions and
    infection outcomes."""
    whens: list[CompiledCondition | None] = [o.when for o in story.outcomes]
    for scene in story.scenes.values():
        whens += [b.when for b in scene.next]
        whens += [fx.when for fx in scene.on_enter]
        for c in scene.choices:
            whens += [c.when, *(b.when for b in c.branches), *(fx.when for fx in c.effects)]
    for item in story.items.values():
        for a in item.actions:
            whens += [a.when, *(fx.when for fx in a.effects)]
    return [w.tree for w in whens if w is not None]


class StateKeys:
    """Canonical keys of game states: two states with one key play the same from there on.

    Visits count only for scenes some condition asks about, capped one above the largest
    number any condition mentions; `turn` likewise, and only if a condition reads it. Item
    counts are capped too (at 2, or one above the largest `has(item, n)`, or like visits if
    a condition uses `count()`), so a story that hands out items in a loop stays finite.
    The rng is left out: the walk forces every draw itself.
    """

    def __init__(self, story: Story) -> None:
        self.watched: set[str] = set()
        self.uses_turn = False
        self.item_cap = 2
        uses_count = False
        biggest = 0
        for tree in _conditions(story):
            for n in walk(tree):
                if isinstance(n, Call) and n.func in ("visited", "visits") and n.args:
                    self.watched.add(str(getattr(n.args[0], "name", "")))
                elif isinstance(n, Call) and n.func == "count":
                    uses_count = True
                elif isinstance(n, Call) and n.func == "has" and len(n.args) == 2:
                    self.item_cap = max(self.item_cap, int(getattr(n.args[1], "value", 1)) + 1)
                elif isinstance(n, Literal) and not isinstance(n.value, bool):
                    biggest = max(biggest, n.value)
                elif getattr(n, "name", None) == "turn" and not isinstance(n, Call):
                    self.uses_turn = True
        self.cap = biggest + 1
        if uses_count:
            self.item_cap = max(self.item_cap, self.cap)

    def key(self, p: Progress) -> StateKey:
        cap = self.cap
        return (
            p.scene,
            tuple(sorted((k, min(v, self.item_cap)) for k, v in p.inventory.items())),
            tuple(sorted(k for k, v in p.flags.items() if v)),
            tuple(sorted(p.stats.items())),
            tuple(sorted((k, min(v, cap)) for k, v in p.visits.items() if k in self.watched)),
            tuple(sorted(p.once_taken)),
            tuple(p.calls),
            p.infection,
            p.countdown,
            min(p.turn, cap) if self.uses_turn else 0,
            p.ending,
        )
