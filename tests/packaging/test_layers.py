"""The layers below the front ends never load Textual or Rich, whatever they import."""

from __future__ import annotations

import subprocess
import sys

NO_UI = (
    "import game.engine, game.story, game.saves, sys; "
    "assert not any(m.startswith(('textual','rich')) for m in sys.modules)"
)


def test_engine_story_and_saves_load_no_textual_or_rich() -> None:
    done = subprocess.run([sys.executable, "-c", NO_UI], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_check_fails_when_a_layer_loads_rich() -> None:
    leaky = NO_UI.replace("import game.engine,", "import game.engine, rich,")
    done = subprocess.run([sys.executable, "-c", leaky], capture_output=True, text=True)
    assert done.returncode == 1 and "AssertionError" in done.stderr


def test_the_play_session_and_the_tools_load_no_textual_or_rich_either() -> None:
    below = NO_UI.replace(
        "import game.engine, game.story, game.saves,",
        "import game.session, game.storycache, game.tools.playtest, game.check,",
    )
    assert "game.session" in below
    done = subprocess.run([sys.executable, "-c", below], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
