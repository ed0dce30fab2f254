"""A wheel built from the repo carries the story, and the installed game finds and plays it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_includes_the_story_and_plays_it(tmp_path: Path) -> None:
    subprocess.run(
        # The build backend (hatchling, in the test extra) is used from this environment:
        # an isolated build env would be created and filled for every run.
        [
            *(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"),
            *("-w", str(tmp_path), str(ROOT)),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("hyosan-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(p.name for p in (ROOT / "scenes").glob("*.toml"))
    assert sorted(n.rsplit("/", 1)[1] for n in names if n.startswith("game/scenes/")) == sorted(
        [*shipped, "README.md", "OUTLINE.md"]
    )
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # Run from a folder that is not the checkout, importing only the unpacked wheel.
    code = (
        "import game.story.loader as l, sys; from game.cli import main; "
        "print(l.default_story_dir()); sys.exit(main(['check']))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.splitlines()[0] == str(site / "game" / "scenes")
    assert "0 errors, 0 warnings" in out.stdout
    walk = "\n".join(["Tester", *["1"] * 8, "quit"]) + "\n"
    played = subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--saves", str(tmp_path / "saves")],
        input=walk,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert played.returncode == 0, played.stderr
    assert "Lab Duty" in played.stdout
