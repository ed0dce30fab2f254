"""The play session on its own: play time, quicksave ownership, the seen-choices record,
and errors as sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.saves import AUTOSAVE, QUICKSAVE, SaveFolder
from game.seen import SEEN_FILE, SeenChoices
from game.session import PlaySession, SessionError, sentence
from game.story import Story


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def folder(tmp_path: Path) -> SaveFolder:
    return SaveFolder(tmp_path / "saves")


def session(starter: Story, folder: SaveFolder, clock: Clock | None = None) -> PlaySession:
    return PlaySession(starter, folder, clock=clock or Clock(), seed=0)


def test_play_time_runs_on_the_injected_clock_and_survives_a_load(
    starter: Story, folder: SaveFolder
) -> None:
    clock = Clock()
    s = session(starter, folder, clock)
    s.new_game("Mina")
    clock.now += 75
    s.choose(1)
    assert folder.slots()[0].play_seconds == 75
    again = session(starter, folder, clock)
    again.continue_game()
    clock.now += 5
    assert again.play_seconds == 80


def test_quitting_needs_a_save_only_for_progress_or_a_second_of_play(
    starter: Story, folder: SaveFolder
) -> None:
    clock = Clock()
    s = session(starter, folder, clock)
    assert not s.needs_save
    s.new_game("Mina")
    assert s.needs_save
    s.choose(1)
    assert not s.needs_save
    clock.now += 1
    assert s.needs_save


def test_the_quicksave_of_another_game_is_not_loaded(starter: Story, folder: SaveFolder) -> None:
    first = PlaySession(starter, folder, clock=Clock(), seed=1)
    first.new_game("Mina")
    first.quicksave()
    second = PlaySession(starter, folder, clock=Clock(), seed=2)
    second.new_game("Jun")
    with pytest.raises(SessionError, match=r"belongs to another game \(Mina\)"):
        second.quickload()
    first.choose(1)
    first.quickload()
    assert first.game is not None and first.game.state.scene == "classroom"


def test_quickload_without_a_quicksave_says_so(starter: Story, folder: SaveFolder) -> None:
    s = session(starter, folder)
    s.new_game()
    assert not folder.exists(QUICKSAVE)
    with pytest.raises(SessionError, match="no quicksave yet"):
        s.quickload()


def test_choices_taken_are_remembered_across_games(starter: Story, folder: SaveFolder) -> None:
    s = session(starter, folder)
    s.new_game("Mina")
    assert s.seen_choices() == (False, False)
    s.choose(1)  # Run into the hall
    s.new_game("Jun")
    assert s.seen_choices() == (False, True)
    raw = json.loads((folder.path / SEEN_FILE).read_text())
    assert raw == {"format": 1, "seen": {"starter": {"classroom": ["Run into the hall"]}}}
    assert [i.name for i in folder.slots()] == [AUTOSAVE]  # never listed as a save


@pytest.mark.parametrize(
    "content", ["{", '{"format": 1, "seen": [], "x": 1}', '{"format": 9, "seen": {}}', "\x00"]
)
def test_a_broken_seen_record_reads_as_nothing_seen(tmp_path: Path, content: str) -> None:
    (tmp_path / SEEN_FILE).write_text(content)
    record = SeenChoices(tmp_path)
    assert record.taken("starter", "classroom") == frozenset()
    record.record("starter", "classroom", "Run")
    assert SeenChoices(tmp_path).taken("starter", "classroom") == {"Run"}


def test_refusals_are_one_sentence(starter: Story, folder: SaveFolder) -> None:
    s = session(starter, folder)
    with pytest.raises(SessionError, match=r"^No game in progress"):
        s.choose(0)
    s.new_game()
    with pytest.raises(SessionError) as caught:
        s.choose(7)
    assert str(caught.value) == "There is no choice 8."
    assert sentence("you cannot do that now: You have read every page..") == (
        "You cannot do that now: You have read every page."
    )
    assert sentence("Really?") == "Really?"


def test_a_game_past_the_save_format_bounds_fails_to_save_in_words(
    starter: Story, folder: SaveFolder
) -> None:
    s = session(starter, folder)
    s.new_game()
    assert s.game is not None
    s.game.state.turn = 1_000_000  # a save at the top of the allowed range, played on
    step = s.choose(1)
    assert step.save_error is not None
    assert step.save_error.startswith("Could not save")
    assert "the game holds what a save cannot (turn: must be at most 1000000" in step.save_error
    assert "Traceback" not in step.save_error and "pydantic" not in step.save_error


def test_names_lose_control_characters_and_escapes(starter: Story, folder: SaveFolder) -> None:
    s = session(starter, folder)
    s.new_game("\x1b]0;pwned\x07Mi\x00na\udcff")
    assert s.game is not None and s.game.state.player == "Mina\ufffd"


def test_ask_name_defaults_to_true(starter: Story, folder: SaveFolder) -> None:
    assert session(starter, folder).ask_name
