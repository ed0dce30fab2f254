"""The player-facing bugs of issue 13: notices that stayed, the title screen at 80x24, keys
that did nothing, and quitting without a word."""

from __future__ import annotations

from textual.widgets import Static

from game.saves import QUICKSAVE, SaveFolder
from game.session import PlaySession
from game.story import Story, default_story_dir, load_story
from game.tui.app import HyosanApp
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.ending import EndingScreen
from game.tui.screens.load import LoadScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.title import menu_options
from game.tui.widgets.option_list import OptionList
from tests.tui.conftest import MakeApp
from tests.tui.test_tui_playthrough import choose, notes


async def test_only_a_bite_gets_a_notice_and_the_last_step_s_are_cleared(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        await choose(pilot, "Run into the hall", "Search the teacher's desk")
        assert notes(app) == []  # "You gain Chocolate bar." is in the story log only
        await choose(pilot, "Push past")
        assert notes(app) == ["You have been bitten."]
        await choose(pilot, "Go back down")
        # The bite's notice is cleared at the next step, not left for 20 s (this step turns
        # the player, which is worth a notice of its own).
        assert notes(app) == [
            "The fever breaks. You are still yourself, and not only yourself: "
            "you have become a hybrid."
        ]


async def test_answers_go_to_the_notice_line_and_leave_at_the_next_step(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        await choose(pilot, "Run into the hall")
        await pilot.press("1")  # closed: needs the mop
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        notice = app.screen.query_one("#notice", Static)
        assert str(notice.render()) == "That way is closed: needs Mop handle."
        assert notice.display and notes(app) == []
        await choose(pilot, "Back away")
        assert not notice.display


async def test_title_at_80x24_fits_with_continue_on_one_line(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    story = load_story(default_story_dir())
    folder = SaveFolder(tmp_path / "saves")
    session = PlaySession(story, folder, clock=lambda: 0.0, seed=0)
    session.new_game("Mina")
    session.choose(0)
    app = HyosanApp(story, folder, clock=lambda: 0.0, seed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#title-box")
        menu = app.screen.query_one("#menu", OptionList)
        assert box.region.bottom <= 23  # the border above the footer, not cut
        assert menu.region.height == len(menu_options(None))  # Continue not wrapped
        assert not menu.get_option("continue_game").disabled
        assert not any(w.show_vertical_scrollbar for w in (app.screen, box, menu))
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)


async def test_f9_at_an_ending_loads_the_quicksave(make_app: MakeApp, folder: SaveFolder) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        await choose(pilot, "Barricade")
        await pilot.press("f5")
        await choose(pilot, "Wait for rescue")
        assert isinstance(app.screen, EndingScreen)
        assert folder.exists(QUICKSAVE)
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.session is not None and app.session.game is not None
        assert app.session.game.title == "Behind the desks"


async def test_quit_in_a_game_says_it_was_saved(make_app: MakeApp, starter: Story) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        await choose(pilot, "Run into the hall")
        await pilot.press("q")
        await pilot.pause()
    assert app.quit_note == (
        "Game saved: Ji-ho at The east hall, 0:00 played. Continue picks it up."
    )


async def test_quit_asks_first_when_the_player_wants_it(make_app: MakeApp) -> None:
    app = make_app()
    app.confirm_quit = True
    async with app.run_test() as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.quit_note.startswith("Game saved: Ji-ho at Class 2-5")
