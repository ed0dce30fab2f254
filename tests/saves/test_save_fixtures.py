"""Saves written by earlier versions keep loading: every fixture folder against its story."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from game.engine import Game
from game.saves import SaveFolder
from game.story import load_story

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"


def load_fixture_script() -> object:
    spec = importlib.util.spec_from_file_location("make_fixtures", HERE / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE = load_fixture_script()
STORIES: dict[str, Path] = MAKE.STORIES  # type: ignore[attr-defined]
FOLDERS = sorted(p for p in FIXTURES.iterdir() if p.is_dir())


def test_there_are_fixtures_for_the_starter_story() -> None:
    assert FIXTURES / "starter" in FOLDERS
    assert {s.name for s in SaveFolder(FIXTURES / "starter").slots()} == {
        "autosave-early",
        "hybrid-mid",
        "near-ending",
    }


@pytest.mark.parametrize("fixture_dir", FOLDERS, ids=[p.name for p in FOLDERS])
def test_every_fixture_loads_against_its_story(fixture_dir: Path) -> None:
    assert fixture_dir.name in STORIES, f"no story known for fixtures/{fixture_dir.name}"
    story = load_story(STORIES[fixture_dir.name])
    folder = SaveFolder(fixture_dir)
    slots = folder.slots()
    assert slots and all(s.problem is None for s in slots)
    for info in slots:
        game = Game(story, folder.load(info.name, story).state)
        assert game.ended is not None or any(c.open for c in game.choices)


def test_the_starter_fixtures_are_where_their_names_say(starter: object) -> None:
    story = load_story(STORIES["starter"])
    folder = SaveFolder(FIXTURES / "starter")
    assert folder.load("hybrid-mid", story).state.infection == "hybrid"
    near = Game(story, folder.load("near-ending", story).state)
    assert near.state.scene == "roof" and near.state.infection == "human"
    assert folder.load("autosave-early", story).state.turn == 1


def test_the_script_writes_the_fixtures(tmp_path: Path) -> None:
    written = MAKE.make("starter", tmp_path)  # type: ignore[attr-defined]
    assert sorted(p.name for p in written) == sorted(
        p.name for p in (FIXTURES / "starter").glob("*.json")
    )
