"""Snapshots of the play screen at 80x24, 100x30 and 160x50, and of the player's screens at
80x24. Update only after looking at the report: `pytest tests/tui --snapshot-update`, then read
the SVGs under tests/tui/__snapshots__/test_screens_snapshots."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from game.endings_found import EndingsFound
from game.engine import Game
from game.saves import SaveFolder
from game.seen import SeenChoices
from game.story import Story
from game.tui.app import HyosanApp
from game.tui.settings import Settings, SettingsFile
from tests.tui.conftest import MakeApp
from tests.tui.described import described  # noqa: F401  (fixture)
from tests.tui.test_tui_snapshots import FixedDatesFolder, settle, start

SnapCompare = Callable[..., bool]
Steps = Callable[[Pilot[None]], Awaitable[None]]


def app_for(
    story: Story, folder: SaveFolder, config: Path, settings: Settings | None = None, **kw: Any
) -> HyosanApp:
    """The app as the snapshots see it: fixed dates, no toasts, settings of its own."""
    if settings is not None:
        SettingsFile(config).save(settings)
    app = HyosanApp(
        story, FixedDatesFolder(folder.path), clock=lambda: 0.0, seed=0, config_dir=config, **kw
    )
    app.animation_level = "none"
    app.notify = lambda *args, **kwargs: None  # type: ignore[method-assign]
    return app


async def on_the_stairs(pilot: Pilot[None]) -> None:
    await start(pilot, "Barricade", "Climb out", "Push past")
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 50)])
def test_play_screen_at_each_size(
    size: tuple[int, int],
    snap_compare: SnapCompare,
    described: Story,  # noqa: F811
    folder: SaveFolder,
    tmp_path: Path,
) -> None:
    app = app_for(described, folder, tmp_path / "cfg")
    assert snap_compare(app, run_before=on_the_stairs, terminal_size=size)


async def panel_open(pilot: Pilot[None]) -> None:
    await on_the_stairs(pilot)
    await pilot.press("p")
    await settle(pilot)


async def stats(pilot: Pilot[None]) -> None:
    await on_the_stairs(pilot)
    await pilot.press("t")
    await settle(pilot)


async def story_map(pilot: Pilot[None]) -> None:
    await start(pilot, "Barricade", "Climb out", "Push past", "Go back down", "Search")
    await pilot.press("m")
    await settle(pilot)


async def gallery(pilot: Pilot[None]) -> None:
    await pilot.press("e")
    await settle(pilot)


async def settings(pilot: Pilot[None]) -> None:
    await pilot.press("o")
    await settle(pilot)


async def help_story(pilot: Pilot[None]) -> None:
    await start(pilot)
    await pilot.press("question_mark", "end")
    await settle(pilot)


async def title(pilot: Pilot[None]) -> None:
    await settle(pilot)


async def empty_inventory(pilot: Pilot[None]) -> None:
    await start(pilot)
    await pilot.press("i")
    await settle(pilot)


async def load_list(pilot: Pilot[None]) -> None:
    await pilot.press("l")
    await settle(pilot)


async def quit_question(pilot: Pilot[None]) -> None:
    await start(pilot, "Run into the hall")
    await pilot.press("q")
    await settle(pilot)


async def seen_marks(pilot: Pilot[None]) -> None:
    await start(pilot, "Barricade")
    await settle(pilot)


def saved_game(story: Story, folder: SaveFolder, slot: str = "autosave") -> None:
    game = Game.new(story, "Ji-ho", seed=0)
    game.choose(1)  # run into the hall
    folder.save(slot, game, 754.0)


def found_endings(story: Story, folder: SaveFolder) -> None:
    folder.record_ending(story.id, "rescued")
    folder.record_ending(story.id, "turned")
    when = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    EndingsFound(folder.path).record(story.id, "rescued", "Ji-ho", when)


def broken_save(story: Story, folder: SaveFolder) -> None:
    saved_game(story, folder, "before the roof")
    folder.file_for("kept by mistake").write_text('{"format": 1, "story_id": ')


def unreadable_state(story: Story, folder: SaveFolder) -> None:
    """A save whose header reads well (so Continue offers it) but whose state does not."""
    saved_game(story, folder)
    path = folder.file_for("autosave")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"infection":"human"', '"infection":"vampire"'), "utf-8")


async def continue_broken(pilot: Pilot[None]) -> None:
    await pilot.press("c")
    await settle(pilot)


def seen_before(story: Story, folder: SaveFolder) -> None:
    seen = SeenChoices(folder.path)
    seen.record(story.id, "classroom", "Barricade the door with desks")
    seen.record(story.id, "barricade", "Climb out of the window to the hall")


Prepare = Callable[[Story, SaveFolder], None]
SCREENS: dict[str, tuple[Steps, Prepare | None, Settings | None]] = {
    "play_panel_open": (panel_open, None, None),
    "stats": (stats, None, None),
    "story_map": (story_map, seen_before, None),
    "gallery": (gallery, found_endings, None),
    "settings": (settings, None, None),
    "help_story": (help_story, None, None),
    "title_continue": (title, saved_game, None),
    "inventory_empty": (empty_inventory, None, None),
    "load_broken_save": (load_list, broken_save, None),
    "continue_broken_save": (continue_broken, unreadable_state, None),
    "quit_confirm": (quit_question, None, Settings(confirm_quit=True)),
    "seen_marks": (seen_marks, seen_before, None),
}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(
    screen: str,
    snap_compare: SnapCompare,
    described: Story,  # noqa: F811
    folder: SaveFolder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # messages name save files relative to here: the same each run
    steps, prepare, chosen = SCREENS[screen]
    if prepare is not None:
        prepare(described, folder)
    app = app_for(described, folder, tmp_path / "cfg", chosen)
    assert snap_compare(app, run_before=steps, terminal_size=(80, 24))


def test_dev_mode(snap_compare: SnapCompare, make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app(dev=True)
    app.folder = FixedDatesFolder(app.folder.path)
    app.notify = lambda *args, **kwargs: None  # type: ignore[method-assign]
    assert snap_compare(app, run_before=on_the_stairs, terminal_size=(80, 24))
