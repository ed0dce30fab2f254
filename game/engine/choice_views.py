"""A scene's choice views that never change, worked out once per scene.

Most choices have no condition and fixed text: their view is the same at every visit, so
the engine makes it once (stories are immutable) instead of at every step.
"""

from __future__ import annotations

from game.engine.views import ChoiceView
from game.story.story import ChoicePlan, ScenePlan

ChoiceSteps = tuple[tuple[ChoicePlan, ChoiceView | None, ChoiceView | None], ...]
"""A scene's choices for `_open_choices`: each with its view when that view never changes
(no condition, fixed text, not a once-choice), else None (worked out at every visit); and
its view while open when its text is fixed."""

_STEPS: dict[int, tuple[ScenePlan, ChoiceSteps, bool]] = {}
"""Per scene (by identity, the scene kept to check it): its choice steps, and whether every
view is fixed. Stories are immutable, so this is worked out once per scene."""


def choice_steps(scene: ScenePlan) -> tuple[ChoiceSteps, bool]:
    found = _STEPS.get(id(scene))
    if found is not None and found[0] is scene:
        return found[1], found[2]
    steps = []
    for c in scene.choices:
        view = ChoiceView(c.text.render_constant(), True, None) if c.text.constant else None
        always = view is not None and c.when is None and not c.once
        steps.append((c, view if always else None, view))
    fixed = all(always is not None for _, always, _ in steps)
    if len(_STEPS) > 100_000:  # many stories loaded in one process (tests, tools)
        _STEPS.clear()
    _STEPS[id(scene)] = (scene, tuple(steps), fixed)
    return tuple(steps), fixed


def fixed_pairs(steps: ChoiceSteps) -> tuple[tuple[ChoicePlan, ChoiceView], ...]:
    """The (plan, view) pairs of a scene whose every view is fixed, made once."""
    found = _PAIRS.get(id(steps))
    if found is not None and found[0] is steps:
        return found[1]
    pairs = tuple((c, view) for c, view, _ in steps if view is not None)
    if len(_PAIRS) > 100_000:
        _PAIRS.clear()
    _PAIRS[id(steps)] = (steps, pairs)
    return pairs


_PAIRS: dict[int, tuple[ChoiceSteps, tuple[tuple[ChoicePlan, ChoiceView], ...]]] = {}
