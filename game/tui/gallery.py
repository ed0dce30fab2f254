"""The endings gallery as plain data: every ending of the story, found (when, by whom) or
locked (with the story's hint, if it gives one). No Textual here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from game.endings_found import Found
from game.story.story import Story
from game.tui import manifest


@dataclass(frozen=True, slots=True)
class GalleryEntry:
    id: str
    title: str
    found: bool
    when: datetime | None
    player: str | None
    hint: str


def gallery(
    story: Story, reached: set[str], found: Mapping[str, Found]
) -> tuple[GalleryEntry, ...]:
    """The story's endings in its own order; found ones first keep that order too."""
    out = []
    for eid, title in story.endings.items():
        first = found.get(eid)
        out.append(
            GalleryEntry(
                eid,
                title,
                eid in reached or first is not None,
                first.when if first else None,
                first.player if first else None,
                manifest.ending_hint(story, eid),
            )
        )
    return tuple(out)
