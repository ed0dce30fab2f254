"""The player's screens in the running app: the side panel folding at narrow widths, the
settings kept and applied, quitting that asks first, choices taken in earlier games marked,
and the keys and palette commands that open the new screens."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from game.endings_found import EndingsFound
from game.saves import SaveFolder
from game.seen import SeenChoices
from game.story import Story
from game.tui.app import HyosanApp
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.gallery import GalleryScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.settings import SettingsScreen
from game.tui.screens.stats import StatsScreen
from game.tui.screens.story_map import StoryMapScreen
from game.tui.settings import Settings, SettingsFile
from game.tui.widgets.choice_list import TAKEN_MARK, ChoiceList
from tests.tui.conftest import MakeApp


async def new_game(pilot: object) -> None:
    await pilot.press("enter", "enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_narrow_screens_fold_the_side_panel_into_a_status_line(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_game(pilot)
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        side, line = screen.query_one("#side"), screen.query_one("#status-line")
        assert not side.display or side.region.width == 0
        assert line.region.height == 1
        words = " ".join(str(w.render()) for w in line.query("Static"))
        assert words == "Ji-ho Health 5/5 Human Turn 0"
        assert screen.query_one("#log").region.width >= 76  # the story has the width
        await pilot.press("p")
        assert side.region.width > 0
        await pilot.press("escape")
        assert side.region.width == 0
        await pilot.resize_terminal(130, 30)
        await pilot.pause()
        assert side.region.width > 0 and line.region.height == 0
        assert screen.query_one(".log-entry.-newest").content_region.width == 72  # a measure


async def test_settings_are_saved_and_applied(starter: Story, tmp_path: Path) -> None:
    app = HyosanApp(
        starter,
        SaveFolder(tmp_path / "saves"),
        clock=lambda: 0.0,
        seed=0,
        config_dir=tmp_path / "cfg",
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await new_game(pilot)
        await pilot.press("o")
        dialog = app.screen
        assert isinstance(dialog, SettingsScreen)
        dialog.query_one("#theme", Select).value = "nord"
        dialog.query_one("#story-width", Select).value = "narrow"
        dialog.query_one("#notices", Checkbox).value = False
        dialog.query_one("#confirm-quit", Checkbox).value = True
        dialog.query_one("#save", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.theme == "nord"
        assert app.screen.has_class("-measure-narrow")
    wanted = Settings(theme="nord", notices=False, story_width="narrow", confirm_quit=True)
    assert SettingsFile(tmp_path / "cfg").load() == (wanted, None)


async def test_broken_settings_are_told_at_start(starter: Story, tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text("{")
    app = HyosanApp(starter, SaveFolder(tmp_path / "saves"), config_dir=tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        [note] = [n.message for n in app._notifications]
        assert note.startswith(f"Could not read the settings in {tmp_path / 'settings.json'}")


async def test_quitting_asks_first_when_the_player_wants_it(starter: Story, tmp_path: Path) -> None:
    SettingsFile(tmp_path).save(Settings(confirm_quit=True))
    app = HyosanApp(
        starter,
        SaveFolder(tmp_path / "saves"),
        clock=lambda: 0.0,
        seed=0,
        config_dir=tmp_path,
    )
    async with app.run_test() as pilot:
        await new_game(pilot)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question.startswith("Quit? The game is saved")
        await pilot.press("q")  # no second question on top of the first
        assert len([s for s in app.screen_stack if isinstance(s, ConfirmScreen)]) == 1
        await pilot.press("n")
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.return_code == 0 and app.session is not None and not app.session.needs_save


async def test_choices_taken_in_an_earlier_game_are_marked(
    make_app: MakeApp, folder: SaveFolder
) -> None:
    SeenChoices(folder.path).record("starter", "classroom", "Run into the hall")
    app = make_app()
    async with app.run_test() as pilot:
        await new_game(pilot)
        prompts = [str(o.prompt) for o in app.screen.query_one(ChoiceList).options]
        assert prompts == [
            "1. Barricade the door with desks",
            f"2. Run into the hall {TAKEN_MARK}",
        ]


async def test_keys_open_the_new_screens_and_close_them(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, GalleryScreen)
        await pilot.press("escape")
        await new_game(pilot)
        for key, screen in (("t", StatsScreen), ("m", StoryMapScreen)):
            await pilot.press(key)
            assert isinstance(app.screen, screen)
            await pilot.press(key)  # the same key closes it
            assert isinstance(app.screen, PlayScreen)


async def test_the_new_screens_are_in_the_command_palette(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await new_game(pilot)
        await pilot.press("ctrl+p", *"story map")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StoryMapScreen)


async def test_a_theme_picked_in_the_palette_is_kept(starter: Story, tmp_path: Path) -> None:
    app = HyosanApp(starter, SaveFolder(tmp_path / "saves"), config_dir=tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.theme = "gruvbox"  # what the palette's "Change theme" does
        await pilot.pause()
    assert SettingsFile(tmp_path).load()[0].theme == "gruvbox"


async def test_names_and_titles_are_shown_as_written_on_the_new_screens(
    make_app: MakeApp, folder: SaveFolder
) -> None:
    name = "[b]x[/][@click=app.quit]"
    EndingsFound(folder.path).record("starter", "dead", name, datetime(2025, 3, 1, tzinfo=UTC))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert name in str(app.screen.query_one(".gallery-when", Static).render())
        await pilot.press("escape", "enter")
        await pilot.pause()
        app.screen.query_one(Input).value = name
        await pilot.press("enter")
        await pilot.pause()
        assert str(app.screen.query_one("#status-player", Static).render()) == name
        await pilot.press("t")
        assert str(app.screen.query_one(".dialog-title", Label).render()) == name
        await pilot.press("t", "m")
        assert name in str(app.screen.query_one("#map-title", Label).render())
    assert app._exception is None
