"""A write that fails (full disk, read-only disk, no permission) leaves the old save intact."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.engine import Game
from game.saves import SaveError, SaveFolder
from game.story import Story

Play = Callable[..., Game]


def failing(code: int) -> Callable[..., Any]:
    def fail(*args: object, **kwargs: object) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


def temp_files(folder: SaveFolder) -> list[Path]:
    return [p for p in folder.path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("call", "code", "problem"),
    [
        ("write", errno.ENOSPC, "the disk is full"),
        ("fsync", errno.ENOSPC, "the disk is full"),
        ("write", errno.EDQUOT, "your disk quota is used up"),
        ("open", errno.EROFS, "the disk is read-only"),
        ("open", errno.EACCES, "permission denied (check who owns the save folder)"),
        ("replace", errno.EPERM, "permission denied (check who owns the save folder)"),
        ("fsync", errno.EIO, "the disk reported an input/output error"),
    ],
)
def test_a_failed_write_keeps_the_old_save(
    starter: Story,
    folder: SaveFolder,
    play: Play,
    monkeypatch: pytest.MonkeyPatch,
    call: str,
    code: int,
    problem: str,
) -> None:
    folder.save("x", play(starter, []), 1)
    folder.save("x", play(starter, [2]), 2)
    before = {p.name: p.read_bytes() for p in folder.path.iterdir()}
    with monkeypatch.context() as m:
        m.setattr(os, call, failing(code))
        with pytest.raises(SaveError) as caught:
            folder.save("x", play(starter, [1]), 3)
    assert str(caught.value) == (
        f"Could not save to {folder.path / 'x.json'}: {problem}. Your previous save is untouched."
    )
    assert {p.name: p.read_bytes() for p in folder.path.iterdir()} == before
    assert temp_files(folder) == []
    assert folder.load("x", starter).state.scene == "hall"


def test_failing_after_the_backup_still_keeps_the_main_file(
    starter: Story, folder: SaveFolder, play: Play, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder.save("x", play(starter, [2]), 1)
    real_replace = os.replace

    def replace_only_backups(src: str, dst: str) -> None:
        if str(dst).endswith(".bak"):
            real_replace(src, dst)
        else:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", replace_only_backups)
    with pytest.raises(SaveError, match="the disk is full"):
        folder.save("x", play(starter, [1]), 2)
    monkeypatch.undo()
    assert folder.load("x", starter).state.scene == "hall"
    assert temp_files(folder) == []


def test_the_first_save_failing_says_nothing_about_a_previous_one(
    starter: Story, folder: SaveFolder, play: Play, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder.path.mkdir()
    monkeypatch.setattr(os, "write", failing(errno.ENOSPC))
    with pytest.raises(SaveError) as caught:
        folder.save("x", play(starter, []), 1)
    assert str(caught.value) == f"Could not save to {folder.path / 'x.json'}: the disk is full."
    monkeypatch.undo()
    assert list(folder.path.iterdir()) == []


def test_a_folder_that_cannot_be_created(starter: Story, tmp_path: Path, play: Play) -> None:
    (tmp_path / "file").write_text("")
    folder = SaveFolder(tmp_path / "file" / "saves")
    with pytest.raises(SaveError) as caught:
        folder.save("x", play(starter, []), 1)
    assert str(caught.value) == (
        f"Could not create the save folder {folder.path}: not a directory."
    )


def test_stale_temp_files_of_a_killed_save_are_cleaned(
    starter: Story, folder: SaveFolder, play: Play
) -> None:
    folder.path.mkdir()
    (folder.path / ".x.json.deadbeef.tmp").write_text("half a save")
    (folder.path / ".other.json.deadbeef.tmp").write_text("another slot's")
    folder.save("x", play(starter, []), 1)
    assert [p.name for p in temp_files(folder)] == [".other.json.deadbeef.tmp"]
