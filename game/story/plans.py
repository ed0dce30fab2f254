"""A checked story's scene plans, compiled when play first reaches each scene.

Checking a story needs every scene checked, not every plan kept: compiling the plans of
scenes a game may never reach would be most of a large story's load time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from game.story.diagnostics import StoryError
from game.story.model import Scene
from game.story.sourcefile import SourceFile
from game.story.story import ScenePlan

if TYPE_CHECKING:
    from game.story.linker import Linker


class ScenePlans(Mapping[str, ScenePlan]):
    """Scene plans compiled on first access from checked scenes (scene id -> file and
    validated scene); a subclass may keep the scenes in another form (`checked`)."""

    def __init__(self, linker: Linker, scenes: Mapping[str, Any]) -> None:
        self._linker = linker
        self._scenes = scenes
        self._plans: dict[str, ScenePlan] = {}

    def checked(self, sid: str) -> tuple[SourceFile, Scene]:
        f, scene = self._scenes[sid]
        return f, scene

    def __getitem__(self, sid: str) -> ScenePlan:
        plan = self._plans.get(sid)
        if plan is None:
            f, scene = self.checked(sid)
            plan = self._linker.scene(f, sid, scene)
            if self._linker.loader.failed:
                raise StoryError(self._linker.loader.diagnostics)
            self._plans[sid] = plan
        return plan

    def __contains__(self, sid: object) -> bool:
        return sid in self._scenes

    def __iter__(self) -> Iterator[str]:
        return iter(self._scenes)

    def __len__(self) -> int:
        return len(self._scenes)
