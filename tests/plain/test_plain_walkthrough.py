"""The whole program in plain mode, fed a walkthrough file on stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WALKTHROUGH = Path(__file__).resolve().parent / "walkthrough_starter.txt"


def test_the_starter_walkthrough_reaches_the_rescue(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "play",
            "--plain",
            "--seed",
            "0",
            "--scenes",
            "tests/stories/starter",
            "--saves",
            str(saves),
        ],
        cwd=ROOT,
        stdin=WALKTHROUGH.open("rb"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert out.startswith("Hyosan: Fifth Period\n")
    assert '"Hye-won, the door!"' in out
    assert "Saved to slot 'before the hall'." in out
    assert out.rstrip().endswith(
        "The end: Rescued as a human.\nEndings reached: 1 of 4: Rescued as a human."
    )
    assert "Traceback" not in out
    assert json.loads((saves / "endings.json").read_text())["endings"] == {"starter": ["rescued"]}
    autosave = json.loads((saves / "autosave.json").read_text())
    assert autosave["state"]["ending"] == "rescued"
    assert (saves / "before the hall.json").is_file()


def test_a_broken_story_prints_its_problems_and_fails(tmp_path: Path) -> None:
    (tmp_path / "story.toml").write_text('[story]\nid = "x"\n')
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "play",
            "--plain",
            "--scenes",
            str(tmp_path),
            "--saves",
            str(tmp_path / "saves"),
        ],
        cwd=ROOT,
        input="",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{tmp_path / 'story.toml'}:" in result.stderr and "error" in result.stderr
    assert "Traceback" not in result.stderr
