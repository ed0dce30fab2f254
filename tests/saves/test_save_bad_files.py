"""Truncated, corrupt, hand-edited and hostile files: each refused with its own message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from game.engine import Game
from game.saves import SaveError, SaveFolder
from game.story import Story

Play = Callable[..., Game]


def saved(folder: SaveFolder, starter: Story, play: Play) -> dict[str, object]:
    folder.save("x", play(starter, [2]), 5)
    doc: dict[str, object] = json.loads((folder.path / "x.json").read_bytes())
    return doc


def message(folder: SaveFolder, story: Story) -> str:
    with pytest.raises(SaveError) as caught:
        folder.load("x", story)
    return str(caught.value)


def edit(doc: dict[str, object], path: str, value: object) -> dict[str, object]:
    *parents, last = path.split(".")
    target: dict[str, object] = doc
    for key in parents:
        child = target[key]
        assert isinstance(child, dict)
        target = child
    target[last] = value
    return doc


def write_raw(folder: SaveFolder, data: bytes) -> None:
    (folder.path / "x.json").write_bytes(data)


CASES: list[tuple[str, Callable[[dict[str, object], bytes], bytes], str]] = [
    ("truncated", lambda d, b: b[: len(b) // 2], "it ends too early (it may be truncated)"),
    ("empty", lambda d, b: b"", "it is empty"),
    ("binary", lambda d, b: b"\x80\x04\x95pickle", "it is not text (not UTF-8); it may be damaged"),
    (
        "corrupt",
        lambda d, b: b.replace(b'"turn": ', b'"turn" ', 1),
        "it is not valid JSON (line 9, column 10: Expecting ':' delimiter)",
    ),
    ("a list", lambda d, b: b"[1, 2]", "it is not a JSON object; it is not a Hyosan save"),
    (
        "no format",
        lambda d, b: b'{"hello": 1}',
        "it has no format version; it is not a Hyosan save",
    ),
    (
        "newer format",
        lambda d, b: json.dumps(edit(d, "format", 9)).encode(),
        "it was written by a newer Hyosan (save format 9; this version reads up to 2). "
        "Update the game to load it",
    ),
    (
        "wrong type",
        lambda d, b: json.dumps(edit(d, "state.turn", "3")).encode(),
        'state.turn: must be a whole number (got "3" in quotes)',
    ),
    (
        "unknown key",
        lambda d, b: json.dumps(edit(d, "state.cheat", True)).encode(),
        "state.cheat: Extra inputs are not permitted",
    ),
    (
        "negative count",
        lambda d, b: json.dumps(edit(d, "state.inventory", {"mop": -5})).encode(),
        "state.inventory.mop: must be at least 0",
    ),
    (
        "huge integer",
        lambda d, b: b.replace(b'"turn": 1', b'"turn": 1' + b"0" * 5000, 1),
        "it holds a number too large to be real",
    ),
    (
        "infinite float",
        lambda d, b: b.replace(b'"play_seconds": 5.0', b'"play_seconds": 1e999', 1),
        "it holds a number too large to be real",
    ),
    (
        "NaN",
        lambda d, b: b.replace(b'"play_seconds": 5.0', b'"play_seconds": NaN', 1),
        "it holds the number NaN, which a save never has",
    ),
    (
        "deep nesting",
        lambda d, b: b'{"format": 1, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "it is nested too deeply to be a save",
    ),
    (
        "too big",
        lambda d, b: b'{"format": 1, "pad": "' + b" " * (8 * 1024 * 1024) + b'"}',
        "it is larger than 8 MB",
    ),
    (
        "another story",
        lambda d, b: json.dumps(
            edit(edit(d, "story_id", "other"), "state.story_id", "other")
        ).encode(),
        "it is a save of the story 'other', not of 'starter'",
    ),
    (
        "header and state disagree",
        lambda d, b: json.dumps(edit(d, "state.story_id", "other")).encode(),
        "its header says story 'starter' but its state says 'other'",
    ),
    (
        "rng out of range",
        lambda d, b: json.dumps(edit(d, "state.rng", 2**64)).encode(),
        "state.rng: must be less than 18446744073709551616",
    ),
]


@pytest.mark.parametrize(("kind", "damage", "problem"), CASES, ids=[c[0] for c in CASES])
def test_a_bad_file_is_refused_in_plain_words(
    starter: Story,
    folder: SaveFolder,
    play: Play,
    kind: str,
    damage: Callable[[dict[str, object], bytes], bytes],
    problem: str,
) -> None:
    doc = saved(folder, starter, play)
    write_raw(folder, damage(doc, (folder.path / "x.json").read_bytes()))
    assert message(folder, starter) == f"Could not load {folder.path / 'x.json'}: {problem}."
    [info] = folder.slots()
    assert info.name == "x"


def test_a_broken_file_falls_back_to_its_backup(
    starter: Story, folder: SaveFolder, play: Play
) -> None:
    folder.save("x", play(starter, []), 1)
    folder.save("x", play(starter, [2]), 2)
    data = (folder.path / "x.json").read_bytes()
    write_raw(folder, data[:100])
    loaded = folder.load("x", starter)
    assert loaded.state.scene == "classroom"
    assert loaded.notes == [
        f"Loaded from the backup {folder.path / 'x.json.bak'} because it ends too early "
        "(it may be truncated)."
    ]
    [info] = folder.slots()
    assert info.problem is None and info.scene_title == "Class 2-5"


def test_a_broken_file_without_a_good_backup_is_listed_with_its_problem(
    starter: Story, folder: SaveFolder, play: Play
) -> None:
    folder.save("x", play(starter, []), 1)
    write_raw(folder, b"{")
    [info] = folder.slots()
    assert info.problem == "it ends too early (it may be truncated)"
    assert folder.latest() is None
    assert message(folder, starter) == (
        f"Could not load {folder.path / 'x.json'}: it ends too early (it may be truncated)."
    )


def test_a_hand_edit_that_stays_valid_is_accepted(
    starter: Story, folder: SaveFolder, play: Play
) -> None:
    doc = saved(folder, starter, play)
    edit(doc, "state.inventory", {"chocolate": 3})
    edit(doc, "state.player", "Edited")
    write_raw(folder, json.dumps(doc, indent=1).encode())
    loaded = folder.load("x", starter)
    assert loaded.state.inventory == {"chocolate": 3} and loaded.state.player == "Edited"
    [info] = folder.slots()  # not laid out as we write it: read whole, still listed
    assert info.problem is None and info.turn == 1


def test_messages_name_the_file_relative_to_the_working_folder(
    starter: Story, tmp_path: Path, play: Play, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = SaveFolder(Path("saves"))
    folder.save("x", play(starter, []), 1)
    write_raw(folder, b"")
    assert message(folder, starter) == "Could not load saves/x.json: it is empty."
