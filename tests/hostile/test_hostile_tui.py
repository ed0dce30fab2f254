"""Hostile names, slot names and save fields through the TUI (headless), the other half of
test_hostile_text.py: nothing raises, no control character is drawn, and a name typed as
markup (`[b]Ji[/b]`) is drawn as typed. A slot name such as `[/` once crashed the save dialog
(its problem line read the message as markup).
"""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from game.saves import SaveFolder
from game.story import load_story
from tests.conftest import STARTER
from tests.hostile.test_hostile_text import (
    CONTROL,
    FAST,
    NAME,
    WORST,
    assert_clean,
    hostile,
    hostile_save,
)


def check_screen(app: Any, shown: str) -> None:
    """Every text on the screen is free of control characters, and the player's name, where a
    widget was given it, is drawn as typed (not read as markup)."""
    from textual.widgets import Static

    for widget in app.screen.query(Static):
        drawn = str(widget.render())
        assert_clean(drawn)
        given_text = widget.content if isinstance(widget.content, str) else ""
        if shown and shown in given_text:
            assert shown in drawn, f"{shown!r} was read as markup: {drawn!r}"


TUI_EXAMPLES = max(1, settings().max_examples // 30)
"""A TUI run costs a second or two: 1 generated example in the quick profile (besides the
explicit one), 10 in the full one."""


@settings(FAST, max_examples=TUI_EXAMPLES)
@given(name=hostile, slot=hostile, fields=st.lists(hostile, min_size=5, max_size=5))
@example(name=NAME, slot="[/", fields=WORST)
async def test_hostile_names_slots_and_saves_in_the_tui(
    tmp_path_factory: Any, name: str, slot: str, fields: list[str]
) -> None:
    from textual.widgets import Input, OptionList, Static

    from game.tui.app import HyosanApp
    from game.tui.screens.play import PlayScreen

    folder = SaveFolder(tmp_path_factory.mktemp("saves"))
    hostile_save(folder, fields)
    shown = name.strip() if not CONTROL.search(name) and len(name.strip()) <= 40 else ""
    app = HyosanApp(load_story(STARTER), folder, clock=lambda: 0.0, seed=0)
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        check_screen(app, "")  # the title screen offers to continue the hostile save
        menu = app.screen.query_one("#menu", OptionList)
        menu.highlighted = menu.get_option_index("new_game")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen.focused, Input)
        app.screen.focused.value = name
        await pilot.press("enter")
        await pilot.pause()
        check_screen(app, shown)
        if isinstance(app.screen, PlayScreen):  # else the name was refused, plainly
            if shown:
                log = "".join(
                    str(w.render()) for w in app.screen.query(Static) if "log-entry" in w.classes
                )
                assert f'"{shown}, the door!"' in log
            await pilot.press("1", "s")
            await pilot.pause()
            if isinstance(app.screen.focused, Input):
                app.screen.focused.value = slot
            await pilot.press("enter")
            await pilot.pause()
            check_screen(app, "")
            await pilot.press("escape", "l")  # the load list shows the hostile save
            await pilot.pause()
            check_screen(app, "")
        await pilot.press("escape")
        await pilot.pause()
