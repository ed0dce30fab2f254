"""Quitting never loses progress and asks nothing needlessly; a broken story exits with 1."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from game.saves import AUTOSAVE, SaveError, SaveFolder
from game.story import StoryError, load_story
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.error import ErrorScreen
from game.tui.screens.name import NameScreen
from game.tui.screens.play import PlayScreen
from tests.conftest import STORIES
from tests.tui.conftest import MakeApp


async def test_quit_autosaves_a_new_game(make_app: MakeApp, folder: SaveFolder) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, NameScreen)
        app.screen.query_one(Input).value = "Mina"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert not folder.exists(AUTOSAVE)
        await pilot.press("q")
    assert app.return_code == 0
    assert folder.exists(AUTOSAVE)
    assert folder.latest() is not None and folder.latest().scene_title == "Class 2-5"  # type: ignore[union-attr]


async def test_quit_at_title_saves_and_asks_nothing(make_app: MakeApp, folder: SaveFolder) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert folder.slots() == []


async def test_quit_asks_when_the_autosave_fails(
    make_app: MakeApp, folder: SaveFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise SaveError("Could not save to saves/autosave.json: the disk is full.")

    monkeypatch.setattr(folder, "save", refuse)
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.is_running
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0


async def test_broken_story_shows_diagnostics_and_exits_1(make_app: MakeApp) -> None:
    with pytest.raises(StoryError) as caught:
        load_story(STORIES / "broken" / "dangling_goto")
    app = make_app(None, story_error=caught.value)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        lines = str(app.screen.query_one("#error-lines Static", Static).render())
        assert caught.value.diagnostics[0].message in lines
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 1


async def test_load_of_a_broken_save_is_shown_not_raised(
    make_app: MakeApp, folder: SaveFolder
) -> None:
    folder.path.mkdir(parents=True)
    (folder.path / "mess.json").write_text("{ not json", encoding="utf-8")
    app = make_app()
    async with app.run_test() as pilot:
        app.load_slot("mess")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        assert app.session is not None and app.session.game is None
