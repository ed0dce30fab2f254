"""Two processes saving the same slot at once: every save succeeds and no debris is left."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from game.saves import SaveFolder
from game.story import Story

SAVER = """
import sys
from pathlib import Path
from game.engine import Game
from game.saves import SaveError, SaveFolder
from game.story import load_story

story = load_story(sys.argv[1])
folder = SaveFolder(Path(sys.argv[2]))
failures = 0
for n in range(int(sys.argv[3])):
    game = Game.new(story, "P" * (1 + n % 30), seed=n)
    try:
        folder.save("slot", game, float(n))
    except SaveError as e:
        failures += 1
        print(e, file=sys.stderr)
print(failures)
"""

SAVES_EACH = 200


def test_two_processes_saving_one_slot_never_fail(starter: Story, tmp_path: Path) -> None:
    folder = SaveFolder(tmp_path / "saves")
    args = [sys.executable, "-c", SAVER, str(starter.root), str(folder.path), str(SAVES_EACH)]
    root = Path(__file__).resolve().parents[2]
    procs = [
        subprocess.Popen(args, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [p.communicate(timeout=60) for p in procs]
    for out, err in results:
        assert out.strip() == "0", err[-2000:]
    assert sorted(p.name for p in folder.path.iterdir()) == ["slot.json", "slot.json.bak"]
    loaded = folder.load("slot", starter)
    assert loaded.notes == []
    assert folder.load("slot", starter).state.player.startswith("P")


ENDER = """
import sys
from pathlib import Path
from game.saves import SaveFolder

folder = SaveFolder(Path(sys.argv[1]))
for n in range(int(sys.argv[3])):
    folder.record_ending("story", f"{sys.argv[2]}-{n}")
"""


def test_two_processes_recording_endings_lose_none(tmp_path: Path) -> None:
    folder = SaveFolder(tmp_path / "saves")
    root = Path(__file__).resolve().parents[2]
    procs = [
        subprocess.Popen([sys.executable, "-c", ENDER, str(folder.path), who, "50"], cwd=root)
        for who in ("a", "b")
    ]
    for p in procs:
        assert p.wait(timeout=60) == 0
    expected = {f"{who}-{n}" for who in ("a", "b") for n in range(50)}
    assert folder.endings_reached("story") == expected
    assert [p.name for p in folder.path.iterdir()] == ["endings.json"]
