"""The tutorial in scenes/README.md, followed as written: `hyosan new`, then its files."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from game.cli import main
from game.engine import Game
from game.story import check_story
from game.tools.playtest import exhaustive_playtest, replay

GUIDE = Path(__file__).parent.parent.parent / "scenes" / "README.md"


def _tutorial_steps() -> dict[int, list[tuple[str, str]]]:
    blocks = re.findall(
        r"<!-- tutorial-file: (\S+) \(step (\d+)\) -->\n```toml\n(.*?)```",
        GUIDE.read_text(encoding="utf-8"),
        re.S,
    )
    steps: dict[int, list[tuple[str, str]]] = {}
    for name, step, body in blocks:
        steps.setdefault(int(step), []).append((name, body))
    return steps


def _apply_step(folder: Path, step: int, files: list[tuple[str, str]]) -> None:
    for name, body in files:
        if step == 3:
            # "Replace the hall (from [hall] down to [[hall.choices]]) and its first choice"
            old = (folder / name).read_text(encoding="utf-8")
            head, _, rest = old.partition("[hall]\n")
            _, sep, tail = rest.partition('[[hall.choices]]\ntext = "Pry')
            assert sep, "the tutorial's step 3 no longer matches step 2's hall"
            body = head + body + "\n" + sep + tail
        (folder / name).write_text(body, encoding="utf-8")


def _tutorial_story(tmp_path: Path, upto: int = 3) -> Path:
    folder = tmp_path / "mystory"
    assert main(["new", str(folder)]) == 0
    for step, files in sorted(_tutorial_steps().items()):
        if step <= upto:
            _apply_step(folder, step, files)
    return folder


def test_the_tutorial_checks_clean_after_every_step(tmp_path: Path) -> None:
    steps = _tutorial_steps()
    assert sorted(steps) == [2, 3]
    folder = tmp_path / "mystory"
    assert main(["new", str(folder)]) == 0
    assert check_story(folder)[1] == []
    for step, files in sorted(steps.items()):
        _apply_step(folder, step, files)
        story, diagnostics = check_story(folder)
        assert story is not None and diagnostics == [], (step, [str(d) for d in diagnostics])


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
    game.choose(0)  # force the locker: crowbar and bandage, and the player stays in the hall
    assert {i.id for i in game.inventory} == {"crowbar", "bandage"}
    assert game.text.startswith("The lock gives with a crack.")
    assert "stands open and empty" in game.render_scene(game.scene)
    assert next(c.text for c in game.choices) == "Pry the chain off the roof door"
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
