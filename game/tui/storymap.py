"""This game's path through the story as plain data for the story map: the acts in the order
they were played, the scenes read in each, the choice taken in each scene and the ones seen
there but not taken, and the ending, if one was reached. Built from the game's log; no Textual.

A choice "seen but not taken" is one the scene lists that is never hidden (`if_closed =
"hide"` choices may not have been on screen, so they are left out) and whose words are not the
ones taken; a choice whose words depend on the state is shown as it reads now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.engine import Game
from game.story.story import ChoicePlan
from game.tui import manifest


@dataclass(frozen=True, slots=True)
class MapStep:
    scene: str
    title: str
    taken: str | None
    """The choice made here (or the item used to leave), None for the scene in play."""
    others: tuple[str, ...]
    ending: str | None = None
    """The ending's title when this scene ended the game."""
    known: frozenset[str] = frozenset()
    """Of `others`, those taken before (in any game, this one included)."""


@dataclass(frozen=True, slots=True)
class MapAct:
    label: str
    steps: tuple[MapStep, ...]


@dataclass(frozen=True, slots=True)
class StoryMap:
    player: str
    turn: int
    acts: tuple[MapAct, ...]
    endings_found: int
    endings_total: int

    @property
    def forks(self) -> int:
        """Scenes where other ways were open than the one taken."""
        return sum(1 for act in self.acts for s in act.steps if s.taken and s.others)


def choice_words(plan: ChoicePlan, game: Game) -> str | None:
    """A choice's words; those that depend on the state as they would read now."""
    text = plan.text
    try:
        if text.constant:
            return text.render_constant()
        return text.render(game.state, game.state.player)
    except Exception:  # a map is a nicety: a choice it cannot word is left out, never raised
        return None


TakenBefore = Callable[[str], frozenset[str]]
"""Scene id -> the words of the choices taken there in any game (the session's record)."""


def story_map(game: Game, reached: set[str], taken_before: TakenBefore | None = None) -> StoryMap:
    story = game.story
    acts: list[tuple[str, list[MapStep]]] = []
    for n, entry in enumerate(game.state.log):
        scene = story.scenes.get(entry.scene)
        label = manifest.act_label(story, entry.scene) if scene else ""
        others: list[str] = []
        ending = None
        last = n == len(game.state.log) - 1
        if scene is not None and not last:  # the scene in play: its choices are still open
            for plan in scene.choices:
                if plan.hide:
                    continue
                words = choice_words(plan, game)
                if words and words != entry.choice and words not in others:
                    others.append(words)
        if scene is not None and last and scene.ending is not None and game.ended is not None:
            ending = scene.ending.title
        known = taken_before(entry.scene) & set(others) if taken_before and others else frozenset()
        step = MapStep(entry.scene, entry.title, entry.choice, tuple(others), ending, known)
        if not acts or acts[-1][0] != label:
            acts.append((label, []))
        acts[-1][1].append(step)
    found = len(reached & set(story.endings))
    return StoryMap(
        game.state.player,
        game.state.turn,
        tuple(MapAct(label, tuple(steps)) for label, steps in acts),
        found,
        len(story.endings),
    )
