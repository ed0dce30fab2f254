"""Snapshots of every screen at 80x24. Update only after looking at the report:
`pytest tests/tui --snapshot-update`, then read the SVGs under tests/tui/__snapshots__."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from game.saves import SaveFolder, SlotInfo
from game.story import StoryError, load_story
from game.tui.app import HyosanApp
from tests.conftest import STORIES
from tests.tui.conftest import MakeApp
from tests.tui.test_tui_playthrough import key_for

SnapCompare = Callable[..., bool]
Steps = Callable[[Pilot[None]], Awaitable[None]]


class FixedDatesFolder(SaveFolder):
    """Slots dated at a fixed time, so the save and load lists look the same on every run."""

    def slots(self) -> list[SlotInfo]:
        fixed = datetime(2025, 3, 1, 9, 30).astimezone()
        return [replace(s, updated=fixed) for s in super().slots()]


async def settle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()  # the save lists read details in a worker
    await pilot.pause()


async def start(pilot: Pilot[None], *choices: str) -> None:
    await pilot.press("enter", "enter")
    await pilot.pause()
    for text in choices:
        await pilot.press(key_for(pilot.app, text))  # type: ignore[arg-type]
        await pilot.pause()


async def nothing(pilot: Pilot[None]) -> None:
    await settle(pilot)


async def name_dialog(pilot: Pilot[None]) -> None:
    await pilot.press("enter")
    await settle(pilot)


async def play_start(pilot: Pilot[None]) -> None:
    await start(pilot)
    await settle(pilot)


async def play_closed_choice(pilot: Pilot[None]) -> None:
    await start(pilot, "Run into the hall")
    await settle(pilot)


async def play_bitten(pilot: Pilot[None]) -> None:
    await start(pilot, "Run into the hall", "Search the teacher's desk", "Push past")
    await settle(pilot)


async def play_hybrid(pilot: Pilot[None]) -> None:
    await start(pilot, "Run into the hall", "Push past", "Swipe the keycard")
    await settle(pilot)


async def history(pilot: Pilot[None]) -> None:
    await start(pilot, "Barricade", "Climb out", "Search the teacher's desk")
    await pilot.press("h")
    await settle(pilot)


async def history_search(pilot: Pilot[None]) -> None:
    await history(pilot)
    await pilot.press(*"desk")
    await settle(pilot)


async def inventory(pilot: Pilot[None]) -> None:
    await start(pilot, "Barricade", "Climb out", "Search the teacher's desk")
    await pilot.press("i")
    await settle(pilot)


async def save_dialog(pilot: Pilot[None]) -> None:
    await start(pilot, "Barricade")
    await pilot.press("f5")
    await pilot.press("s")
    await settle(pilot)


async def overwrite_confirm(pilot: Pilot[None]) -> None:
    await save_dialog(pilot)
    await pilot.press("tab", "enter")
    await settle(pilot)


async def load_dialog(pilot: Pilot[None]) -> None:
    await start(pilot, "Barricade")
    await pilot.press("s")
    await pilot.pause()
    pilot.app.screen.query_one(Input).value = "behind the desks"
    await pilot.press("enter")
    await start_choice(pilot, "Climb out")
    await pilot.press("l")
    await settle(pilot)


async def start_choice(pilot: Pilot[None], text: str) -> None:
    await pilot.press(key_for(pilot.app, text))  # type: ignore[arg-type]
    await pilot.pause()


async def ending(pilot: Pilot[None]) -> None:
    await start(pilot, "Barricade", "Wait for rescue")
    await settle(pilot)


async def help_dialog(pilot: Pilot[None]) -> None:
    await start(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


SCREENS: dict[str, Steps] = {
    "title": nothing,
    "name": name_dialog,
    "play_start": play_start,
    "play_closed_choice": play_closed_choice,
    "play_bitten": play_bitten,
    "play_hybrid": play_hybrid,
    "history": history,
    "history_search": history_search,
    "inventory": inventory,
    "save": save_dialog,
    "save_overwrite_confirm": overwrite_confirm,
    "load": load_dialog,
    "ending": ending,
    "help": help_dialog,
}


def snapshot_app(make_app: MakeApp, folder: SaveFolder, **kwargs: Any) -> HyosanApp:
    app = make_app(**kwargs)
    app.folder = FixedDatesFolder(folder.path)
    # Toasts come and go with time; the play tests check what they say.
    app.notify = lambda *args, **kwargs: None  # type: ignore[method-assign]
    return app


@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(
    screen: str, snap_compare: SnapCompare, make_app: MakeApp, folder: SaveFolder
) -> None:
    app = snapshot_app(make_app, folder)
    assert snap_compare(app, run_before=SCREENS[screen], terminal_size=(80, 24))


def test_screen_light_theme(
    snap_compare: SnapCompare, make_app: MakeApp, folder: SaveFolder
) -> None:
    app = snapshot_app(make_app, folder)
    app.theme = "textual-light"
    assert snap_compare(app, run_before=play_bitten, terminal_size=(80, 24))


def test_screen_story_diagnostics(
    snap_compare: SnapCompare, make_app: MakeApp, folder: SaveFolder
) -> None:
    with pytest.raises(StoryError) as caught:
        load_story(STORIES / "broken" / "dangling_goto")
    app = snapshot_app(make_app, folder, story=None, story_error=caught.value)
    assert snap_compare(app, run_before=nothing, terminal_size=(80, 24))
