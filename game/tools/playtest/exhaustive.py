"""`--exhaustive`: a breadth-first walk over every distinct state a story can reach.

Every open choice and item action is tried from every state, and so is every target of a
branching choice and both outcomes of an infection roll (forced through `chance`). States
are told apart by `StateKeys`; a state from which no ending can be reached is a loop.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from game.engine import Game
from game.engine.state import GameState, Progress
from game.story import Story
from game.tools.playtest.chance import ForcedGame, playtest_game
from game.tools.playtest.random_runs import DEFAULT_STEPS
from game.tools.playtest.report import Problem, Report
from game.tools.playtest.state_keys import StateKey, StateKeys
from game.tools.playtest.steps import parse_step
from game.tools.playtest.tally import Tally

DEFAULT_MAX_STATES = 50_000


@dataclass
class _Node:
    progress: Progress
    parent: StateKey | None
    step: str
    depth: int
    children: list[StateKey] = field(default_factory=list)
    expanded: bool = False
    terminal: bool = False


def game_at(story: Story, p: Progress, seed: int, player: str) -> ForcedGame:
    """A playtest game standing in the state `p` (no log, no undo history)."""
    state = GameState.model_construct(
        story_id=story.id,
        player=player,
        seed=seed,
        scene=p.scene,
        turn=p.turn,
        inventory=dict(p.inventory),
        flags=dict(p.flags),
        stats=dict(p.stats),
        visits=dict(p.visits),
        once_taken=set(p.once_taken),
        chosen=dict(p.chosen),
        calls=list(p.calls),
        infection=p.infection,
        countdown=p.countdown,
        rng=p.rng,
        ending=p.ending,
        log=[],
        undo=[],
    )
    return playtest_game(story, state)


def exhaustive_playtest(
    story: Story,
    seed: int = 0,
    max_states: int = DEFAULT_MAX_STATES,
    max_depth: int = DEFAULT_STEPS,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Breadth-first over distinct states: every choice, item action, branch and roll."""
    started = time.perf_counter()
    walk = _Walk(story, seed, max_states, max_depth)
    walk.run(progress)
    walk.find_loops()
    report = Report(story.id, "exhaustive", seed, 0, max_depth, len(walk.nodes), walk.complete)
    report = walk.tally.report(story, report)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


class _Walk:
    """The walk's graph of states (`nodes`), its queue, and what it has counted."""

    def __init__(self, story: Story, seed: int, max_states: int, max_depth: int) -> None:
        self.story = story
        self.seed = seed
        self.max_states = max_states
        self.max_depth = max_depth
        self.tally = Tally()
        self.keys = StateKeys(story)
        first = Game.new(story, seed=seed)
        self.player = first.state.player
        self.tally.note_start(first)
        root = self.keys.key(first.state)
        self.nodes: dict[StateKey, _Node] = {root: _Node(first.state.progress(), None, "", 0)}
        self.queue: deque[StateKey] = deque([root])
        self.complete = True

    def run(self, progress: Callable[[int, int], None] | None) -> None:
        while self.queue:
            expanded = self._visit(self.queue.popleft())
            if expanded and progress is not None and len(self.nodes) % 500 == 0:
                progress(len(self.nodes), self.max_states)
        if progress is not None:
            progress(len(self.nodes), len(self.nodes))

    def path_to(self, key: StateKey | None) -> list[str]:
        """The steps from the start to the state `key`."""
        out = []
        while key is not None:
            node = self.nodes[key]
            if node.parent is not None:
                out.append(node.step)
            key = node.parent
        return out[::-1]

    def _game_at(self, p: Progress) -> ForcedGame:
        return game_at(self.story, p, self.seed, self.player)

    def _visit(self, key: StateKey) -> bool:
        """Try every step from the state `key`; False when it is not expanded."""
        node = self.nodes[key]
        p = node.progress
        if p.ending is not None:
            node.terminal = True
            self.tally.note_ending(p.ending, node.depth)
            return False
        game = self._game_at(p)
        try:
            plans = game.open_plans()
            actions = game.open_actions()
        except Exception as e:
            self.tally.crash(e, p.scene, self.seed, self.path_to(key))
            node.terminal = True
            return False
        if all(plan is None for plan in plans):
            node.terminal = True
            detail = "no open choice outside an ending"
            problem = Problem("stuck", p.scene, detail, self.seed, self.path_to(key))
            self.tally.problem(("stuck", p.scene), problem)
            return False
        if node.depth >= self.max_depth:
            self.complete = False
            return False
        node.expanded = True
        for i, plan in enumerate(plans):
            if plan is not None:
                self._attempt(key, node, str(i + 1), None, "hybrid")
        for iid, ai in actions:
            self._attempt(key, node, f"use:{iid}:{ai + 1}", None, "hybrid")
        return True

    def _attempt(
        self, key: StateKey, node: _Node, step: str, target: str | None, roll: str
    ) -> None:
        """Take `step` from `node` with chance forced; then try the chances it did not take."""
        game = self._game_at(node.progress)
        if not self._take(game, key, node, step, target, roll):
            return
        self.tally.note_step(game)
        label = self._other_chances(game, key, node, step, target, roll)
        self._add_child(game, key, node, label)

    def _take(
        self, game: ForcedGame, key: StateKey, node: _Node, step: str, target: str | None, roll: str
    ) -> bool:
        kind, item, index, _, _ = parse_step(step)
        game.prepare(True, target, roll)
        try:
            if kind == "use":
                self.tally.actions.add((item, index))
                game.use_item(item, index)
            else:
                plan = game.open_plans()[index]
                assert plan is not None
                self.tally.choices.add((node.progress.scene, plan.index))
                game.choose(index)
        except Exception as e:
            self.tally.crash(e, node.progress.scene, self.seed, [*self.path_to(key), step])
            return False
        return True

    def _other_chances(
        self, game: ForcedGame, key: StateKey, node: _Node, step: str, target: str | None, roll: str
    ) -> str:
        """Attempt the branch targets and the roll this step did not take; return its label."""
        label = step
        targets = game.branch_targets
        if len(targets) > 1:
            label += f"@{target or targets[0]}"
            if target is None:
                for other in targets[1:]:
                    self._attempt(key, node, step, other, roll)
        if game.rolled:
            label += "~hybrid" if game.state.infection == "hybrid" else "~zombie"
            if roll == "hybrid":
                self._attempt(key, node, step, target or (targets or (None,))[0], "zombie")
        return label

    def _add_child(self, game: ForcedGame, key: StateKey, node: _Node, label: str) -> None:
        child = self.keys.key(game.state)
        node.children.append(child)
        if child in self.nodes:
            return
        if len(self.nodes) >= self.max_states:
            self.complete = False
            node.expanded = False  # a child was left out: this state counts as unexplored
            return
        self.nodes[child] = _Node(game.state.progress(), key, label, node.depth + 1)
        self.queue.append(child)

    def find_loops(self) -> None:
        """Report states from which no ending (nor an already reported stuck state) can be
        reached."""
        parents: dict[StateKey, list[StateKey]] = {}
        for k, n in self.nodes.items():
            for c in n.children:
                parents.setdefault(c, []).append(k)
        exits = [k for k, n in self.nodes.items() if n.terminal or not n.expanded]
        can_exit = set(exits)
        todo = list(exits)
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in can_exit:
                    can_exit.add(parent)
                    todo.append(parent)
        for k, n in self.nodes.items():
            if k not in can_exit:
                scene = n.progress.scene
                detail = "no ending can be reached from here"
                problem = Problem("loop", scene, detail, self.seed, self.path_to(k))
                self.tally.problem(("loop", scene), problem)
