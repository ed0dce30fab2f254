"""The tutorial in scenes/README.md, followed as written: `hyosan new`, then its files."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from game.cli import main
from game.engine.game import Game
from game.story import check_story
from game.tools.playtest import exhaustive_playtest, replay

GUIDE = Path(__file__).parent.parent.parent / "scenes" / "README.md"


def _tutorial_story(tmp_path: Path) -> Path:
    folder = tmp_path / "mystory"
    assert main(["new", str(folder)]) == 0
    files = re.findall(
        r"<!-- tutorial-file: (\S+) -->\n```toml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S
    )
    assert [name for name, _ in files] == ["story.toml", "start.toml"]
    for name, body in files:
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def test_the_tutorial_story_checks_clean_and_every_part_of_it_is_reachable(
    tmp_path: Path,
) -> None:
    story, diagnostics = check_story(_tutorial_story(tmp_path))
    assert story is not None and diagnostics == []
    walk = exhaustive_playtest(story)
    assert walk.complete and not walk.failed and walk.loops == []
    assert set(walk.endings) == {"hidden", "roof", "gym", "dead", "turned"}
    assert walk.scenes_never_reached == [] and walk.item_actions_never_used == []


def test_the_tutorial_story_plays_the_item_puzzle_and_the_bite(tmp_path: Path) -> None:
    story, _ = check_story(_tutorial_story(tmp_path))
    assert story is not None
    game = Game.new(story)
    game.choose(0)  # into the hall
    pry = game.choices[1]
    assert not pry.open and pry.reason == "The chain will not move with bare hands."
    game.choose(0)  # force the locker: crowbar and bandage
    assert {i.id for i in game.inventory} == {"crowbar", "bandage"}
    assert "stands open and empty" in game.text
    game.choose(1)  # push through the crowd: bitten
    assert game.infection == "bitten" and game.status[0].value == 2
    game.use_item("bandage")
    assert game.status[0].value == 3 and game.infection == "bitten"
    hybrid = replay(story, 0, ["1", "1", "2", "1", "1~hybrid"])
    assert hybrid.infection == "hybrid" and hybrid.state.scene == "roof"
    assert [c.text for c in hybrid.choices] == ["Jump to the gym roof"]
    turned = replay(story, 0, ["1", "1", "2", "1", "1~zombie"])
    assert turned.ended is not None and turned.ended.id == "turned"


def test_the_tutorial_story_plays_in_plain_mode(tmp_path: Path) -> None:
    folder = _tutorial_story(tmp_path)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "play",
            "--plain",
            "--scenes",
            str(folder),
            "--saves",
            str(tmp_path / "saves"),
        ],
        input="\n1\n1\n1\n1\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Rescued from the roof" in done.stdout
