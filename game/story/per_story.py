"""What is worked out once per loaded story and shared by every game, save and tool of it.

Keyed by the story object's identity (a loaded story never changes). An entry goes when its
story is freed, so a value must not hold its story strongly (a `weakref` to it, or only the
parts it reads): else the registry would keep every story ever loaded alive.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

from game.story.story import Story

T = TypeVar("T")


class PerStory(Generic[T]):
    """`make(story)`, made once per live story: `per_story(story)`."""

    def __init__(self, make: Callable[[Story], T]) -> None:
        self._make = make
        self.made: dict[int, T] = {}
        """By `id` of a live story: a freed story's entry is removed before its id is reused."""

    def __call__(self, story: Story) -> T:
        key = id(story)
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = self._make(story)
            weakref.finalize(story, self.made.pop, key, None)
        return found
