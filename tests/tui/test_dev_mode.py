"""`hyosan play --dev`: live reload through the real app, the dev commands, the file watcher."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from textual.command import CommandList, CommandListItem, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static

from game.engine import Game
from game.story import load_story
from game.tui.app import HyosanApp
from game.tui.commands import DevCommands
from game.tui.screens.error import ErrorScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.stat_value import StatValueScreen
from game.tui.screens.state import StateScreen
from game.tui.screens.title import TitleScreen
from game.tui.story_watch import StoryWatcher
from tests.conftest import STARTER
from tests.tui.conftest import MakeApp
from tests.tui.test_tui_playthrough import choose, new_game, notes

FAST = 0.05
"""The poll interval in these tests (the app's default is half a second)."""


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    shutil.copytree(STARTER, folder)
    return folder


def write(path: Path, text: str) -> None:
    """Write as editors do, all at once, so a poll never reads half a file."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path.name}"
    write(path, text.replace(old, new))


def game_of(app: HyosanApp) -> Game:
    assert app.session is not None and app.session.game is not None
    return app.session.game


def newest_text(app: HyosanApp) -> str:
    """What the newest log entry shows on screen."""
    return str(app.screen.query_one(".log-entry.-newest", Static).content)


async def until(pilot: Pilot[None], holds: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 10
    while not holds():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(FAST)


async def test_live_reload_keeps_the_game_and_survives_a_broken_file(
    make_app: MakeApp, story_dir: Path
) -> None:
    school = story_dir / "school.toml"
    app = make_app(load_story(story_dir), dev=True, watch_seconds=FAST)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.sub_title == "DEV"
        await new_game(pilot, "Dev")
        assert str(app.screen.query_one("#dev-badge", Static).content) == "DEV"
        await choose(pilot, "Barricade")
        assert game_of(app).state.inventory == {"mop": 1}
        first_story = app.story

        # An edit to the scene in play shows at once; the game stays where it was.
        edit(school, "The desks hold.", "The desks hold, barely.")
        await until(pilot, lambda: app.story is not first_story, "the reload")
        await pilot.pause()
        assert "Story reloaded." in notes(app)
        assert "\nThe desks hold, barely. Something" in newest_text(app)
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.view.log[-1].text.startswith("The desks hold, barely.")
        game = game_of(app)
        assert game.story is app.story
        assert (game.state.scene, game.state.inventory) == ("barricade", {"mop": 1})
        assert game.state.flags == {"door_barricaded": True}
        assert game.can_undo

        # A broken file: its problems are shown, and the last good story plays on.
        good_story = app.story
        good = school.read_text()
        write(school, good.replace('title = "The east hall"', 'title = "The east hall'))
        await until(pilot, lambda: _diagnostics_shown(app), "the diagnostics")
        shown_screen: object = app.screen  # not narrowed to the PlayScreen asserted above
        assert app.dev_mode is not None and shown_screen is app.dev_mode.problems
        shown = str(app.screen.query_one("#error-lines Static", Static).content)
        line = good.splitlines().index('title = "The east hall"') + 1
        assert f"{school}:{line}:" in shown
        assert "TOML syntax error" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, PlayScreen)
        await choose(pilot, "Climb out")
        assert app.story is good_story
        assert game_of(app).title == "The east hall"

        # Fixed (with a new line for the hall): reloaded again, the game goes on from the hall.
        write(school, good.replace("The hall is full of them.", "The hall is packed."))
        await until(pilot, lambda: app.story is not good_story, "the reload after the fix")
        await pilot.pause()
        assert "The hall is packed." in newest_text(app)
        assert game_of(app).state.scene == "hall"
        assert game_of(app).state.inventory == {"mop": 1}


async def test_fixing_the_files_closes_the_diagnostics(make_app: MakeApp, story_dir: Path) -> None:
    school = story_dir / "school.toml"
    app = make_app(load_story(story_dir), dev=True, watch_seconds=FAST)
    async with app.run_test(size=(100, 30)) as pilot:
        await new_game(pilot, None)
        good = school.read_text()
        write(school, good.replace('goto = "hall"', 'goto = "hal"', 1))
        await until(pilot, lambda: _diagnostics_shown(app), "the diagnostics")
        shown = str(app.screen.query_one("#error-lines Static", Static).content)
        assert "'hal'" in shown
        write(school, good)
        await until(pilot, lambda: isinstance(app.screen, PlayScreen), "the diagnostics to close")
        assert app.dev_mode is not None and app.dev_mode.problems is None


async def test_a_reload_without_the_current_scene_is_refused(
    make_app: MakeApp, story_dir: Path
) -> None:
    school = story_dir / "school.toml"
    app = make_app(load_story(story_dir), dev=True, watch_seconds=FAST)
    async with app.run_test(size=(100, 30)) as pilot:
        await new_game(pilot, None)
        await choose(pilot, "Run into the hall")
        old_story = app.story
        # The hall renamed everywhere: the new story checks, but has no scene 'hall'.
        edit(school, "hall", "corridor")
        await until(pilot, lambda: any("no scene 'hall'" in n for n in notes(app)), "the refusal")
        assert app.story is old_story
        assert game_of(app).title == "The east hall"


async def test_a_story_broken_at_start_opens_once_fixed(make_app: MakeApp, story_dir: Path) -> None:
    school = story_dir / "school.toml"
    good = school.read_text()
    write(school, good + "\noops =\n")
    with pytest.raises(Exception) as broken:
        load_story(story_dir)
    app = make_app(
        None, story_error=broken.value, dev=True, story_root=story_dir, watch_seconds=FAST
    )
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, ErrorScreen)
        write(school, good + "\noops = 1\n")  # still broken: the new problems show on top
        await until(pilot, lambda: len(app.screen_stack) == 3, "the new problems")
        shown_screen: object = app.screen  # not narrowed to the PlayScreen asserted above
        assert app.dev_mode is not None and shown_screen is app.dev_mode.problems
        write(school, good)
        await until(pilot, lambda: isinstance(app.screen, TitleScreen), "the title screen")
        assert len(app.screen_stack) == 2  # the default screen and the title: no error left
        assert app.story is not None and app.story.id == "starter"
        await new_game(pilot, None)


async def test_dev_commands_through_the_palette(
    starter_dev: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = starter_dev()
    async with app.run_test(size=(100, 30)) as pilot:
        await new_game(pilot, None)

        def first_hit() -> str:
            hits = app.screen.query_one(CommandList)
            return str(hits.get_option_at_index(0).prompt) if hits.option_count else ""

        # One round trip through the real palette: the command, then its list of items.
        await pilot.press("ctrl+p")
        for query in ("give item", "keycard"):
            await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
            app.screen.query_one(Input).value = query

            def found(q: str = query) -> bool:
                return q in first_hit().casefold()

            await until(pilot, found, query)
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause()
        assert game_of(app).state.inventory == {"keycard": 1}
        assert "Gave Staff keycard." in notes(app)

        # The other commands' lists are the ones the palette would show: pick from them as it
        # would, without typing each through it again.
        offered: list[Sequence[CommandListItem]] = []
        monkeypatch.setattr(app, "search_commands", lambda items, **_: offered.append(items))

        async def pick(command: str, entry: str) -> None:
            app.action_dev(command)
            [entry_callback] = [item[1] for item in offered.pop() if item[0].startswith(entry)]
            entry_callback()
            await pilot.pause()

        await pick("jump", "stairs ·")
        assert game_of(app).state.scene == "stairs"
        assert isinstance(app.screen, PlayScreen) and app.screen.view.title == "The roof stairs"
        app.action_dev("infect")  # one-step commands: no second list
        await pilot.pause()
        assert game_of(app).state.infection == "bitten"
        app.action_dev("hybrid")  # one-step commands: no second list
        await pilot.pause()
        assert game_of(app).state.infection == "hybrid"
        await pick("take", "keycard ·")
        assert game_of(app).state.inventory == {}
        await pick("flag", "door_barricaded:")
        assert game_of(app).state.flags == {"door_barricaded": True}
        await pick("stat", "hunger ·")
        assert isinstance(app.screen, StatValueScreen)
        app.screen.query_one(Input).value = "9"
        await pilot.press("enter")
        await pilot.pause()
        assert game_of(app).state.stats["hunger"] == 5  # kept within its bounds
        app.action_dev("cure")  # one-step commands: no second list
        await pilot.pause()
        assert game_of(app).state.infection == "human"

        app.action_dev("state")  # one-step commands: no second list
        await pilot.pause()
        assert isinstance(app.screen, StateScreen)
        shown = str(app.screen.query_one("#state-json", Static).content)
        assert '"scene": "stairs"' in shown
        assert '"hunger": 5' in shown
        await pilot.press("escape")

        # Every dev change is one undo step.
        for _ in range(8):
            await pilot.press("u")
        await pilot.pause()
        assert game_of(app).state.scene == "classroom"
        assert game_of(app).state.inventory == {}
        assert game_of(app).state.infection == "human"


async def test_refused_dev_changes_are_explained(starter_dev: MakeApp) -> None:
    app = starter_dev()
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_dev("cure")
        await pilot.pause()
        assert "Start or load a game first." in notes(app)
        await new_game(pilot, None)
        app.action_dev("cure")
        await pilot.pause()
        assert "The player is not infected." in notes(app)
        assert not game_of(app).can_undo


async def test_dev_commands_only_in_dev_mode(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        hits = [hit async for hit in DevCommands(app.screen).search("Dev")]
        assert hits == []
        assert app.dev_mode is None
        await new_game(pilot, None)
        assert not app.screen.query("#dev-badge")
        app.action_dev("infect")
        assert game_of(app).state.infection == "human"


@pytest.fixture
def starter_dev(make_app: MakeApp) -> MakeApp:
    """The starter story in dev mode, watching a folder nobody edits."""

    def make() -> HyosanApp:
        return make_app(dev=True, watch_seconds=10.0)

    return make


# ---------------------------------------------------------------- the watcher


def test_watcher_sees_edits_new_and_removed_files(story_dir: Path) -> None:
    watcher = StoryWatcher(story_dir)
    assert not watcher.changed()
    school = story_dir / "school.toml"
    edit(school, "Fifth period.", "Sixth period.")
    assert watcher.changed()
    assert not watcher.changed()
    extra = story_dir / "more" / "extra.toml"
    extra.parent.mkdir()
    extra.write_text("")
    assert watcher.changed()
    extra.unlink()
    assert watcher.changed()
    (story_dir / ".hidden.toml").write_text("x")  # not a story file
    (story_dir / "notes.txt").write_text("x")
    assert not watcher.changed()


def test_watcher_ignores_a_save_without_changes(story_dir: Path) -> None:
    watcher = StoryWatcher(story_dir)
    school = story_dir / "school.toml"
    school.write_bytes(school.read_bytes())  # saved again, the same bytes
    stamp = school.stat().st_mtime_ns + 2_000_000_000
    os.utime(school, ns=(stamp, stamp))
    assert not watcher.changed()


def _diagnostics_shown(app: object) -> bool:
    """The diagnostics dialog is on top and composed (its lines can be read)."""
    screen = getattr(app, "screen", None)
    return isinstance(screen, ErrorScreen) and bool(screen.query("#error-lines Static"))
