"""`hyosan playtest`: play a story thousands of times to find its bugs before a player does.

Two modes over the engine's `Game`, never a copy of its rules:

- random runs: each run is seeded from `--seed` and its number (the Game gets that seed too),
  picks open choices at random, sometimes uses an open item action, sometimes undoes;
- `--exhaustive`: a breadth-first walk over distinct game states, trying every choice, every
  open item action, every branch target and both outcomes of an infection roll.

Every problem comes with a path of steps that reproduces it (`--replay`).
Path steps: `3` takes the third choice shown; `3@hall` forces a branch to `hall`; a suffix
`~hybrid` or `~zombie` forces the infection roll of that step; `use:item:1` uses an item's
first action; `undo` undoes.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from game.engine.game import Game, GameError
from game.engine.outcomes import SEEDED
from game.engine.rng import MASK
from game.engine.state import GameState, Progress
from game.story import Story, StoryError, load_story
from game.story.conditions import Call, Literal, parse_condition, walk
from game.story.story import BranchPlan, ChoicePlan
from game.story.text import Template

P_UNDO = 0.05
P_ITEM = 0.10
DEFAULT_RUNS = 1000
DEFAULT_STEPS = 500
DEFAULT_MAX_STATES = 50_000

# ---------------------------------------------------------------- seeds and forced chance

_GOLDEN = 0x9E3779B97F4A7C15
_MIX1 = 0xBF58476D1CE4E5B9
_MIX2 = 0x94D049BB133111EB


def run_seed(seed: int, run: int) -> int:
    """The game seed of run `run`: well spread, so neighbouring runs play differently."""
    z = (seed * _GOLDEN + run + 1) & MASK
    z = ((z ^ (z >> 30)) * _MIX1) & MASK
    z = ((z ^ (z >> 27)) * _MIX2) & MASK
    return (z ^ (z >> 31)) & 0xFFFF_FFFF


def _unxorshift(y: int, k: int) -> int:
    x = y
    for _ in range(64 // k + 1):
        x = y ^ (x >> k)
    return x


def rng_state_for_roll(roll: float) -> int:
    """An rng state whose next draw is `roll`: the engine's splitmix64 step, inverted.

    Lets the exhaustive walk force an infection roll through the engine's own code.
    """
    z = int(roll * 18446744073709551616.0) & MASK
    z = _unxorshift(z, 31)
    z = (z * pow(_MIX2, -1, 1 << 64)) & MASK
    z = _unxorshift(z, 27)
    z = (z * pow(_MIX1, -1, 1 << 64)) & MASK
    z = _unxorshift(z, 30)
    return (z - _GOLDEN) & MASK


ROLLS = {"hybrid": 0.0, "zombie": 1.0 - 2.0**-53}
"""The lowest and highest possible rolls: one turns a bite hybrid (if it can), one zombie."""


class ForcedOutcomes:
    """Chance decided from outside, through the engine's public seam (`Outcomes`).

    With `forced` false it decides exactly like the game's own seeded chance. With `forced`
    true, a branch goes to `want_target` (or its first open target) and an infection roll
    comes out as `want_roll`; `branch_targets` and `rolled` say what chance there was in the
    last step.
    """

    def __init__(self) -> None:
        self.forced = False
        self.want_target: str | None = None
        self.want_roll = "hybrid"
        self.branch_targets: tuple[str, ...] = ()
        self.rolled = False

    def prepare(self, forced: bool, target: str | None = None, roll: str = "hybrid") -> None:
        self.forced, self.want_target, self.want_roll = forced, target, roll
        self.branch_targets, self.rolled = (), False

    def branch(self, state: GameState, options: Sequence[BranchPlan]) -> BranchPlan:
        targets = tuple(dict.fromkeys(b.goto for b in options))
        if not self.branch_targets:
            self.branch_targets = targets
        if not self.forced:
            return SEEDED.branch(state, options)
        if self.want_target is None:
            return options[0]
        for b in options:
            if b.goto == self.want_target:
                return b
        raise GameError(f"the branch cannot go to '{self.want_target}' now")

    def turns_hybrid(self, state: GameState, chance: float) -> bool:
        self.rolled = True
        if self.forced:
            # The roll the engine's generator would make from this state: a replay of a
            # forced path then continues exactly as the walk saw it.
            state.rng = rng_state_for_roll(ROLLS[self.want_roll])
        return SEEDED.turns_hybrid(state, chance)


class ForcedGame(Game):
    """A `Game` whose chance comes from a `ForcedOutcomes`."""

    outcomes: ForcedOutcomes

    def __init__(self, story: Story, state: GameState) -> None:
        super().__init__(story, state, ForcedOutcomes())

    def prepare(self, forced: bool, target: str | None = None, roll: str = "hybrid") -> None:
        self.outcomes.prepare(forced, target, roll)

    @property
    def branch_targets(self) -> tuple[str, ...]:
        return self.outcomes.branch_targets

    @property
    def rolled(self) -> bool:
        return self.outcomes.rolled


def open_choice_plans(game: Game) -> list[ChoicePlan | None]:
    """The plan of each shown choice, None for a closed one (indexes as in `game.choices`)."""
    return [
        plan if view.open else None
        for plan, view in zip(game.choice_plans(), game.choices, strict=True)
    ]


def open_actions(game: Game) -> list[tuple[str, int]]:
    return [(item.id, i) for item in game.inventory for i, a in enumerate(item.actions) if a.open]


# ---------------------------------------------------------------- replay


def parse_step(token: str) -> tuple[str, str, int, str | None, str | None]:
    """`3@hall~hybrid` -> ("choose", "", 2, "hall", "hybrid"); raises ValueError."""
    core, _, roll = token.partition("~")
    if roll and roll not in ROLLS:
        raise ValueError(f"bad roll '~{roll}' in step '{token}': use ~hybrid or ~zombie")
    if core == "undo":
        return ("undo", "", 0, None, None)
    if core.startswith("use:"):
        _, _, rest = core.partition(":")
        item, _, number = rest.partition(":")
        if not item or not number.isdigit() or int(number) < 1:
            raise ValueError(f"bad step '{token}': write use:ITEM:N (N from 1)")
        return ("use", item, int(number) - 1, None, roll or None)
    number, _, target = core.partition("@")
    if not number.isdigit() or int(number) < 1:
        raise ValueError(
            f"bad step '{token}': a step is a choice number (3), 3@scene, use:item:1 or undo"
        )
    return ("choose", "", int(number) - 1, target or None, roll or None)


def take_step(game: ForcedGame, token: str) -> None:
    kind, item, index, target, roll = parse_step(token)
    game.prepare(target is not None or roll is not None, target, roll or "hybrid")
    if kind == "undo":
        game.undo()
    elif kind == "use":
        game.use_item(item, index)
    else:
        game.choose(index)


def replay(story: Story, seed: int, path: Iterable[str], player: str | None = None) -> ForcedGame:
    """Play `path` from the start with game seed `seed`; exceptions propagate (that's a crash)."""
    start = Game.new(story, player, seed)
    game = ForcedGame(story, start.state)
    for token in path:
        take_step(game, token)
    return game


# ---------------------------------------------------------------- the report


@dataclass
class Problem:
    """A crash, a stuck state or a loop without exit, with the steps that reproduce it."""

    kind: str  # "crash" | "stuck" | "loop"
    scene: str
    detail: str
    seed: int
    path: list[str]
    count: int = 1


@dataclass
class ChoiceRef:
    scene: str
    number: int  # 1-based, as in the scene file's order of [[scene.choices]]
    text: str


@dataclass
class ActionRef:
    item: str
    number: int  # 1-based
    text: str


@dataclass
class Report:
    story: str
    mode: str  # "random" | "exhaustive"
    seed: int
    runs: int
    steps: int
    states: int = 0
    complete: bool = True
    scenes_never_reached: list[str] = field(default_factory=list)
    choices_never_taken: list[ChoiceRef] = field(default_factory=list)
    items_never_carried: list[str] = field(default_factory=list)
    item_actions_never_used: list[ActionRef] = field(default_factory=list)
    endings: dict[str, int] = field(default_factory=dict)
    endings_never_reached: list[str] = field(default_factory=list)
    mean_length: float = 0.0
    max_length: int = 0
    crashes: list[Problem] = field(default_factory=list)
    stuck: list[Problem] = field(default_factory=list)
    loops: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return bool(self.crashes or self.stuck)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["failed"] = self.failed
        return out


class _Tally:
    """What the runs covered, and the problems they met (one example per problem, shortest)."""

    def __init__(self) -> None:
        self.scenes: set[str] = set()
        self.choices: set[tuple[str, int]] = set()
        self.actions: set[tuple[str, int]] = set()
        self.carried: set[str] = set()
        self.endings: dict[str, int] = {}
        self.lengths: list[int] = []
        self.problems: dict[tuple[str, ...], Problem] = {}

    def note_start(self, game: Game) -> None:
        self.scenes.update(entry.scene for entry in game.state.log)
        self.carried.update(game.state.inventory)

    def note_step(self, game: ForcedGame) -> None:
        self.scenes.update(game.entered)
        game.entered.clear()
        self.carried.update(game.state.inventory)

    def merge(self, other: _Tally) -> None:
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

    def problem(self, key: tuple[str, ...], found: Problem) -> None:
        old = self.problems.get(key)
        if old is None:
            self.problems[key] = found
            return
        old.count += 1
        if len(found.path) < len(old.path):
            found.count = old.count
            self.problems[key] = found

    def report(self, story: Story, report: Report) -> Report:
        report.scenes_never_reached = sorted(set(story.scenes) - self.scenes)
        for sid, scene in story.scenes.items():
            for c in scene.choices:
                if (sid, c.index) not in self.choices:
                    report.choices_never_taken.append(
                        ChoiceRef(sid, c.index + 1, template_source(c.text))
                    )
        report.items_never_carried = sorted(set(story.items) - self.carried)
        for iid, item in story.items.items():
            for a in item.actions:
                if (iid, a.index) not in self.actions:
                    report.item_actions_never_used.append(ActionRef(iid, a.index + 1, a.text))
        report.endings = dict(sorted(self.endings.items(), key=lambda kv: (-kv[1], kv[0])))
        report.endings_never_reached = sorted(set(story.endings) - set(self.endings))
        if self.lengths:
            report.mean_length = round(sum(self.lengths) / len(self.lengths), 2)
            report.max_length = max(self.lengths)
        by_kind = {"crash": report.crashes, "stuck": report.stuck, "loop": report.loops}
        for p in sorted(self.problems.values(), key=lambda p: (p.kind, p.scene, len(p.path))):
            by_kind[p.kind].append(p)
        return report


def template_source(t: Template) -> str:
    """A template's text with each field shown as `{…}`: enough to find the choice."""
    return "".join(p if isinstance(p, str) else "{…}" for p in t.parts)


def _crash(e: BaseException) -> tuple[str, str]:
    frames = traceback.extract_tb(e.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return type(e).__name__, f"{type(e).__name__}: {e}{where}"


# ---------------------------------------------------------------- random runs


def _random_run(story: Story, seed: int, steps: int, tally: _Tally) -> None:
    rnd = random.Random(seed)
    path: list[str] = []
    game: ForcedGame | None = None
    try:
        start = Game.new(story, seed=seed)
        tally.note_start(start)
        game = _playtest_game(story, start.state)
        for _ in range(steps):
            s = game.state
            if s.ending is not None:
                tally.endings[s.ending] = tally.endings.get(s.ending, 0) + 1
                tally.lengths.append(len(path))
                return
            plans = open_choice_plans(game)
            open_indexes = [i for i, p in enumerate(plans) if p is not None]
            if not open_indexes:
                tally.problem(
                    ("stuck", s.scene),
                    Problem("stuck", s.scene, "no open choice outside an ending", seed, path),
                )
                return
            r = rnd.random()
            if r < P_UNDO and game.can_undo:
                game.undo()
                path.append("undo")
                continue
            if r < P_UNDO + P_ITEM:
                actions = open_actions(game)
                if actions:
                    iid, ai = actions[int(rnd.random() * len(actions))]
                    path.append(f"use:{iid}:{ai + 1}")
                    tally.actions.add((iid, ai))
                    game.use_item(iid, ai)
                    tally.note_step(game)
                    continue
            i = open_indexes[int(rnd.random() * len(open_indexes))]
            plan = plans[i]
            assert plan is not None
            path.append(str(i + 1))
            tally.choices.add((s.scene, plan.index))
            game.choose(i)
            tally.note_step(game)
        s = game.state
        if s.ending is not None:
            tally.endings[s.ending] = tally.endings.get(s.ending, 0) + 1
            tally.lengths.append(len(path))
            return
        tally.problem(
            ("loop", s.scene),
            Problem("loop", s.scene, f"no ending after {steps} steps", seed, path),
        )
    except Exception as e:
        kind, detail = _crash(e)
        scene = game.state.scene if game is not None else story.info.start
        tally.problem(("crash", kind, str(e), scene), Problem("crash", scene, detail, seed, path))


def _run_range(story: Story, seed: int, steps: int, first: int, last: int) -> _Tally:
    tally = _Tally()
    for run in range(first, last):
        _random_run(story, run_seed(seed, run), steps, tally)
    return tally


_FORKED: tuple[Story, int, int] | None = None
"""The story a forked worker plays: inherited from the parent, never pickled."""


def _forked_range(bounds: tuple[int, int]) -> _Tally:
    assert _FORKED is not None
    story, seed, steps = _FORKED
    return _run_range(story, seed, steps, *bounds)


def default_jobs(runs: int) -> int:
    """Worker processes for `runs` runs: one per core (at most 8), one for small batches."""
    if runs < 2000 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(8, os.cpu_count() or 1))


def random_playtest(
    story: Story,
    runs: int = DEFAULT_RUNS,
    seed: int = 0,
    steps: int = DEFAULT_STEPS,
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
) -> Report:
    """`runs` seeded random playthroughs of at most `steps` steps each.

    The result does not depend on `jobs`: runs are split into contiguous chunks whose tallies
    are merged in order, exactly as one process would have met them.
    """
    global _FORKED
    started = time.perf_counter()
    chunk = max(1, min(500, runs // max(1, jobs * 4)))
    bounds = [(i, min(runs, i + chunk)) for i in range(0, runs, chunk)]
    tally = _Tally()
    if progress is not None:
        progress(0, runs)
    if jobs > 1 and len(bounds) > 1:
        _FORKED = (story, seed, steps)
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                for part, (_, last) in zip(pool.imap(_forked_range, bounds), bounds, strict=True):
                    tally.merge(part)
                    if progress is not None:
                        progress(last, runs)
        finally:
            _FORKED = None
    else:
        for first, last in bounds:
            tally.merge(_run_range(story, seed, steps, first, last))
            if progress is not None:
                progress(last, runs)
    report = tally.report(story, Report(story.id, "random", seed, runs, steps))
    report.seconds = round(time.perf_counter() - started, 3)
    return report


# ---------------------------------------------------------------- exhaustive walk

StateKey = tuple[object, ...]


def _conditions(story: Story) -> list[str]:
    """Every condition that decides what can happen (texts and visibility do not)."""
    out = []
    for scene in story.scenes.values():
        for c in scene.choices:
            out += [c.when.source] if c.when else []
            out += [b.when.source for b in c.branches if b.when]
    for item in story.items.values():
        out += [a.when.source for a in item.actions if a.when]
    out += [o.when.source for o in story.outcomes if o.when]
    return out


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
        for src in _conditions(story):
            for n in walk(parse_condition(src)):
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


@dataclass
class _Node:
    progress: Progress
    parent: StateKey | None
    step: str
    depth: int
    children: list[StateKey] = field(default_factory=list)
    expanded: bool = False
    terminal: bool = False


def _game_at(story: Story, p: Progress, seed: int, player: str) -> ForcedGame:
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
    return _playtest_game(story, state)


def _playtest_game(story: Story, state: GameState) -> ForcedGame:
    """A game for the playtest: the player's log is not kept (scenes entered are)."""
    state.log = []
    game = ForcedGame(story, state)
    game.keep_log = False
    return game


def exhaustive_playtest(
    story: Story,
    seed: int = 0,
    max_states: int = DEFAULT_MAX_STATES,
    max_depth: int = DEFAULT_STEPS,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Breadth-first over distinct states: every choice, item action, branch and roll."""
    started = time.perf_counter()
    tally = _Tally()
    keys = StateKeys(story)
    first = Game.new(story, seed=seed)
    player = first.state.player
    tally.note_start(first)
    root_key = keys.key(first.state)
    nodes: dict[StateKey, _Node] = {root_key: _Node(first.state.progress(), None, "", 0)}
    queue: deque[StateKey] = deque([root_key])
    complete = True

    def path_to(key: StateKey | None) -> list[str]:
        out = []
        while key is not None:
            node = nodes[key]
            if node.parent is not None:
                out.append(node.step)
            key = node.parent
        return out[::-1]

    def attempt(key: StateKey, node: _Node, step: str, target: str | None, roll: str) -> None:
        nonlocal complete
        game = _game_at(story, node.progress, seed, player)
        kind, item, index, _, _ = parse_step(step)
        game.prepare(True, target, roll)
        try:
            if kind == "use":
                tally.actions.add((item, index))
                game.use_item(item, index)
            else:
                plan = open_choice_plans(game)[index]
                assert plan is not None
                tally.choices.add((node.progress.scene, plan.index))
                game.choose(index)
        except Exception as e:
            name, detail = _crash(e)
            tally.problem(
                ("crash", name, str(e), node.progress.scene),
                Problem("crash", node.progress.scene, detail, seed, [*path_to(key), step]),
            )
            return
        tally.note_step(game)
        label = step
        if len(game.branch_targets) > 1:
            label += f"@{target or game.branch_targets[0]}"
            if target is None:
                for other in game.branch_targets[1:]:
                    attempt(key, node, step, other, roll)
        if game.rolled:
            label += "~hybrid" if game.state.infection == "hybrid" else "~zombie"
            if roll == "hybrid":
                attempt(key, node, step, target or (game.branch_targets or (None,))[0], "zombie")
        child = keys.key(game.state)
        node.children.append(child)
        if child in nodes:
            return
        if len(nodes) >= max_states:
            complete = False
            node.expanded = False  # a child was left out: this state counts as unexplored
            return
        nodes[child] = _Node(game.state.progress(), key, label, node.depth + 1)
        queue.append(child)

    while queue:
        key = queue.popleft()
        node = nodes[key]
        p = node.progress
        if p.ending is not None:
            node.terminal = True
            tally.endings[p.ending] = tally.endings.get(p.ending, 0) + 1
            tally.lengths.append(node.depth)
            continue
        game = _game_at(story, p, seed, player)
        try:
            plans = open_choice_plans(game)
            actions = open_actions(game)
        except Exception as e:
            name, detail = _crash(e)
            tally.problem(
                ("crash", name, str(e), p.scene),
                Problem("crash", p.scene, detail, seed, path_to(key)),
            )
            node.terminal = True
            continue
        if all(plan is None for plan in plans):
            node.terminal = True
            tally.problem(
                ("stuck", p.scene),
                Problem("stuck", p.scene, "no open choice outside an ending", seed, path_to(key)),
            )
            continue
        if node.depth >= max_depth:
            complete = False
            continue
        node.expanded = True
        for i, plan in enumerate(plans):
            if plan is not None:
                attempt(key, node, str(i + 1), None, "hybrid")
        for iid, ai in actions:
            attempt(key, node, f"use:{iid}:{ai + 1}", None, "hybrid")
        if progress is not None and len(nodes) % 500 == 0:
            progress(len(nodes), max_states)
    if progress is not None:
        progress(len(nodes), len(nodes))

    # States from which no ending (nor an already reported stuck state) can be reached.
    parents: dict[StateKey, list[StateKey]] = {}
    for k, n in nodes.items():
        for c in n.children:
            parents.setdefault(c, []).append(k)
    exits = [k for k, n in nodes.items() if n.terminal or not n.expanded]
    can_exit = set(exits)
    todo = list(exits)
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in can_exit:
                can_exit.add(parent)
                todo.append(parent)
    for k, n in nodes.items():
        if k not in can_exit:
            tally.problem(
                ("loop", n.progress.scene),
                Problem(
                    "loop", n.progress.scene, "no ending can be reached from here", seed, path_to(k)
                ),
            )
    report = Report(story.id, "exhaustive", seed, 0, max_depth, len(nodes), complete)
    report = tally.report(story, report)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


# ---------------------------------------------------------------- output


def format_report(report: Report, story_dir: str) -> str:
    lines: list[str] = []
    add = lines.append
    if report.mode == "random":
        add(
            f"Playtest of '{report.story}': {report.runs} random runs from seed {report.seed}, "
            f"at most {report.steps} steps each ({report.seconds:.2f} s)"
        )
    else:
        add(
            f"Exhaustive playtest of '{report.story}': {report.states} distinct states"
            f"{'' if report.complete else ' (stopped at a bound: --max-states/--steps)'} "
            f"({report.seconds:.2f} s)"
        )
    unit = "runs" if report.mode == "random" else "end states"
    add(f"Endings ({sum(report.endings.values())} {unit}):")
    for eid, n in report.endings.items():
        add(f"  {eid}: {n}")
    if report.endings_never_reached:
        add(f"  never reached: {', '.join(report.endings_never_reached)}")
    add(f"Length to an ending: mean {report.mean_length} steps, max {report.max_length}")

    def listing(title: str, items: list[str]) -> None:
        add(f"{title} ({len(items)}){':' if items else ''}")
        lines.extend(f"  {x}" for x in items)

    listing("Scenes never reached", report.scenes_never_reached)
    listing(
        "Choices never taken",
        [f"{c.scene} choice {c.number}: {c.text}" for c in report.choices_never_taken],
    )
    listing("Items never carried", report.items_never_carried)
    listing(
        "Item actions never used",
        [f"{a.item} action {a.number}: {a.text}" for a in report.item_actions_never_used],
    )
    for title, problems in (
        ("Crashes", report.crashes),
        ("Stuck states", report.stuck),
        ("Loops without exit", report.loops),
    ):
        add(f"{title} ({len(problems)}){':' if problems else ''}")
        for p in problems:
            times = f", {p.count} times" if p.count > 1 else ""
            add(f"  in scene '{p.scene}'{times}: {p.detail}")
            steps = " ".join(p.path)
            add(f'    reproduce: hyosan playtest {story_dir} --seed {p.seed} --replay "{steps}"')
    if report.failed:
        add(f"FAILED: {len(report.crashes)} crash(es), {len(report.stuck)} stuck state(s)")
    else:
        add("OK: no crash, no stuck state")
    return "\n".join(lines)


class ProgressBar:
    """A one-line bar on a terminal; silent when the stream is not one."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self.stream = stream
        self.label = label
        self.enabled = stream.isatty()
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        pct = min(100, done * 100 // total)
        if pct == self.last:
            return
        self.last = pct
        bar = "#" * (pct * 30 // 100)
        self.stream.write(f"\r{self.label} [{bar:<30}] {pct:3d}% {done}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def run_replay(story: Story, seed: int, path: list[str], out: TextIO) -> int:
    """Play `path` step by step, printing where each step leads; 1 on a crash or stuck state."""
    game = replay(story, seed, [])
    out.write(f"[start] {game.title} ({game.state.scene})\n")
    for token in path:
        try:
            take_step(game, token)
        except ValueError as e:
            out.write(f"error: {e}\n")
            return 2
        except GameError as e:
            out.write(f"[{token}] refused: {e}\n")
            return 2
        except Exception:
            out.write(f"[{token}] CRASH in scene '{game.state.scene}':\n")
            out.write(traceback.format_exc())
            return 1
        out.write(f"[{token}] {game.title} ({game.state.scene})\n")
    if game.ended is not None:
        out.write(f"ending: {game.ended.title} ({game.ended.id})\n")
    elif game.is_stuck:
        out.write(f"STUCK: no open choice in scene '{game.state.scene}'\n")
        return 1
    else:
        for i, c in enumerate(game.choices, 1):
            out.write(f"  {i}. {c.text}{'' if c.open else f' (closed: {c.reason})'}\n")
    return 0


def run_playtest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        story = load_story(args.dir)
    except StoryError as e:
        for d in e.diagnostics:
            err.write(f"{d}\n")
        err.write("the story does not check; fix it first (hyosan check)\n")
        return 2
    where = str(args.dir) if args.dir is not None else "scenes"
    if args.replay is not None:
        return run_replay(story, args.seed, args.replay.split(), out)
    if args.exhaustive:
        report = exhaustive_playtest(
            story,
            args.seed,
            args.max_states,
            args.steps,
            None if args.json else ProgressBar(err, "states"),
        )
    else:
        jobs = args.jobs if args.jobs is not None else default_jobs(args.runs)
        report = random_playtest(
            story, args.runs, args.seed, args.steps, ProgressBar(err, "runs"), jobs
        )
    if args.json:
        out.write(json.dumps(report.to_json(), indent=2) + "\n")
    else:
        out.write(format_report(report, where) + "\n")
    return 1 if report.failed else 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def register(sub: Any) -> None:
    p = sub.add_parser(
        "playtest",
        help="play the story many times and report unreached scenes, stuck states, crashes",
        description="Seeded random playthroughs (or --exhaustive, a walk over every state); "
        "exits 1 on a crash or a stuck state.",
    )
    p.add_argument("dir", nargs="?", type=Path, default=None, help="story folder")
    p.add_argument("--runs", type=_positive, default=DEFAULT_RUNS, help="random runs")
    p.add_argument("--seed", type=int, default=0, help="base seed (with --replay: the game's seed)")
    p.add_argument(
        "--steps", type=_positive, default=DEFAULT_STEPS, help="step bound of a run (or depth)"
    )
    p.add_argument("--exhaustive", action="store_true", help="breadth-first over every state")
    p.add_argument(
        "--max-states", type=_positive, default=DEFAULT_MAX_STATES, help="bound of --exhaustive"
    )
    p.add_argument(
        "--jobs", type=_positive, default=None, help="worker processes (default: one per core)"
    )
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.add_argument(
        "--replay", metavar="STEPS", default=None, help='replay steps such as "1 3 use:mop:1 2"'
    )
    p.set_defaults(func=lambda args: run_playtest(args, sys.stdout, sys.stderr))
