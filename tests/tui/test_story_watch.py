"""The dev mode's file watcher on edits its cheap stamp could miss."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from game.tui.story_watch import StoryWatcher
from tests.conftest import STARTER


def test_watcher_sees_a_same_size_edit_renamed_in_within_one_timestamp_tick(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "story"
    shutil.copytree(STARTER, folder)
    school = folder / "school.toml"
    before = school.stat()
    watcher = StoryWatcher(folder)
    text = school.read_text(encoding="utf-8")
    assert "Fifth period." in text
    # An editor's safe save: a new file of the same size renamed over the old one, with the
    # same modification time (a coarse file system tick makes it so).
    new = folder / ".school.toml.new"
    new.write_text(text.replace("Fifth period.", "Sixth period."), encoding="utf-8")
    os.utime(new, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(new, school)
    after = school.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert watcher.changed()
    assert not watcher.changed()
