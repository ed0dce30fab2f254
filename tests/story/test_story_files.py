"""What is in a story folder besides plain scene files: a FIFO, an unreadable folder, a BOM.

None of them may hang `check` or play, and none may be passed over without a word.
"""

from __future__ import annotations

import io
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from game.check import run_check
from game.story import StoryError, load_story
from game.storycache import open_story
from tests.conftest import STARTER

WAIT_SECONDS = 5


def finishes(call: Callable[[], object], fifo: Path) -> object:
    """`call()`'s result; fails (and unblocks it) if it is still running after a few seconds."""
    result: list[object] = []

    def run() -> None:
        try:
            result.append(call())
        except Exception as e:
            result.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(WAIT_SECONDS)
    if thread.is_alive():
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # a writer lets the reader go on
        thread.join(WAIT_SECONDS)
        pytest.fail("hung reading a FIFO")
    return result[0]


def check(root: Path) -> str:
    out = io.StringIO()
    run_check(root, out)
    return out.getvalue()


@pytest.fixture
def story(tmp_path: Path) -> Path:
    root = tmp_path / "story"
    shutil.copytree(STARTER, root)
    return root


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_a_fifo_named_like_a_scene_file_is_reported_not_read(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = story / "more" / "pipe.toml"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    out = finishes(lambda: check(story), fifo)
    assert f"{fifo}:1:1: error: not a regular file; a scene file must be a plain file" in str(out)
    monkeypatch.setenv("HYOSAN_CACHE", str(tmp_path / "cache"))
    assert isinstance(finishes(lambda: open_story(story), fifo), StoryError)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_a_fifo_as_the_manifest_does_not_hang(story: Path, tmp_path: Path) -> None:
    manifest = story / "story.toml"
    manifest.unlink()
    os.mkfifo(manifest)
    assert "has no manifest" in str(finishes(lambda: check(story), manifest))
    cached = finishes(lambda: open_story(story, directory=tmp_path / "cache"), manifest)
    assert isinstance(cached, StoryError)


@pytest.fixture
def unreadable(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[Path]]:
    """Folders to make unlistable, as `chmod 000` does for anyone but root (tests may run as
    root, who can list anything)."""
    folders: set[Path] = set()
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(str(path)) in folders:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    yield folders


def test_an_unreadable_sub_folder_is_reported(story: Path, unreadable: set[Path]) -> None:
    locked = story / "act2"
    locked.mkdir()
    shutil.move(story / "school.toml", locked / "school.toml")
    unreadable.add(locked)
    out = check(story)
    assert (
        f"{locked}:1:1: error: cannot read the folder (permission denied): its scenes are left out"
        in out
    )
    with pytest.raises(StoryError):
        load_story(story)


def test_a_utf8_bom_is_accepted(story: Path) -> None:
    for name in ("story.toml", "school.toml"):
        path = story / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert "0 errors" in check(story)
    loaded = load_story(story)
    assert loaded.title == load_story(STARTER).title


def test_hidden_files_and_folders_are_still_skipped(story: Path) -> None:
    (story / ".drafts").mkdir()
    (story / ".drafts" / "broken.toml").write_text("not toml", encoding="utf-8")
    (story / ".broken.toml").write_text("not toml", encoding="utf-8")
    assert "0 errors" in check(story)
