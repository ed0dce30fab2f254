"""`hyosan check`: print every problem of a story as `path:line:col: severity: message`."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from game.story import check_story
from game.story.diagnostics import summary


def run_check(path: Path | None, out: TextIO) -> int:
    """Check the story at `path`; returns the exit status (1 if any error)."""
    story, diagnostics = check_story(path)
    for d in diagnostics:
        print(d, file=out)
    where = story.root if story is not None else (path or "the story")
    if story is not None:
        print(
            f"{where}: {len(story.scenes)} scenes, {len(story.endings)} endings, "
            f"{len(story.items)} items; {summary(diagnostics)}",
            file=out,
        )
    else:
        print(f"{where}: {summary(diagnostics)}", file=out)
    return 1 if story is None else 0
