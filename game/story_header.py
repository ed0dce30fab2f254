"""The manifest's `[story]` header (title, intro), read on its own so the title screen can be
drawn before the story, its pydantic models and the engine are imported.

Light on purpose: tomli and the standard library only. It never imports `game.story` (whose
package pulls the loader and pydantic). It does not check the story: a header it cannot read
is None, and the caller falls back to loading the whole story, whose loader says what is
wrong, with file and line, as it always has.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import tomli

MANIFEST = "story.toml"
"""The manifest's file name (the loader's too: it imports it from here)."""

TITLE_LIMIT = 200
INTRO_LIMIT = 20_000
"""The bounds the story format puts on `title` and `intro` (`StoryInfo`): a header outside
them is left to the loader to report."""


@dataclass(frozen=True, slots=True)
class StoryHeader:
    title: str
    intro: str


def default_story_dir() -> Path:
    """The shipped story: the checkout's `scenes/`, or the copy inside an installed wheel."""
    package = Path(__file__).resolve().parent
    checkout = package.parent / "scenes"
    if (checkout / MANIFEST).is_file():
        return checkout
    return package / "scenes"


def read_header(root: Path) -> StoryHeader | None:
    """The title and intro of the story at `root`, or None when the manifest cannot be read
    or its header is not what the format allows."""
    try:
        with open(root / MANIFEST, "rb") as f:
            data = tomli.load(f)
    except (OSError, ValueError):  # missing, unreadable, not UTF-8, not TOML
        return None
    story = data.get("story")
    if not isinstance(story, dict):
        return None
    title, intro = story.get("title"), story.get("intro", "")
    if not isinstance(title, str) or not 1 <= len(title) <= TITLE_LIMIT:
        return None
    if not isinstance(intro, str) or len(intro) > INTRO_LIMIT:
        return None
    return StoryHeader(title, intro)
