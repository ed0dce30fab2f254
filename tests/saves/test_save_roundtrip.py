"""Saving and loading a game: round trip, listing, backups, deleting, endings."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from game.engine import Game
from game.saves import AUTOSAVE, QUICKSAVE, SaveError, SaveFolder
from game.saves import document as document_module
from game.story import Story

Play = Callable[..., Game]


def test_a_loaded_game_is_the_saved_game(starter: Story, folder: SaveFolder, play: Play) -> None:
    game = play(starter, [2, 2, 1], seed=7, player="Min")
    info = folder.save("mine", game, 12.5)
    loaded = folder.load("mine", starter)
    assert loaded.notes == []
    assert loaded.play_seconds == 12.5
    assert loaded.state.model_dump() == game.state.model_dump()
    resumed = Game(starter, loaded.state)
    assert resumed.title == game.title == info.scene_title == "The roof"
    assert resumed.choices == game.choices
    assert (info.name, info.story_id, info.turn) == ("mine", "starter", 3)


def test_undo_history_and_log_survive_a_save(
    starter: Story, folder: SaveFolder, play: Play
) -> None:
    game = play(starter, [1, 2, 1])
    folder.save(AUTOSAVE, game, 0)
    resumed = Game(starter, folder.load(AUTOSAVE, starter).state)
    assert [e.scene for e in resumed.state.log] == ["classroom", "barricade", "hall", "stairs"]
    assert resumed.undo() and resumed.state.scene == "hall"
    assert resumed.undo() and resumed.state.scene == "barricade"


def test_the_file_is_plain_json_never_pickle(
    starter: Story, folder: SaveFolder, play: Play
) -> None:
    folder.save("plain", play(starter, [2]), 1.0)
    data = (folder.path / "plain.json").read_bytes()
    assert data.startswith(b"{\n") and not data.startswith(b"\x80")
    doc = json.loads(data)
    assert list(doc)[:3] == ["format", "story_id", "story_version"]
    assert doc["format"] == 2 and doc["state"]["scene"] == "hall"
    sources = Path(document_module.__file__).parent.glob("*.py")
    for source in sources:
        code = source.read_text()
        assert not any(f"import {m}" in code for m in ("pickle", "marshal", "shelve")), source


def test_the_folder_is_created_on_first_save_only(
    starter: Story, tmp_path: Path, play: Play
) -> None:
    folder = SaveFolder(tmp_path / "a" / "b")
    assert folder.slots() == [] and folder.latest() is None
    assert not folder.path.exists()
    folder.save(QUICKSAVE, play(starter, []), 0)
    assert (folder.path / "quicksave.json").is_file()


def test_slots_are_listed_newest_first_with_broken_ones_shown(
    starter: Story, folder: SaveFolder, play: Play
) -> None:
    folder.save("first", play(starter, []), 1)
    folder.save("second", play(starter, [2]), 2)
    (folder.path / "broken.json").write_text("{ not json")
    (folder.path / "notes.txt").write_text("ignored")
    (folder.path / ".first.json.1234.tmp").write_text("ignored")
    folder.record_ending("starter", "dead")
    slots = folder.slots()
    assert [s.name for s in slots if s.problem is None] == ["second", "first"]
    broken = next(s for s in slots if s.name == "broken")
    assert broken.problem == "it ends too early (it may be truncated)"
    assert {s.name for s in slots} == {"first", "second", "broken"}
    latest = folder.latest()
    assert latest is not None and latest.name == "second" and latest.scene_title == "The east hall"


def test_listing_reads_only_the_header(
    starter: Story, folder: SaveFolder, play: Play, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder.save("slot", play(starter, [2]), 3)

    def no_full_reads(data: bytes) -> object:
        raise AssertionError("slots() parsed the whole state")

    monkeypatch.setattr("game.saves.folder.read_document", no_full_reads)
    [info] = folder.slots()
    assert (info.scene_title, info.turn, info.play_seconds) == ("The east hall", 1, 3.0)


def test_saving_keeps_the_previous_good_copy(
    starter: Story, folder: SaveFolder, play: Play
) -> None:
    folder.save("s", play(starter, []), 1)
    folder.save("s", play(starter, [2]), 2)
    backup = json.loads((folder.path / "s.json.bak").read_bytes())
    assert backup["state"]["scene"] == "classroom"
    main = json.loads((folder.path / "s.json").read_bytes())
    assert main["state"]["scene"] == "hall" and main["created"] == backup["created"]


def test_a_broken_file_never_replaces_a_good_backup(
    starter: Story, folder: SaveFolder, play: Play
) -> None:
    folder.save("s", play(starter, []), 1)
    folder.save("s", play(starter, [2]), 2)
    (folder.path / "s.json").write_text("garbage")
    folder.save("s", play(starter, [1]), 3)
    assert json.loads((folder.path / "s.json.bak").read_bytes())["state"]["scene"] == "classroom"


def test_delete_removes_slot_and_backup(starter: Story, folder: SaveFolder, play: Play) -> None:
    folder.save("s", play(starter, []), 1)
    folder.save("s", play(starter, []), 1)
    assert folder.exists("s")
    folder.delete("s")
    assert not folder.exists("s") and list(folder.path.iterdir()) == []
    folder.delete("s")  # deleting nothing is fine


def test_loading_a_missing_slot_says_so(starter: Story, folder: SaveFolder) -> None:
    with pytest.raises(SaveError) as caught:
        folder.load("nothing", starter)
    assert str(caught.value) == f"There is no save {folder.path / 'nothing.json'}."


def test_endings_are_kept_across_games(tmp_path: Path) -> None:
    folder = SaveFolder(tmp_path / "saves")
    assert folder.endings_reached("starter") == set()
    folder.record_ending("starter", "dead")
    folder.record_ending("starter", "rescued")
    folder.record_ending("starter", "dead")
    folder.record_ending("other", "x")
    again = SaveFolder(tmp_path / "saves")
    assert again.endings_reached("starter") == {"dead", "rescued"}
    assert again.endings_reached("other") == {"x"}


def test_endings_never_raise(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    folder = SaveFolder(blocker / "saves")
    folder.record_ending("starter", "dead")
    assert folder.endings_reached("starter") == set()
    good = SaveFolder(tmp_path / "good")
    good.path.mkdir()
    (good.path / "endings.json").write_text('{"endings": {"starter": "not a list"}')
    assert good.endings_reached("starter") == set()
    good.record_ending("starter", "dead")
    assert good.endings_reached("starter") == {"dead"}
