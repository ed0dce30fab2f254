"""The compact log: a file leaves out what the story puts back, and the game reads the same.

What the player sees (the history's every page and title) and what the game does next must
not depend on whether a page's words were in the file or put back from the story.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine import Game
from game.saves import SaveFolder
from game.saves.document import _CONTROL, control_problem, may_hold_control
from game.saves.recovery import fit_to_story, fits_story
from game.story import Story, load_story
from tests.saves.test_save_fixtures import FIXTURES, STORIES


def wander(story: Story, steps: int, seed: int) -> Game:
    """A seeded random game `steps` choices long, undoing out of endings, items used too."""
    rng = random.Random(seed)
    game = Game.new(story, "Ji-ho", seed=seed)
    for _ in range(steps):
        if game.ended is not None:
            game.undo()
            continue
        usable = [(i.id, n) for i in game.inventory for n, a in enumerate(i.actions) if a.open]
        if usable and rng.random() < 0.2:
            game.use_item(*rng.choice(usable))
            continue
        options = [n for n, c in enumerate(game.choices) if c.open]
        if not options:
            game.undo()
            continue
        game.choose(rng.choice(options))
    return game


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_long_game_reads_the_same_after_loading(
    starter: Story, folder: SaveFolder, seed: int
) -> None:
    game = wander(starter, 120, seed)
    folder.save("long", game, 1.0)
    loaded = folder.load("long", starter)
    assert loaded.notes == []
    assert loaded.state.model_dump() == game.state.model_dump()
    resumed = Game(starter, loaded.state)
    assert (resumed.text, resumed.title, resumed.choices) == (game.text, game.title, game.choices)
    while game.undo():  # every undo point returns to the same page, in both games
        assert resumed.undo()
        assert resumed.state.model_dump() == game.state.model_dump()
    assert not resumed.undo()


def test_the_file_leaves_the_story_s_words_out(starter: Story, folder: SaveFolder) -> None:
    game = wander(starter, 60, 4)
    folder.save("short", game, 1.0)
    raw = json.loads(folder.file_for("short").read_bytes())
    full = sum(len(e.text) for e in game.state.log)
    kept = sum(
        len(e.get("text", "") + e.get("before", "") + e.get("rest", ""))
        for e in raw["state"]["log"]
    )
    assert kept < full / 2
    assert raw["state"]["log"][-1]["title"] == game.title  # the page the player is on


def test_a_page_whose_scene_changed_keeps_its_words_elsewhere(
    starter: Story, folder: SaveFolder, starter_copy: Path
) -> None:
    """Saved, then the author rewrote a scene without a new version: the game loads and
    plays on; only that scene's pages read as the story now tells them."""
    game = Game.new(starter, "Ji-ho", seed=5)
    game.choose(0)  # behind the desks
    game.choose(1)  # out through the window to the hall
    folder.save("edit", game, 1.0)
    school = starter_copy / "school.toml"
    source = school.read_text(encoding="utf-8")
    school.write_text(source.replace("The desks hold", "The desks still hold"), encoding="utf-8")
    edited = load_story(starter_copy)
    loaded = folder.load("edit", edited)
    assert [e.scene for e in loaded.state.log] == [e.scene for e in game.state.log]
    changed = [
        (a.text, b.text) for a, b in zip(loaded.state.log, game.state.log, strict=True) if a != b
    ]
    assert changed and all("The desks still hold" in new for new, _ in changed)


@pytest.mark.parametrize("fixture_dir", sorted(p for p in FIXTURES.iterdir() if p.is_dir()))
def test_older_saves_saved_again_load_and_continue_identically(
    fixture_dir: Path, tmp_path: Path
) -> None:
    story = load_story(STORIES[fixture_dir.name])
    old = SaveFolder(tmp_path / "old")
    shutil.copytree(fixture_dir, old.path)
    new = SaveFolder(tmp_path / "new")
    for info in old.slots():
        first = old.load(info.name, story)
        new.save(info.name, Game(story, first.state), first.play_seconds)
        again = new.load(info.name, story)
        assert again.state.model_dump() == first.state.model_dump()
        a, b = Game(story, first.state), Game(story, again.state)
        for _ in range(5):
            if a.ended is not None:
                break
            pick = next(n for n, c in enumerate(a.choices) if c.open)
            assert a.choose(pick) == b.choose(pick)
            assert a.state.model_dump() == b.state.model_dump()


def test_the_quick_check_agrees_with_the_repair(starter: Story) -> None:
    """`fits_story` says True only when `fit_to_story` would change nothing at all."""
    game = wander(starter, 80, 6)
    breakers: list[Callable[[Any], object]] = [
        lambda s: s.inventory.update({"unknown_item": 1}),
        lambda s: s.inventory.update({next(iter(starter.items)): 0}),
        lambda s: s.stats.update({next(iter(starter.stats)): 10_000}),
        lambda s: s.stats.pop(next(iter(starter.stats))),
        lambda s: s.flags.update({"unknown_flag": True}),
        lambda s: s.visits.update({"gone_scene": 1}),
        lambda s: s.chosen.update({"gone_scene:1": 1}),
        lambda s: s.once_taken.add("classroom:99"),
        lambda s: setattr(s, "calls", ["go:gone_scene"]),
        lambda s: setattr(s, "countdown", 3),
        lambda s: setattr(s, "ending", "someone_else"),
        lambda s: setattr(s, "scene", "gone_scene"),
    ]
    state = game.state.model_copy(deep=True)
    assert fits_story(state, starter)
    assert fit_to_story(state, starter, starter.version) == []
    assert state.model_dump() == game.state.model_dump()
    for n, breaker in enumerate(breakers):
        for target in ("state", "undo"):
            state = game.state.model_copy(deep=True)
            broken = state if target == "state" else state.undo[len(state.undo) // 2]
            if n in (5, 6) and target == "undo":
                continue  # undo points keep no visits or counts of their own
            breaker(broken)
            before = state.model_dump()
            assert not fits_story(state, starter), (n, target)
            fit_to_story(state, starter, starter.version)
            assert state.model_dump() != before, (n, target)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40), st.booleans())
def test_the_quick_control_scan_never_misses_one(text: str, ascii_only: bool) -> None:
    """The reader's fast path trusts `may_hold_control`: whenever a string holds a control
    character, its JSON (escaped or raw, as either writer makes it) must be flagged."""
    data = json.dumps({"t": text}, ensure_ascii=ascii_only).encode("utf-8")
    if _CONTROL.search(text):
        assert may_hold_control(data)
    if not may_hold_control(data):
        assert control_problem(json.loads(data)) is None


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("C:\\reports\\b", False),  # escaped backslashes, then letters: no control
        ("\u00a9 2026", False),  # Latin-1 but not C1
        ("tab\there, line\nbreak", False),
        ("\x1b[2J", True),
        ("\r", True),
        ("\x7f", True),
        ("\x9b", True),
    ],
)
def test_the_quick_control_scan_reads_escapes_exactly(text: str, flagged: bool) -> None:
    for ascii_only in (False, True):
        data = json.dumps({"t": text}, ensure_ascii=ascii_only).encode("utf-8")
        assert may_hold_control(data) == (flagged or (ascii_only and not text.isascii()))


def test_an_autosave_writes_what_a_fresh_writer_would(starter: Story, tmp_path: Path) -> None:
    """The folder keeps the pages it encoded last; every page changed since (a choice added
    to it, events replaced by an item's use, undone away) is written as it is now."""
    folder = SaveFolder(tmp_path / "saves")
    rng = random.Random(8)
    game = Game.new(starter, "Ji-ho", seed=8)
    for step in range(60):
        folder.save("auto", game, float(step))
        fresh = SaveFolder(tmp_path / f"fresh{step}")
        fresh.save("auto", game, float(step))
        written = json.loads(folder.file_for("auto").read_bytes())["state"]
        assert written == json.loads(fresh.file_for("auto").read_bytes())["state"]
        usable = [(i.id, n) for i in game.inventory for n, a in enumerate(i.actions) if a.open]
        options = [n for n, c in enumerate(game.choices) if c.open]
        if game.ended is not None or not options or rng.random() < 0.2:
            game.undo()
        elif usable and rng.random() < 0.3:
            game.use_item(*rng.choice(usable))
        else:
            game.choose(rng.choice(options))
    game.state.log[-1].events.append("changed in place")  # never done, but still caught
    game.state.log[0].choice = "edited"  # an older page: only the cache's check sees it
    folder.save("auto", game, 99.0)
    loaded = folder.load("auto", starter).state
    assert loaded.log[-1].events[-1] == "changed in place" and loaded.log[0].choice == "edited"
