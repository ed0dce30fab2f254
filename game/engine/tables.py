"""What the engine works out once per scene of a story, instead of at every step.

A story is immutable, so much of a step's work is the same at every visit of a scene: the
views of its choices that never change, how the flow leaves it. `SceneTable` holds that,
made on a scene's first visit; a `StoryTables` holds the tables of one story (one per story
object, shared by every game of it), its stats' rules, and the announcements whose words
depend on nothing but their cause (an item gained, a stat changed), each made once.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from game.engine.views import ChoiceView, Event
from game.story.conditions import StateView
from game.story.per_story import PerStory
from game.story.story import ChoicePlan, ScenePlan, StatPlan, Story

Test = Callable[[StateView], bool]

ChoiceStep = tuple[ChoicePlan, ChoiceView | None, ChoiceView | None, Test | None, str | None]
"""One choice for `Game._open_choices`: its plan; its view when that view never changes
(no condition, fixed text, not a once-choice); its view while open when its text is fixed;
its condition's test; its key when it is a once-choice."""

STOP, ENDING, CALL, NEXT, RETURN = range(5)
"""How the flow leaves a scene it entered (`SceneTable.leaves`)."""


class SceneTable:
    """One scene's facts that never change, worked out on its first visit."""

    __slots__ = ("leaves", "pairs", "scene", "steps", "views")

    def __init__(self, scene: ScenePlan) -> None:
        self.scene = scene
        if scene.ending is not None:
            self.leaves = ENDING
        elif scene.call:
            self.leaves = CALL
        elif scene.next:
            self.leaves = NEXT
        elif scene.returns:
            self.leaves = RETURN
        else:
            self.leaves = STOP
        steps: list[ChoiceStep] = []
        for c in scene.choices:
            view = ChoiceView(c.text.render_constant(), True, None) if c.text.constant else None
            always = view is not None and c.when is None and not c.once
            test = None if c.when is None else c.when.test
            steps.append((c, view if always else None, view, test, c.key if c.once else None))
        self.steps = tuple(steps)
        fixed = all(always is not None for _, always, _, _, _ in steps)
        self.pairs: tuple[tuple[ChoicePlan, ChoiceView], ...] | None = (
            tuple((c, view) for c, view, _, _, _ in steps if view is not None) if fixed else None
        )
        """Every (plan, view) shown, when none of them ever changes."""
        self.views: tuple[ChoiceView, ...] = (
            () if self.pairs is None else tuple(v for _, v in self.pairs)
        )


class StatRule:
    """A stat's bounds and what its changes announce, read once from the manifest."""

    __slots__ = ("announce", "at_max", "at_min", "hunger", "max", "min", "plan", "start")

    def __init__(self, plan: StatPlan, hunger: bool) -> None:
        st = plan.stat
        self.plan = plan
        self.start, self.min, self.max = st.start, st.min, st.max
        self.announce = st.announce
        self.at_min, self.at_max = st.at_min, st.at_max
        self.hunger = hunger
        """The infection's hunger stat: nearing its max is announced."""


EVENT_CACHE_LIMIT = 4096
"""Announcements kept per story: enough for every stat change a story plays in practice."""


class StoryTables(dict[str, SceneTable]):
    """A story's scene tables by scene id, each made when first asked for, and its stats'
    rules."""

    def __init__(self, story: Story) -> None:
        super().__init__()
        self.story = weakref.ref(story)
        """Weak: the registry (`tables_for`) must not keep a story no game plays alive."""
        inf = story.infection
        hunger = inf.hunger_stat if inf is not None else None
        self.stats = {sid: StatRule(sp, sid == hunger) for sid, sp in story.stats.items()}
        self.hunger = (
            (hunger, inf.hunger_rise) if inf is not None and hunger and inf.hunger_rise else None
        )
        """The hunger stat and how much it rises at each scene change of a hybrid."""
        self.events: dict[tuple[object, ...], Event] = {}
        """Announcements made once (their words depend only on the key): `EffectRules`."""

    def __missing__(self, scene_id: str) -> SceneTable:
        story = self.story()
        assert story is not None, "a game keeps its story alive"
        table = self[scene_id] = SceneTable(story.scenes[scene_id])
        return table


tables_for = PerStory(StoryTables)
"""The tables of a story, shared by every game of it."""
