"""Continue, autosave and endings: each behaviour once, run against plain mode and the TUI.

Both front ends drive the same `PlaySession`; these tests hold them to it through their own
input (lines or keys), so they cannot drift apart again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.saves import AUTOSAVE, SaveFolder
from game.story import Story
from tests.session.fronts import FRONTS, Front


@pytest.fixture(params=FRONTS, ids=lambda f: f.name)
def front(request: pytest.FixtureRequest) -> Front:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def saves(tmp_path: Path) -> Path:
    return tmp_path / "saves"


async def test_every_step_is_autosaved(front: Front, starter: Story, saves: Path) -> None:
    seen = await front.new_game(starter, saves, "Mina", [2])
    assert seen.titles[:2] == ["Class 2-5", "The east hall"]
    state = SaveFolder(saves).load(AUTOSAVE, starter).state
    assert (state.player, state.scene, state.turn) == ("Mina", "hall", 1)


async def test_continue_is_offered_and_resumes_the_autosave(
    front: Front, starter: Story, saves: Path
) -> None:
    await front.new_game(starter, saves, "Mina", [2])
    seen = await front.continue_game(starter, saves, [4])
    assert seen.offered_continue
    assert seen.titles[0] == "The east hall"
    state = SaveFolder(saves).load(AUTOSAVE, starter).state
    assert state.player == "Mina" and state.inventory == {"chocolate": 1}


async def test_no_continue_without_a_save(front: Front, starter: Story, saves: Path) -> None:
    seen = await front.new_game(starter, saves, "Mina", [])
    assert not seen.offered_continue and not seen.asked_to_replace


async def test_a_new_game_keeps_the_game_in_progress(
    front: Front, starter: Story, saves: Path
) -> None:
    await front.new_game(starter, saves, "Mina", [2])
    seen = await front.new_game(starter, saves, "Jun", [1])
    assert seen.asked_to_replace
    folder = SaveFolder(saves)
    kept = folder.load("Mina turn 1", starter).state
    assert (kept.player, kept.scene) == ("Mina", "hall")
    now = folder.load(AUTOSAVE, starter).state
    assert (now.player, now.scene) == ("Jun", "barricade")


async def test_declining_a_new_game_leaves_the_game_in_progress(
    front: Front, starter: Story, saves: Path
) -> None:
    await front.new_game(starter, saves, "Mina", [2])
    seen = await front.new_game(starter, saves, "Jun", [], replace=False)
    assert seen.asked_to_replace
    folder = SaveFolder(saves)
    assert [s.name for s in folder.slots()] == [AUTOSAVE]
    assert folder.load(AUTOSAVE, starter).state.player == "Mina"


async def test_an_ending_is_recorded_and_counted(front: Front, starter: Story, saves: Path) -> None:
    SaveFolder(saves).record_ending("starter", "dead")
    seen = await front.new_game(starter, saves, "Mina", [1, 1])
    assert seen.ending == "Rescued as a human"
    assert seen.endings_line.startswith("Endings found: 2 of 4") or seen.endings_line.startswith(
        "Endings reached: 2 of 4"
    )
    raw = json.loads((saves / "endings.json").read_text())
    assert sorted(raw["endings"]["starter"]) == ["dead", "rescued"]
    assert SaveFolder(saves).load(AUTOSAVE, starter).state.ending == "rescued"


async def test_a_finished_game_is_not_a_game_in_progress(
    front: Front, starter: Story, saves: Path
) -> None:
    await front.new_game(starter, saves, "Mina", [1, 1])
    seen = await front.new_game(starter, saves, "Jun", [2])
    assert not seen.asked_to_replace
    assert SaveFolder(saves).load(AUTOSAVE, starter).state.player == "Jun"
