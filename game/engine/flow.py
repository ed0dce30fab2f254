"""How a step moves through the story: from where a choice leads, scene by scene (`next`,
`call`, `return`, a stat's bound, the infection's turn), to a scene that waits for the
player, each scene's text added to the page on the way (`Game` makes the page)."""

from __future__ import annotations

from game.engine.calls import GO, STAY, pop_call, push_call
from game.engine.effects import EffectRules
from game.engine.outcomes import first_open, open_branches
from game.engine.state import Snapshot
from game.engine.tables import CALL, ENDING, NEXT, RETURN, STOP
from game.story.story import BranchPlan, ScenePlan

MAX_REDIRECTS = 8
"""Forced scene changes (stat bounds, turning) one step may chain before stopping."""
MAX_HOPS = 200
"""Scenes one page may pass through; the checker rules out loops (dev-mode edits aside)."""


class FlowRules(EffectRules):
    """The flow of a step, between the choice taken and the page shown."""

    keep_log: bool
    entered: list[str]
    _page: list[str]
    _page_title: str | None
    _undo_point: Snapshot | None

    def render_scene(self, scene: ScenePlan) -> str:
        raise NotImplementedError  # `Game.render_scene`

    def _drawn(self, branches: tuple[BranchPlan, ...]) -> str:
        """Where a choice's branches lead: one drawn under the branch rule."""
        return self.outcomes.branch(self.state, open_branches(self.state, branches)).goto

    def _next_scene(self, scene: ScenePlan) -> str:
        """Where a scene hands on: the first `next` branch that holds, in order."""
        return self.outcomes.branch(self.state, first_open(self.state, scene.next)).goto

    def _flow(self, target: str) -> None:
        """Enter scenes until one waits for the player: choices, an ending, or a stay.

        `target` is a scene id, or a call-stack entry (`go:X`, `stay:X`)."""
        s = self.state
        f = s.__dict__  # the fields, read and written without pydantic's hooks (`GameState`)
        tables, visits, entered, page = self._tables, f["visits"], self.entered, self._page
        point_entered = None if self._undo_point is None else self._undo_point.entered
        keep_log = self.keep_log
        redirects = 0
        for _ in range(MAX_HOPS):
            if ":" not in target:  # a scene id (ids hold no colon), else a call-stack entry
                scene_id = target
            elif target.startswith(STAY):
                s.scene = target[len(STAY) :]
                return
            else:
                scene_id = target.removeprefix(GO)
            table = tables[scene_id]
            scene = table.scene
            f["scene"] = scene_id
            visits[scene_id] = seen = visits.get(scene_id, 0) + 1
            entered.append(scene_id)
            if point_entered is not None:
                point_entered.append(scene_id)
            redirect = self._apply(scene.on_enter) if scene.on_enter else None
            if self._page_title is None and scene.title:
                self._page_title = scene.title
            page.append(self.render_scene(scene) if keep_log or seen <= 1 else "")
            leaves = table.leaves
            if leaves == STOP and not redirect:
                return
            if redirect and redirect != scene_id and redirects < MAX_REDIRECTS and leaves != ENDING:
                redirects += 1
                target = redirect
                continue
            if leaves == ENDING:
                ending = scene.ending
                assert ending is not None
                s.ending = ending.id
                s.countdown = None
                key = ("ending", ending.title)
                event = self._known(key)
                if event is None:
                    event = self._keep(key, "ending", self._say("ending", ending.title))
                self.events.append(event)
                return
            if leaves == CALL:
                assert scene.call is not None
                push_call(s, STAY + scene_id if not scene.next else GO + self._next_scene(scene))
                target = scene.call
            elif leaves == NEXT:
                target = self._next_scene(scene)
            elif leaves == RETURN:
                target = pop_call(s)
            else:
                return


def stays(target: str) -> bool:
    """`target` keeps the player in the scene (`stay:X`); scene ids hold no colon."""
    return ":" in target and target.startswith(STAY)
