"""What the runs covered and the problems they met, merged into a `Report` at the end.

Both modes count into a `Tally`; random runs done in several processes merge theirs in run
order, so the report does not depend on how many processes played.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from game.engine import Game
from game.story import Story
from game.story.text import Template
from game.tools.playtest.chance import ForcedGame
from game.tools.playtest.report import ActionRef, ChoiceRef, Problem, Report

ProblemKey = tuple[str, ...]
"""What makes two problems the same one: kind and scene (and, for a crash, the error)."""


class Tally:
    """What the runs covered, and the problems they met (one example per problem, shortest)."""

    def __init__(self) -> None:
        self.scenes: set[str] = set()
        self.choices: set[tuple[str, int]] = set()
        self.actions: set[tuple[str, int]] = set()
        self.carried: set[str] = set()
        self.endings: dict[str, int] = {}
        self.lengths: list[int] = []
        self.problems: dict[ProblemKey, Problem] = {}

    def note_start(self, game: Game) -> None:
        self.scenes.update(entry.scene for entry in game.state.log)
        self.carried.update(game.state.inventory)

    def note_step(self, game: ForcedGame) -> None:
        self.scenes.update(game.entered)
        game.entered.clear()
        self.carried.update(game.state.inventory)

    def note_ending(self, ending: str, length: int) -> None:
        self.endings[ending] = self.endings.get(ending, 0) + 1
        self.lengths.append(length)

    def merge(self, other: Tally) -> None:
        """Add a later batch of runs: problems keep the earliest of the shortest examples."""
        self.scenes |= other.scenes
        self.choices |= other.choices
        self.actions |= other.actions
        self.carried |= other.carried
        for eid, n in other.endings.items():
            self.endings[eid] = self.endings.get(eid, 0) + n
        self.lengths += other.lengths
        for key, found in other.problems.items():
            count = found.count
            found.count = 1
            self.problem(key, found)
            self.problems[key].count += count - 1

    def problem(self, key: ProblemKey, found: Problem) -> None:
        old = self.problems.get(key)
        if old is None:
            self.problems[key] = found
            return
        old.count += 1
        if len(found.path) < len(old.path):
            found.count = old.count
            self.problems[key] = found

    def crash(self, e: BaseException, scene: str, seed: int, path: list[str]) -> None:
        """Count an exception the engine raised in `scene` after `path`."""
        name, detail = crash_detail(e)
        self.problem(("crash", name, str(e), scene), Problem("crash", scene, detail, seed, path))

    def report(self, story: Story, report: Report) -> Report:
        report.scenes_never_reached = sorted(set(story.scenes) - self.scenes)
        report.choices_never_taken = self._choices_never_taken(story)
        report.items_never_carried = sorted(set(story.items) - self.carried)
        report.item_actions_never_used = self._actions_never_used(story)
        report.endings = dict(sorted(self.endings.items(), key=lambda kv: (-kv[1], kv[0])))
        report.endings_never_reached = sorted(set(story.endings) - set(self.endings))
        if self.lengths:
            report.mean_length = round(sum(self.lengths) / len(self.lengths), 2)
            report.max_length = max(self.lengths)
        by_kind = {"crash": report.crashes, "stuck": report.stuck, "loop": report.loops}
        for p in sorted(self.problems.values(), key=lambda p: (p.kind, p.scene, len(p.path))):
            by_kind[p.kind].append(p)
        return report

    def _choices_never_taken(self, story: Story) -> list[ChoiceRef]:
        return [
            ChoiceRef(sid, c.index + 1, template_source(c.text))
            for sid, scene in story.scenes.items()
            for c in scene.choices
            if (sid, c.index) not in self.choices
        ]

    def _actions_never_used(self, story: Story) -> list[ActionRef]:
        return [
            ActionRef(iid, a.index + 1, a.text)
            for iid, item in story.items.items()
            for a in item.actions
            if (iid, a.index) not in self.actions
        ]


def template_source(t: Template) -> str:
    """A template's text with each field shown as `{…}`: enough to find the choice."""
    return "".join(p if isinstance(p, str) else "{…}" for p in t.parts)


def crash_detail(e: BaseException) -> tuple[str, str]:
    """The exception's type name, and a line naming it and where it was raised."""
    frames = traceback.extract_tb(e.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return type(e).__name__, f"{type(e).__name__}: {e}{where}"
