"""A save encodes and checks only what changed since the folder's last save: it must refuse
and write exactly what a fresh writer would, whatever changed in memory in between."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine import Game
from game.engine.state import LogEntry
from game.saves import SaveError, SaveFolder
from game.saves.compact import fills
from game.saves.encode import _encode, page_form, page_json
from game.story import Story
from tests.saves.test_save_compact import wander


def refusal(folder: SaveFolder, game: Game) -> str | None:
    """What saving `game` in `folder` says, without the file's name; None when it saves."""
    try:
        folder.save("x", game, 2.0)
    except SaveError as e:
        return str(e).replace(str(folder.file_for("x")), "FILE")
    return None


def _grow_undo(game: Game) -> None:
    game.state.undo.extend([game.state.undo[-1]] * 101)


CHANGES: list[tuple[str, Callable[[Game], Any]]] = [
    ("old page title", lambda g: setattr(g.state.log[0], "title", "x" * 1001)),
    ("old page turn", lambda g: setattr(g.state.log[1], "turn", -1)),
    ("old page events", lambda g: g.state.log[2].events.append("e" * 1001)),
    ("last page control", lambda g: setattr(g.state.log[-1], "text", "\x1b[2J")),
    ("undo point stats", lambda g: setattr(g.state.undo[0], "stats", {"health": 10**10})),
    ("undo point in place", lambda g: g.state.undo[1].stats.update({"health": 10**10})),
    ("undo point scene", lambda g: setattr(g.state.undo[-1], "scene", "s" * 201)),
    ("too many undo points", _grow_undo),
    ("state turn", lambda g: setattr(g.state, "turn", 2_000_000)),
]


@pytest.mark.parametrize("change", [c for _, c in CHANGES], ids=[n for n, _ in CHANGES])
def test_a_game_changed_since_the_last_save_is_refused_as_a_fresh_writer_would(
    starter: Story, tmp_path: Path, change: Callable[[Game], Any]
) -> None:
    game = wander(starter, 40, 3)
    assert len(game.state.log) > 3 and len(game.state.undo) > 2
    folder = SaveFolder(tmp_path / "warm")
    folder.save("x", game, 1.0)
    fresh = SaveFolder(tmp_path / "fresh")  # the same files, nothing kept in memory
    shutil.copytree(folder.path, fresh.path)
    before = {p.name: p.read_bytes() for p in folder.path.iterdir()}
    change(game)
    said = refusal(folder, game)
    assert said is not None and said.startswith("Could not save to FILE: the game holds")
    assert said == refusal(fresh, game)
    assert {p.name: p.read_bytes() for p in folder.path.iterdir()} == before


def test_undo_points_changed_in_place_are_written_as_they_are_now(
    starter: Story, tmp_path: Path
) -> None:
    """The engine replaces a shared container rather than change it, but a save must not
    rely on that: a point whose container changed in place is encoded again."""
    game = wander(starter, 60, 5)
    folder = SaveFolder(tmp_path / "warm")
    folder.save("x", game, 1.0)
    undo = game.state.undo
    undo[0].flags["door_barricaded"] = not undo[0].flags.get("door_barricaded", False)
    undo[len(undo) // 2].once_taken.add("classroom:1")
    undo[-1].entered.append("hall")
    undo[-1].inventory = {**undo[-1].inventory, "mop": 3}  # replaced: the next point's form
    folder.save("x", game, 1.0)
    fresh = SaveFolder(tmp_path / "fresh")
    fresh.save("x", game, 1.0)
    state = folder.file_for("x").read_bytes().partition(b'"state": ')[2]
    assert state == fresh.file_for("x").read_bytes().partition(b'"state": ')[2]
    assert folder.load("x", starter).state.model_dump() == game.state.model_dump()


def test_a_refused_save_leaves_the_next_one_whole(starter: Story, tmp_path: Path) -> None:
    """Parts encoded for a save that was refused are not kept as checked."""
    game = wander(starter, 30, 7)
    folder = SaveFolder(tmp_path / "warm")
    folder.save("x", game, 1.0)
    text = game.state.log[-1].text
    game.state.log[-1].text = "\x1b[2J"
    assert refusal(folder, game) is not None
    game.state.log[-1].text = "x" * 100_001
    assert refusal(folder, game) is not None
    game.state.log[-1].text = text
    assert refusal(folder, game) is None
    assert folder.load("x", starter).state.model_dump() == game.state.model_dump()


def test_a_save_folder_removed_between_saves_is_made_again(
    starter: Story, folder: SaveFolder
) -> None:
    game = wander(starter, 10, 1)
    folder.save("x", game, 1.0)
    shutil.rmtree(folder.path)
    folder.save("x", game, 2.0)
    assert folder.load("x", starter).play_seconds == 2.0


texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)


@given(
    before=texts,
    rest=texts,
    title=st.sampled_from(["", "The classroom", "Class 2-5"]) | texts,
    choice=st.none() | texts,
    events=st.lists(texts, max_size=2),
    scene=st.sampled_from(["classroom", "hall", "gone"]),
    is_last=st.booleans(),
)
def test_a_page_is_written_as_the_json_encoder_writes_it(
    starter: Story,
    before: str,
    rest: str,
    title: str,
    choice: str | None,
    events: list[str],
    scene: str,
    is_last: bool,
) -> None:
    piece = fills(starter)[scene][1]
    page = LogEntry(7, scene, title, f"{before}{piece}{rest}", choice, events)
    expected = _encode(page_form(page, starter.scenes, is_last))
    assert page_json(page, fills(starter), is_last) == expected
