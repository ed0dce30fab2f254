"""A save is written only if the reader accepts it, and the backup is always a file that loads.

Each case here once wrote a save the game could not read back (or crashed the autosave with a
raw validation error): a scene text longer than a log entry holds, a game past the size cap, a
turn count or play time at the top of its range, a control character.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.engine import Game
from game.engine import game as game_module
from game.engine.state import LogEntry
from game.saves import SaveError, SaveFolder
from game.saves.document import MAX_BYTES, read_document
from game.story import Story, StoryError, linker, load_story
from tests.conftest import STARTER

BARRICADE_TEXT = 'text = "The desks hold. Something thumps against them, patient and heavy."'
MOP_VARIANT = 'text = "You grip the [b]mop handle[/b]. It is not much, but it is something."'


def long_barricade(tmp_path: Path, length: int, variant: int = 0) -> Path:
    """The starter story with the barricade scene's text `length` characters long (and its
    mop variant, shown to whoever barricaded the door, `variant` long if not 0)."""
    root = tmp_path / "long"
    shutil.copytree(STARTER, root)
    school = root / "school.toml"
    source = school.read_text(encoding="utf-8")
    assert BARRICADE_TEXT in source and MOP_VARIANT in source
    source = source.replace(BARRICADE_TEXT, f'text = "{"x" * length}"')
    if variant:
        source = source.replace(MOP_VARIANT, f'text = "{"y" * variant}"')
    school.write_text(source, encoding="utf-8")
    return root


def story_with_long_barricade(tmp_path: Path, length: int = 99_000) -> Story:
    """A story whose barricade scene shows over 100,000 characters at once (its text and its
    variant): more than a save's log entry holds. `check` refuses a scene that shows more
    than 90,000 and the engine keeps at most 100,000 of a page in the history, but the save
    is the last defence and must still refuse what it cannot hold: the tests lift the first
    two bounds to reach it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(linker, "SCENE_TEXT_LIMIT", 1_000_000)
        return load_story(long_barricade(tmp_path, length, variant=5_000))


def loads(path: Path) -> bool:
    try:
        read_document(path.read_bytes())
    except ValueError:
        return False
    return True


def test_a_120000_character_scene_is_refused_by_check(tmp_path: Path) -> None:
    root = long_barricade(tmp_path, 120_000)
    with pytest.raises(StoryError) as caught:
        load_story(root)
    [problem] = caught.value.diagnostics
    assert problem.path == root / "school.toml"
    assert problem.message == "barricade.text: is too long: at most 100000 characters"


@pytest.fixture
def long_game(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Story, SaveFolder, Game]:
    """A game of the long-barricade story, saved once, with the engine's page bound lifted."""
    monkeypatch.setattr(game_module, "PAGE_LIMIT", 1_000_000)
    story = story_with_long_barricade(tmp_path)
    folder = SaveFolder(tmp_path / "saves")
    game = Game.new(story, "Ji-ho", seed=1)
    folder.save("autosave", game, 1)
    return story, folder, game


def test_a_scene_longer_than_a_save_holds_is_refused_before_writing(
    long_game: tuple[Story, SaveFolder, Game],
) -> None:
    story, folder, game = long_game
    folder.save("autosave", game, 2)
    before = {p.name: p.read_bytes() for p in folder.path.iterdir()}
    game.choose(0)  # into the scene of 104,000 characters
    with pytest.raises(SaveError) as caught:
        folder.save("autosave", game, 3)
    assert str(caught.value) == (
        f"Could not save to {folder.path / 'autosave.json'}: the game holds what a save cannot "
        "(state, log 2, text: is too long: at most 100000 characters). "
        "Your previous save is untouched."
    )
    assert {p.name: p.read_bytes() for p in folder.path.iterdir()} == before
    assert folder.load("autosave", story).play_seconds == 2


def test_the_backup_is_always_a_file_that_loads(
    long_game: tuple[Story, SaveFolder, Game],
) -> None:
    """The file this process wrote last becomes the backup unchecked: it must be good."""
    _, folder, game = long_game
    game.choose(0)
    with pytest.raises(SaveError):
        folder.save("autosave", game, 2)
    game.choose(1)  # out of the long scene, to the hall: its text is still in the log
    game.undo()
    game.undo()
    folder.save("autosave", game, 3)
    folder.save("autosave", game, 4)
    assert loads(folder.file_for("autosave"))
    assert loads(folder.backup_for("autosave"))


def test_a_scene_within_the_limit_saves_and_loads_back(tmp_path: Path) -> None:
    story = load_story(long_barricade(tmp_path, 89_000))
    folder = SaveFolder(tmp_path / "saves")
    game = Game.new(story, "Ji-ho", seed=1)
    game.choose(0)
    folder.save("autosave", game, 1)
    loaded = folder.load("autosave", story)
    assert loaded.state.log[-1].text.startswith("x" * 89_000)


def test_a_scene_showing_more_than_a_save_holds_is_refused_by_check(tmp_path: Path) -> None:
    root = long_barricade(tmp_path, 89_000, variant=5_000)
    with pytest.raises(StoryError) as caught:
        load_story(root)
    [problem] = caught.value.diagnostics
    assert (problem.path, problem.line) == (root / "school.toml", 17)
    assert problem.message == (
        "scene 'barricade' can show 94,000 characters at once (its text and variants); a save "
        "holds 90,000: split it into scenes joined by `next`"
    )


def test_a_game_past_the_size_cap_is_refused_before_writing(
    starter: Story, folder: SaveFolder
) -> None:
    game = Game.new(starter, "Ji-ho", seed=1)
    folder.save("big", game, 1)
    before = folder.file_for("big").read_bytes()
    game.state.visits = {f"{i:0>190}": 1 for i in range(MAX_BYTES // 190)}
    with pytest.raises(SaveError, match=r"it would be larger than 8 MB\)\. Your previous save"):
        folder.save("big", game, 2)
    assert folder.file_for("big").read_bytes() == before
    assert sorted(p.name for p in folder.path.iterdir()) == ["big.json"]


def test_a_long_history_is_trimmed_to_fit_not_refused(starter: Story, folder: SaveFolder) -> None:
    """A story looping through a 90 KB scene: the oldest pages of the log are left out."""
    game = Game.new(starter, "Ji-ho", seed=1)
    for _ in range(3):
        game.choose(1)  # to the hall
        game.choose(2)  # back to the classroom
    long = "y" * 90_000
    old = [LogEntry(turn=i, scene="hall", title="The east hall", text=long) for i in range(120)]
    game.state.log[:0] = old
    for snap in game.state.undo:
        snap.log_size += len(old)
    newest = [(e.turn, e.scene, e.text) for e in game.state.log[-7:]]
    folder.save("long", game, 1)
    path = folder.file_for("long")
    assert path.stat().st_size <= MAX_BYTES
    assert len(game.state.log) == 127  # the live game keeps its whole history
    loaded = folder.load("long", starter)
    assert loaded.notes == []
    assert 7 < len(loaded.state.log) < 127
    assert [(e.turn, e.scene, e.text) for e in loaded.state.log[-7:]] == newest
    resumed = Game(starter, loaded.state)
    for _ in range(6):
        resumed.undo()  # every undo point kept still fits the trimmed log
    assert resumed.state.scene == "classroom"
    assert resumed.state.log[-1].text == newest[0][2]


def test_turn_at_the_top_of_its_range_is_a_clear_error_not_a_crash(
    starter: Story, folder: SaveFolder
) -> None:
    game = Game.new(starter, "Ji-ho", seed=1)
    game.state.turn = 1_000_000
    folder.save("autosave", game, 1)
    resumed = Game(starter, folder.load("autosave", starter).state)
    resumed.choose(1)
    with pytest.raises(SaveError) as caught:
        folder.save("autosave", resumed, 2)
    assert "turn: must be at most 1000000" in str(caught.value)
    assert str(caught.value).endswith("Your previous save is untouched.")


@pytest.mark.parametrize(
    ("seconds", "saved"),
    [(1e10, 1e10), (1e10 + 5, 1e10), (float("inf"), 1e10), (float("nan"), 0.0), (-3, 0.0)],
)
def test_play_time_beyond_its_range_is_saved_at_the_limit(
    starter: Story, folder: SaveFolder, seconds: float, saved: float
) -> None:
    game = Game.new(starter, "Ji-ho", seed=1)
    folder.save("autosave", game, seconds)
    assert folder.load("autosave", starter).play_seconds == saved


def test_a_control_character_in_the_game_is_refused_when_saving(
    starter: Story, folder: SaveFolder
) -> None:
    game = Game.new(starter, "Ji\x1b]0;pwned\x07", seed=1)
    with pytest.raises(SaveError) as caught:
        folder.save("autosave", game, 1)
    assert str(caught.value) == (
        f"Could not save to {folder.path / 'autosave.json'}: the game holds what a save cannot "
        "(state.player holds the control character U+001B, which a save never does)."
    )
    assert not folder.file_for("autosave").exists()


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\r", "\x00", "\x7f", "\x9b"])
def test_a_save_with_a_control_character_is_refused_when_loading(
    starter: Story, folder: SaveFolder, char: str
) -> None:
    game = Game.new(starter, "Ji-ho", seed=1)
    folder.save("x", game, 1)
    path = folder.file_for("x")
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["state"]["log"][0]["text"] = f"Fifth period.{char}]0;pwned\x07"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(SaveError) as caught:
        folder.load("x", starter)
    code = f"U+{ord(char):04X}"
    assert str(caught.value) == (
        f"Could not load {path}: state.log.0.text holds the control character {code}, "
        "which a save never does."
    )
    [info] = folder.slots()
    assert info.problem is not None


def test_newlines_and_tabs_are_kept(starter: Story, folder: SaveFolder) -> None:
    game = Game.new(starter, "Ji-ho", seed=1)
    game.state.log[0].choice = "one\ttwo\nthree"
    folder.save("x", game, 1)
    assert folder.load("x", starter).state.log[0].choice == "one\ttwo\nthree"


def test_a_control_character_in_the_header_is_never_listed(
    starter: Story, folder: SaveFolder
) -> None:
    """A slot list reads only the header: it must not show a hand-edited title's escape."""
    folder.save("x", Game.new(starter, "Ji-ho", seed=1), 1)
    path = folder.file_for("x")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Class 2-5"', '"Class \\u001b]0;pwned\\u0007"', 1), "utf-8")
    [info] = folder.slots()
    assert info.scene_title == ""
    assert info.problem == (
        "scene_title holds the control character U+001B, which a save never does"
    )
