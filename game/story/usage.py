"""What a story declares or writes that no player can meet: scenes never reached, items
never given or never used, flags never set or never read. Warnings, not errors: a story in
progress has them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.story.flow import Graph, flow_graph, flow_roots
from game.story.story import Story

if TYPE_CHECKING:
    from game.story.linker import Linker


def warn_unused(story: Story, linker: Linker, graph: Graph) -> None:
    """Warnings for what the story declares or writes but no player can meet."""
    for sid in sorted(set(graph) - reachable_scenes(story, graph)):
        file = linker.file_of(sid)
        what = "ending" if graph[sid].ending else "scene"
        linker.loader.at(
            file,
            (sid,),
            f"{what} '{sid}' can never be reached from the start scene "
            f"'{story.info.start}'; add a choice that goes to it, or remove it",
            "warning",
        )
    mf = linker.mfile
    for iid in linker.m.items:
        if iid not in linker.items_given:
            linker.loader.at(
                mf,
                ("items", iid),
                f"item '{iid}' is never given; add `give = [\"{iid}\"]` to some effects",
                "warning",
            )
        elif iid not in linker.items_read:
            linker.loader.at(
                mf,
                ("items", iid),
                f"item '{iid}' is never used: no condition asks has({iid}) and it has no actions",
                "warning",
            )
    for flag in linker.m.flags:
        if flag not in linker.flags_set:
            linker.loader.at(
                mf, ("flags", flag), f"flag '{flag}' is never set by any effect", "warning"
            )
        elif flag not in linker.flags_read:
            linker.loader.at(
                mf,
                ("flags", flag),
                f"flag '{flag}' is set but no condition reads it",
                "warning",
            )


def reachable_scenes(story: Story, graph: Graph | None = None) -> set[str]:
    """Scenes reachable from the start by choices, item actions, stat bounds or a bite."""
    if graph is None:
        graph = flow_graph(story.scenes)
    seen: set[str] = set()
    todo = flow_roots(story)
    while todo:
        sid = todo.pop()
        if sid in seen:
            continue
        seen.add(sid)
        todo += graph[sid].on
        todo += graph[sid].calls
    return seen
