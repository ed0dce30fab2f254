"""`hyosan playtest`: random runs and the exhaustive walk on stories built to have bugs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from game.cli import main
from game.engine import Game
from game.engine.state import GameState
from game.story import Story, load_story
from game.story.story import ScenePlan
from game.tools.playtest import (
    ForcedOutcomes,
    exhaustive_playtest,
    random_playtest,
    replay,
    run_seed,
)

TOOLS = Path(__file__).parent.parent / "stories" / "tools"
STARTER = Path(__file__).parent.parent / "stories" / "starter"


@pytest.fixture(scope="module")
def stuck_story() -> Story:
    return load_story(TOOLS / "unreachable_stuck")


def test_random_runs_report_unreachable_scene_and_stuck_state_with_a_path(
    stuck_story: Story,
) -> None:
    report = random_playtest(stuck_story, runs=200, seed=7)
    assert report.scenes_never_reached == ["attic"]
    assert report.items_never_carried == ["lamp"]
    assert [(c.scene, c.number, c.text) for c in report.choices_never_taken] == [
        ("cellar", 1, "Light the lamp"),
        ("attic", 1, "Climb down"),
    ]
    assert report.failed
    [stuck] = report.stuck
    assert stuck.scene == "cellar" and stuck.count > 1
    game = replay(stuck_story, stuck.seed, stuck.path)
    assert game.state.scene == "cellar" and game.is_stuck


def test_exhaustive_walk_reports_the_stuck_state_with_its_shortest_path(
    stuck_story: Story,
) -> None:
    report = exhaustive_playtest(stuck_story)
    assert report.complete and report.failed
    assert report.scenes_never_reached == ["attic"]
    [stuck] = report.stuck
    assert stuck.path == ["3"]
    assert replay(stuck_story, stuck.seed, stuck.path).is_stuck
    assert report.endings == {"out": 1}


def test_cli_exits_1_on_a_stuck_state_and_prints_the_reproduction(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = TOOLS / "unreachable_stuck"
    assert main(["playtest", str(folder), "--runs", "50", "--seed", "3"]) == 1
    out = capsys.readouterr().out
    assert "Scenes never reached (1):\n  attic" in out
    assert "in scene 'cellar'" in out
    line = next(x for x in out.splitlines() if "reproduce:" in x)
    seed = line.split("--seed ")[1].split()[0]
    steps = line.split('--replay "')[1].rstrip('"')
    assert main(["playtest", str(folder), "--seed", seed, "--replay", steps]) == 1
    assert "STUCK: no open choice in scene 'cellar'" in capsys.readouterr().out


def test_json_output_is_machine_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["playtest", str(TOOLS / "unreachable_stuck"), "--runs", "20", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["failed"] is True
    assert data["scenes_never_reached"] == ["attic"]
    assert data["stuck"][0]["scene"] == "cellar"
    assert data["choices_never_taken"][0] == {
        "scene": "cellar",
        "number": 1,
        "text": "Light the lamp",
    }


def test_a_loop_without_exit_is_reported_and_fails_the_run() -> None:
    story = load_story(TOOLS / "loop")
    report = random_playtest(story, runs=5, steps=40)
    assert report.failed  # CI can rely on the exit status
    assert report.endings == {} and report.endings_never_reached == ["exit"]
    [loop] = report.loops
    assert loop.count == 5 and len(loop.path) == 40
    walk = exhaustive_playtest(story)
    assert {p.scene for p in walk.loops} == {"start", "bend"}
    assert walk.complete and walk.failed


def test_exhaustive_walk_tries_every_branch_and_both_infection_outcomes() -> None:
    story = load_story(TOOLS / "chance")
    few = random_playtest(story, runs=30)
    assert "fall" not in few.endings  # weight 1 in a million: random runs miss it
    walk = exhaustive_playtest(story)
    assert set(walk.endings) == {"safe", "fall", "turned", "hybrid"}
    assert walk.scenes_never_reached == [] and walk.choices_never_taken == []
    # Every ending's path replays to that ending, chance forced as the path says.
    fall = exhaustive_playtest(story)
    assert fall.mean_length == 1.25 and fall.max_length == 2
    assert replay(story, 0, ["1@end_fall"]).ended is not None
    assert replay(story, 0, ["1@end_fall"]).state.ending == "fall"
    assert replay(story, 0, ["2~zombie"]).state.ending == "turned"
    assert replay(story, 0, ["2~hybrid", "1"]).state.ending == "hybrid"


def test_crashes_in_the_engine_are_caught_with_a_path(
    stuck_story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = Game.render_scene

    def broken_render(self: Game, scene: ScenePlan) -> str:
        if scene.id == "end_out":
            raise ZeroDivisionError("boom")
        return original(self, scene)

    monkeypatch.setattr(Game, "render_scene", broken_render)
    report = random_playtest(stuck_story, runs=100)
    [crash] = report.crashes
    assert crash.detail.startswith("ZeroDivisionError: boom at test_playtest.py:")
    assert report.failed  # taking the key hides that once-choice: "Unlock" is then 1
    with pytest.raises(ZeroDivisionError):
        replay(stuck_story, crash.seed, crash.path)
    walk = exhaustive_playtest(stuck_story)
    assert [c.path for c in walk.crashes] == [["1", "1"]]


def test_runs_are_deterministic_and_do_not_depend_on_the_number_of_jobs(
    starter: Story,
) -> None:
    one = random_playtest(starter, runs=600, seed=11)
    two = random_playtest(starter, runs=600, seed=11, jobs=2)
    again = random_playtest(starter, runs=600, seed=11)
    strip = {"seconds"}
    as_dict = [{k: v for k, v in r.to_json().items() if k not in strip} for r in (one, two, again)]
    assert as_dict[0] == as_dict[1] == as_dict[2]
    assert len({run_seed(11, 0), run_seed(11, 1), run_seed(12, 1), run_seed(12, 0)}) == 4


def test_random_runs_use_items_and_undo_and_every_path_replays(starter: Story) -> None:
    report = random_playtest(starter, runs=400, seed=1)
    assert report.item_actions_never_used == []
    assert report.scenes_never_reached == ["end_turned"]  # health never drops below 4
    assert not report.failed and report.mean_length > 2


def test_forced_rolls_decide_a_bite_as_the_lowest_and_highest_roll_would() -> None:
    state = GameState(story_id="s", player="p", scene="a", rng=99)
    outcomes = ForcedOutcomes()
    decided = {}
    for roll in ("hybrid", "zombie"):
        for chance in (0.0, 0.5, 1.0):
            outcomes.prepare(True, None, roll)
            decided[roll, chance] = outcomes.turns_hybrid(state, chance)
            assert outcomes.rolled
    assert decided == {
        ("hybrid", 0.0): False,  # no chance of a hybrid: the bite turns you whatever is forced
        ("hybrid", 0.5): True,
        ("hybrid", 1.0): True,
        ("zombie", 0.0): False,
        ("zombie", 0.5): False,
        ("zombie", 1.0): True,  # a certain hybrid cannot be forced the other way
    }
    assert state.rng == 99  # a forced outcome draws nothing from the game's generator
    outcomes.prepare(False)
    assert not outcomes.rolled
    outcomes.turns_hybrid(state, 0.5)
    assert outcomes.rolled and state.rng != 99  # unforced: the game's own seeded draw


def test_exhaustive_walk_on_the_starter_is_finite_and_complete(starter: Story) -> None:
    walk = exhaustive_playtest(starter)
    assert walk.complete and not walk.failed and walk.loops == []
    assert set(walk.endings) == {"rescued", "hybrid_free", "dead"}
    assert walk.endings_never_reached == ["turned"]


def test_a_story_that_does_not_load_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "story.toml").write_text('[story]\nid = "x"\n', encoding="utf-8")
    err = io.StringIO()
    from game.cli import build_parser
    from game.tools.playtest import run_playtest

    args = build_parser().parse_args(["playtest", str(tmp_path)])
    assert run_playtest(args, io.StringIO(), err) == 2
    assert "missing required key" in err.getvalue()
