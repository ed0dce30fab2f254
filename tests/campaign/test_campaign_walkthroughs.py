"""One scripted walkthrough per ending replays to that ending; one through plain mode too."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from game.engine.state import GameState
from game.story import Story

from .find_paths import WALKTHROUGHS, choice_numbers, read_walkthrough, replay

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(WALKTHROUGHS.glob("*.txt"))

EARNED: dict[str, Callable[[GameState], bool]] = {
    # What each ending's walkthrough must have done before its last step (OUTLINE.md §7).
    "turned": lambda s: s.infection == "zombie",
    "far_side": lambda s: s.infection == "hybrid" and s.flags.get("hybrid_awake", False),
    "seongwon": lambda s: s.infection == "human" and s.flags.get("nayeon_joined", False),
    "hidden": lambda s: s.infection == "hybrid" and s.flags.get("hybrid_awake", False),
    "hunted": lambda s: s.infection == "hybrid",
    "volunteer": lambda s: s.infection == "hybrid" and s.stats["frenzies"] == 0,
    "human_again": lambda s: s.infection == "human" and s.flags.get("read_notes", False),
    "lost_to_hunger": lambda s: s.flags.get("ate_human", False) or s.stats["frenzies"] >= 2,
    "witness": lambda s: s.flags.get("filmed_lab", False) and s.infection == "human",
    "together": lambda s: min(s.stats["trust_onjo"], s.stats["trust_suhyeok"]) >= 6,
    "rescued": lambda s: s.infection == "human",
    "fallen": lambda s: s.stats["health"] == 0,
    "sacrifice": lambda s: s.stats["trust_suhyeok"] >= 7 or s.flags.get("promised_onjo", False),
    "bombing": lambda s: not s.flags.get("heard_bombing_warning", False),
    # Act 6: the sealed zone.
    "keepers": lambda s: s.infection == "hybrid" and s.visits.get("a6_dawn_count", 0) > 0,
    "owed": lambda s: s.visits.get("a6_return", 0) > 0 and s.infection != "zombie",
    "second_wave": lambda s: (
        (s.flags.get("eunji_free", False) or not s.flags.get("eunji_secured", False))
        and not s.flags.get("eunji_caught", False)
    ),
    "cold_shapes": lambda s: any(
        s.visits.get(sid, 0) > 0 for sid in ("a6_the_sweep", "a6_decoy", "a6_return")
    ),
    "same_as_me": lambda s: s.infection == "hybrid" and s.flags.get("ate_human", False),
}


def test_there_is_one_walkthrough_per_ending(campaign: Story) -> None:
    assert {p.stem for p in FILES} == set(campaign.endings)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_the_walkthrough_reaches_its_ending(campaign: Story, path: Path) -> None:
    game = replay(campaign, read_walkthrough(path))
    assert game.ended is not None, f"stopped in '{game.state.scene}' without an ending"
    assert game.ended.id == path.stem
    assert EARNED[path.stem](game.state), f"{path.stem} reached without earning it"


@pytest.mark.parametrize("ending", ["hidden", "owed"])
def test_the_walkthrough_plays_through_plain_mode(
    campaign: Story, tmp_path: Path, ending: str
) -> None:
    """A hybrid path (to the north and alone) and a human one (into the zone and home again)
    through the real program, as a player at a terminal would type them."""
    walk = read_walkthrough(WALKTHROUGHS / f"{ending}.txt")
    lines = ["Tester", *choice_numbers(campaign, walk)]
    command = [sys.executable, "-m", "game", "play", "--plain", "--scenes", "scenes"]
    command += ["--seed", str(walk.seed)]
    result = subprocess.run(
        [*command, "--saves", str(tmp_path / "saves")],
        cwd=ROOT,
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # The program's own complaints (a closed choice, an unknown command), not the story's
    # words: a character may well say "I don't know".
    assert "You can't: " not in out and "I don't know '" not in out
    assert "Traceback" not in out + result.stderr
    assert f"The end: {campaign.endings[ending]}." in out
    assert "{player}" not in out and "Tester" in out
