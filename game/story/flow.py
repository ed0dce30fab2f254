"""Static checks of how a story flows: `next` loops, subroutines, scenes with no way out.

These are decided on the scene graph alone, before anyone plays: a loop of `next` that never
reaches a choice hangs the game, a `return` reached outside any call has nowhere to go, and
recursion through `call` would grow the call stack without end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from game.story.story import ScenePlan, Story

MAX_CALL_DEPTH = 8
"""How deeply subroutines may call subroutines: deeper is a check error."""

Report = Callable[[tuple[str | int, ...], str], None]
"""report(where: a key path from the scene id, e.g. ("hall", "choices", 0), message)."""


Steps = Mapping[str, tuple[list[str], list[str]]]
"""Scene id -> (scenes the flow goes on to at its call depth, subroutines it calls)."""


def flow_steps(scenes: Mapping[str, ScenePlan]) -> dict[str, tuple[list[str], list[str]]]:
    """Every scene's steps, worked out once for all the walks of the graph."""
    return {sid: _steps(scene) for sid, scene in scenes.items()}


def check_flow(
    story: Story, report: Report, warn: Report | None = None, steps: Steps | None = None
) -> None:
    errors: list[str] = []

    def error(where: tuple[str | int, ...], message: str) -> None:
        errors.append(message)
        report(where, message)

    scenes = story.scenes
    if steps is None:
        steps = flow_steps(scenes)
    _check_next_loops(scenes, error)
    outside = _level(steps, flow_roots(story))
    for sid in sorted(outside):
        scene = scenes[sid]
        if scene.returns:
            error(
                (sid, "return"),
                f"scene '{sid}' returns, but it can be reached without a `call` (from "
                f"'{story.info.start}'); reach it only through `call = \"{sid}\"`, or use `next`",
            )
        for c in scene.choices:
            if c.returns:
                error(
                    (sid, "choices", c.index, "return"),
                    f"choice {c.index + 1} of scene '{sid}' returns, but the scene can be reached "
                    "without a `call`; reach the scene only through `call`, or use `goto`",
                )
    _check_call_depth(steps, outside, error)
    if warn is not None and not errors:  # a broken flow makes these warnings noise
        _warn_no_ending(story, steps, warn)


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


def _steps(scene: ScenePlan) -> tuple[list[str], list[str]]:
    """(scenes the flow goes on to at this call depth, subroutines it calls)."""
    on = [b.goto for b in scene.next]
    calls = [scene.call] if scene.call else []
    for c in scene.choices:
        on += [c.goto] if c.goto else [b.goto for b in c.branches]
        if c.call:
            calls.append(c.call)
    return on, calls


def _level(steps: Steps, roots: Iterable[str]) -> set[str]:
    """Scenes reached from `roots` without entering a subroutine (calls assumed to return)."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        sid = todo.pop()
        if sid in seen or sid not in steps:
            continue
        seen.add(sid)
        todo += steps[sid][0]
    return seen


def _check_next_loops(scenes: Mapping[str, ScenePlan], report: Report) -> None:
    """Every scene that hands on without a click must reach one that stops: choices, an
    ending, or a `return`."""
    all_scenes = dict(scenes.items())
    auto = {sid for sid, s in all_scenes.items() if s.next}
    ok = {sid for sid in all_scenes if sid not in auto}
    changed = True
    while changed:
        changed = False
        for sid in auto - ok:
            s = all_scenes[sid]
            if any(b.goto in ok for b in s.next):
                ok.add(sid)
                changed = True
    looped: set[str] = set()
    for sid in sorted(auto - ok):
        if sid in looped:
            continue
        loop = _loop_from(all_scenes, sid)
        looped.update(loop)
        report(
            (sid, "next"),
            f"scene '{sid}' hands on with `next` in a loop ({' -> '.join(loop)}) that never "
            "reaches a choice or an ending; give one of these scenes choices or an ending",
        )


def _loop_from(scenes: Mapping[str, ScenePlan], sid: str) -> list[str]:
    path = [sid]
    while True:
        nxt = scenes[path[-1]].next[0].goto
        if nxt in path:
            return [*path[path.index(nxt) :], nxt]
        path.append(nxt)
        if len(path) > 50:
            return [*path[:3], "..."]


def _check_call_depth(steps: Steps, outside: set[str], report: Report) -> None:
    def callees(body: set[str]) -> set[str]:
        out: set[str] = set()
        for sid in body:
            out.update(steps[sid][1])
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
        body = bodies.setdefault(callee, _level(steps, [callee]))
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


def _warn_no_ending(story: Story, steps: Steps, warn: Report) -> None:
    """A scene from which no ending can be reached whatever the player does."""
    scenes = story.scenes
    reverse: dict[str, list[str]] = {}
    good: set[str] = set()
    for sid, s in scenes.items():
        if s.ending is not None or s.returns or any(c.returns for c in s.choices):
            good.add(sid)
        on, calls = steps[sid]
        for t in (*on, *calls):
            reverse.setdefault(t, []).append(sid)
    todo = list(good)
    while todo:
        for prev in reverse.get(todo.pop(), ()):
            if prev not in good:
                good.add(prev)
                todo.append(prev)
    for sid in sorted(set(scenes) - good):
        warn(
            (sid,),
            f"no ending can be reached from scene '{sid}' whatever the player chooses; "
            "give it (or a scene after it) a way to an ending",
        )
