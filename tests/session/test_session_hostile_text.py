"""Names, titles and log text that look like markup or hold escape codes are shown as
written, in the TUI and in plain mode, and a Continue from a save that holds them works."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from textual.widgets import Static

from game.plain import PlainSession
from game.saves import AUTOSAVE, SaveFolder
from game.session import PlaySession
from game.story import Story, load_story
from game.tui.app import HyosanApp
from game.tui.screens.history import HistoryScreen
from game.tui.screens.play import PlayScreen
from tests.conftest import STARTER

NAME = "[/][bold]x[@click=app.quit]y[/]\x1b[31m"
LINK = "[link=file:///etc/passwd]x[/link]"
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b1m"
TITLE = "Class 2-5 [sic] [@click=app.quit]q[/]"


@pytest.fixture
def hostile_story(tmp_path: Path) -> Story:
    root = tmp_path / "story"
    shutil.copytree(STARTER, root)
    scenes = next(p for p in root.glob("*.toml") if "[classroom]" in p.read_text())
    text = scenes.read_text().replace('title = "Class 2-5"', f'title = "{TITLE}"', 1)
    scenes.write_text(text)
    return load_story(root)


SAVED_NAME = NAME.removesuffix("\x1b[31m")


def hostile_save(story: Story, saves: Path) -> None:
    """A game whose name, log and events hold markup, emoji, CJK and 10,000 characters.
    (Saves refuse control characters: those are tested as typed and in the story.)"""
    session = PlaySession(story, SaveFolder(saves), clock=lambda: 0.0, seed=0)
    session.new_game(NAME)
    session.choose(1)
    assert session.game is not None
    state = session.game.state
    assert state.player == SAVED_NAME  # the escape code typed is gone
    state.log[0].choice = f"{LINK} 😀 漢字"
    state.log[0].events = [f"[b]{'x' * 900}", "[/]"]
    state.log[-1].text = "[i]" + "字" * 10_000
    session.unsaved = True
    assert session.autosave() is None


def shown(widget: Static) -> str:
    return str(widget.render())


async def test_continue_shows_a_hostile_save_as_text(hostile_story: Story, tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    hostile_save(hostile_story, saves)
    app = HyosanApp(hostile_story, SaveFolder(saves), clock=lambda: 0.0, seed=0)
    app.animation_level = "none"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        player = shown(app.screen.query_one("#player-name", Static))
        assert player == "[/][bold]x[@click=app.quit]y[/]"  # the escape code is gone
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        history = shown(app.screen.query_one("#history-text", Static))
        assert TITLE in history and LINK in history and "😀 漢字" in history
        assert "\x1b" not in history and "\x9b" not in history
        await pilot.press("escape", "u")  # back to the hostile title
        await pilot.pause()
        assert shown(app.screen.query_one("#scene-title", Static)) == TITLE
        await pilot.press("q")
        await pilot.pause()
    assert app._exception is None and app.return_code == 0
    assert "\x1b" not in app.quit_note and "[/][bold]x" in app.quit_note


def test_plain_mode_prints_names_and_titles_as_written(
    hostile_story: Story, tmp_path: Path
) -> None:
    saves = tmp_path / "saves"
    out = io.StringIO()
    lines = f"{NAME}\n1\nquit\n"
    PlainSession(hostile_story, SaveFolder(saves), io.StringIO(lines), out, seed=0).run()
    text = out.getvalue()
    assert f"== {TITLE} ==" in text
    assert '"[/][bold]x[@click=app.quit]y[/], the door!"' in text
    assert "\x1b" not in text and "\x9b" not in text
    # Continue from the save holding the same name.
    hostile_save(hostile_story, saves)
    out = io.StringIO()
    PlainSession(hostile_story, SaveFolder(saves), io.StringIO("1\ni\nquit\n"), out, seed=0).run()
    text = out.getvalue()
    assert "1. Continue (" in text and "\x1b" not in text and "\x9b" not in text
    assert SaveFolder(saves).load(AUTOSAVE, hostile_story).state.player == SAVED_NAME
