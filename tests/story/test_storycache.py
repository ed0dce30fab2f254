"""The compiled story cache: used when it matches, rebuilt when anything is off."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from game.engine import Game
from game.story import StoryError, load_story
from game.storycache import open_story

STARTER = Path(__file__).parent.parent / "stories" / "starter"


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(STARTER, tmp_path / "story"))


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def _is_cached(story: object) -> bool:
    return type(getattr(story, "scenes", None)).__name__ == "LazyScenes"


def test_second_open_comes_from_the_cache_and_plays_the_same(story_dir: Path, cache: Path) -> None:
    cold = open_story(story_dir, directory=cache)
    warm = open_story(story_dir, directory=cache)
    assert not _is_cached(cold) and _is_cached(warm)
    assert [p.name for p in cache.iterdir()] != []
    assert not any(p.suffix == ".json" for p in story_dir.rglob("*"))  # never in the story
    a, b = Game.new(cold, "Ana", seed=3), Game.new(warm, "Ana", seed=3)
    for _ in range(4):
        assert (a.title, a.text, a.choices) == (b.title, b.text, b.choices)
        a.choose(len(a.choices) - 1)
        b.choose(len(b.choices) - 1)
    assert warm.endings == cold.endings and warm.warnings == cold.warnings


def test_a_content_change_with_the_same_mtime_invalidates(story_dir: Path, cache: Path) -> None:
    open_story(story_dir, directory=cache)
    scenes = story_dir / "school.toml"
    stat = scenes.stat()
    scenes.write_text(scenes.read_text().replace("Fifth period.", "Sixth period."))
    os.utime(scenes, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    story = open_story(story_dir, directory=cache)
    assert not _is_cached(story)
    assert "Sixth period." in Game.new(story).text
    assert len(list(cache.glob("*.json"))) == 1  # the stale cache was removed


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],
        lambda b: b.replace(b'"title"', b'"titel"', 1),
        lambda b: b"",
        lambda b: b"\x00\xff" * 40,
    ],
    ids=["truncated", "edited", "empty", "garbage"],
)
def test_a_corrupt_cache_is_silently_rebuilt(story_dir: Path, cache: Path, damage) -> None:  # type: ignore[no-untyped-def]
    open_story(story_dir, directory=cache)
    [path] = cache.glob("*.json")
    path.write_bytes(damage(path.read_bytes()))
    story = open_story(story_dir, directory=cache)
    assert not _is_cached(story)
    assert Game.new(story).title == "Class 2-5"
    assert _is_cached(open_story(story_dir, directory=cache))


def test_a_broken_story_is_never_cached(story_dir: Path, cache: Path) -> None:
    (story_dir / "school.toml").write_text("[classroom]\ntitle = 3\n")
    for _ in range(2):
        with pytest.raises(StoryError):
            open_story(story_dir, directory=cache)
    assert list(cache.glob("*.json")) == []


def test_an_unwritable_cache_folder_still_plays(story_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    story = open_story(story_dir, directory=blocker / "cache")
    assert story.scenes.keys() == load_story(story_dir).scenes.keys()


def test_a_cache_write_that_fails_midway_leaves_no_file_and_still_plays(
    story_dir: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    story = open_story(story_dir, directory=cache)
    assert Game.new(story, "Ana").title
    # neither a half-written cache nor a temporary file (the folder's own key stays)
    assert [p.name for p in cache.iterdir()] in ([], [".key"])
    monkeypatch.undo()
    open_story(story_dir, directory=cache)
    assert _is_cached(open_story(story_dir, directory=cache))
