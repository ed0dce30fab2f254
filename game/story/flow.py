"""Static checks of how a story flows: `next` loops, subroutines, scenes with no way out.

These are decided on the scene graph alone, before anyone plays: a loop of `next` that never
reaches a choice hangs the game, a `return` reached outside any call has nowhere to go, and
recursion through `call` would grow the call stack without end. The graph is a `FlowNode` a
scene, which the check makes without compiling the scene's plan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from game.story.model import Ending
from game.story.story import BranchPlan, ChoicePlan, ScenePlan, Story

MAX_CALL_DEPTH = 8
"""How deeply subroutines may call subroutines: deeper is a check error."""

Report = Callable[[tuple[str | int, ...], str], None]
"""report(where: a key path from the scene id, e.g. ("hall", "choices", 0), message)."""


class FlowNode(NamedTuple):
    """What the flow checks need of one scene."""

    on: list[str]
    """Scenes the flow goes on to at this call depth (`next`, then each choice's)."""
    calls: list[str]
    """Subroutines it calls (its own `call`, then its choices')."""
    next: tuple[str, ...]
    """Where `next` hands on to without a click."""
    returns: bool
    choice_returns: tuple[int, ...]
    """Indexes of its choices with `return = true`."""
    ending: Ending | None


Graph = Mapping[str, FlowNode]


class ChoiceFlow:
    """What the flow checks need of one choice (a check makes no `ChoicePlan`)."""

    __slots__ = ("branches", "call", "goto", "index", "returns")

    def __init__(
        self,
        index: int,
        goto: str | None,
        branches: tuple[BranchPlan, ...],
        call: str | None,
        returns: bool,
    ) -> None:
        self.index = index
        self.goto = goto
        self.branches = branches
        self.call = call
        self.returns = returns


def node_of(scene: ScenePlan) -> FlowNode:
    return flow_node(scene.next, scene.call, scene.returns, scene.ending, scene.choices)


def flow_node(
    next_: tuple[BranchPlan, ...],
    call: str | None,
    returns: bool,
    ending: Ending | None,
    choices: Iterable[ChoicePlan | ChoiceFlow],
) -> FlowNode:
    """A scene's node, from its plan or from what its check found."""
    on = [b.goto for b in next_]
    calls = [call] if call else []
    choice_returns = []
    for c in choices:
        on += [c.goto] if c.goto else [b.goto for b in c.branches]
        if c.call:
            calls.append(c.call)
        if c.returns:
            choice_returns.append(c.index)
    return FlowNode(on, calls, tuple(on[: len(next_)]), returns, tuple(choice_returns), ending)


def flow_graph(scenes: Mapping[str, ScenePlan]) -> dict[str, FlowNode]:
    return {sid: node_of(scene) for sid, scene in scenes.items()}


def check_flow(
    story: Story, report: Report, warn: Report | None = None, graph: Graph | None = None
) -> None:
    errors: list[str] = []

    def error(where: tuple[str | int, ...], message: str) -> None:
        errors.append(message)
        report(where, message)

    if graph is None:
        graph = flow_graph(story.scenes)
    _check_next_loops(graph, error)
    outside = _level(graph, flow_roots(story))
    for sid in sorted(outside):
        node = graph[sid]
        if node.returns:
            error(
                (sid, "return"),
                f"scene '{sid}' returns, but it can be reached without a `call` (from "
                f"'{story.info.start}'); reach it only through `call = \"{sid}\"`, or use `next`",
            )
        for index in node.choice_returns:
            error(
                (sid, "choices", index, "return"),
                f"choice {index + 1} of scene '{sid}' returns, but the scene can be reached "
                "without a `call`; reach the scene only through `call`, or use `goto`",
            )
    _check_call_depth(graph, outside, error)
    if warn is not None and not errors:  # a broken flow makes these warnings noise
        _warn_no_ending(graph, warn)


def flow_roots(story: Story) -> list[str]:
    """Where play can begin or be sent from outside any choice: the start, item actions,
    stat bounds, turning."""
    roots = [story.info.start]
    for item in story.items.values():
        roots += [a.goto for a in item.actions if a.goto]
    for sp in story.stats.values():
        roots += [s for s in (sp.stat.at_min, sp.stat.at_max) if s]
    if story.infection is not None:
        roots.append(story.infection.zombie_scene)
    return [r for r in roots if r in story.scenes]


def _level(graph: Graph, roots: Iterable[str]) -> set[str]:
    """Scenes reached from `roots` without entering a subroutine (calls assumed to return)."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        sid = todo.pop()
        if sid in seen or sid not in graph:
            continue
        seen.add(sid)
        todo += graph[sid].on
    return seen


def _check_next_loops(graph: Graph, report: Report) -> None:
    """Every scene that hands on without a click must reach one that stops: choices, an
    ending, or a `return`."""
    auto = {sid for sid, node in graph.items() if node.next}
    ok = {sid for sid in graph if sid not in auto}
    changed = True
    while changed:
        changed = False
        for sid in auto - ok:
            if any(t in ok for t in graph[sid].next):
                ok.add(sid)
                changed = True
    looped: set[str] = set()
    for sid in sorted(auto - ok):
        if sid in looped:
            continue
        loop = _loop_from(graph, sid)
        looped.update(loop)
        report(
            (sid, "next"),
            f"scene '{sid}' hands on with `next` in a loop ({' -> '.join(loop)}) that never "
            "reaches a choice or an ending; give one of these scenes choices or an ending",
        )


def _loop_from(graph: Graph, sid: str) -> list[str]:
    path = [sid]
    while True:
        nxt = graph[path[-1]].next[0]
        if nxt in path:
            return [*path[path.index(nxt) :], nxt]
        path.append(nxt)
        if len(path) > 50:
            return [*path[:3], "..."]


def _check_call_depth(graph: Graph, outside: set[str], report: Report) -> None:
    def callees(body: set[str]) -> set[str]:
        out: set[str] = set()
        for sid in body:
            out.update(graph[sid].calls)
        return out

    bodies: dict[str, set[str]] = {}
    depth: dict[str, int] = {}
    reported: set[str] = set()

    def visit(callee: str, stack: list[str]) -> int:
        if callee in depth:
            return depth[callee]
        if callee in stack:
            loop = [*stack[stack.index(callee) :], callee]
            if callee not in reported:
                reported.add(callee)
                report(
                    (callee,),
                    f"subroutine '{callee}' calls itself ({' -> '.join(loop)}); a call must "
                    "return before the same scene is called again",
                )
            return MAX_CALL_DEPTH + 1
        body = bodies.setdefault(callee, _level(graph, [callee]))
        inner = [visit(c, [*stack, callee]) for c in sorted(callees(body))]
        depth[callee] = 1 + max(inner, default=0)
        if depth[callee] > MAX_CALL_DEPTH and callee not in reported:
            reported.add(callee)
            report(
                (callee,),
                f"calls from '{callee}' nest {depth[callee]} deep; at most {MAX_CALL_DEPTH} "
                "subroutines may be running at once",
            )
        return depth[callee]

    for callee in sorted(callees(outside)):
        visit(callee, [])


def _warn_no_ending(graph: Graph, warn: Report) -> None:
    """A scene from which no ending can be reached whatever the player does."""
    reverse: defaultdict[str, list[str]] = defaultdict(list)
    good: set[str] = set()
    for sid, node in graph.items():
        if node.ending is not None or node.returns or node.choice_returns:
            good.add(sid)
        for t in node.on:
            reverse[t].append(sid)
        for t in node.calls:
            reverse[t].append(sid)
    todo = list(good)
    while todo:
        for prev in reverse.get(todo.pop(), ()):
            if prev not in good:
                good.add(prev)
                todo.append(prev)
    for sid in sorted(set(graph) - good):
        warn(
            (sid,),
            f"no ending can be reached from scene '{sid}' whatever the player chooses; "
            "give it (or a scene after it) a way to an ending",
        )
