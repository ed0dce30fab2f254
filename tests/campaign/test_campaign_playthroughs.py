"""Every scene and ending reachable; thousands of seeded random runs end cleanly."""

from __future__ import annotations

import random

import pytest

from game.engine import Game
from game.story import Story
from game.story.usage import reachable_scenes
from game.tools.playtest import Report, default_jobs, random_playtest

from .count_words import HYBRID_TAG
from .find_paths import WALKTHROUGHS, read_walkthrough, replay

RUNS = 3000


@pytest.fixture(scope="module")
def report(campaign: Story) -> Report:
    return random_playtest(campaign, runs=RUNS, seed=5, jobs=default_jobs(RUNS))


def test_every_scene_and_ending_is_reachable_in_the_graph(campaign: Story) -> None:
    assert set(campaign.scenes) - reachable_scenes(campaign) == set()
    ending_scenes = {s.ending.id for s in campaign.scenes.values() if s.ending is not None}
    assert ending_scenes == set(campaign.endings)


def walked_scenes(story: Story) -> set[str]:
    """Every scene the replayed walkthroughs pass through."""
    seen: set[str] = set()
    for path in sorted(WALKTHROUGHS.glob("*.txt")):
        seen |= set(replay(story, read_walkthrough(path)).state.visits)
    return seen


def test_random_runs_reach_every_scene_and_every_ending(campaign: Story, report: Report) -> None:
    """Random play reaches every scene and ending; a rare one counts when a walkthrough (which
    the walkthrough tests replay) reaches it, as issue 12 allows."""
    print(f"\nending frequencies over {report.runs} runs ({report.seconds} s):")
    for eid, n in report.endings.items():
        print(f"  {eid:<16}{n:>6}")
    rare = set(report.scenes_never_reached)
    print(f"reached only by walkthroughs: {sorted(rare)}")
    assert sorted(rare - walked_scenes(campaign)) == []
    assert report.endings_never_reached == []


def test_random_runs_never_crash_stick_or_loop(report: Report) -> None:
    assert report.runs == RUNS
    assert sum(report.endings.values()) == RUNS
    assert (report.crashes, report.stuck, report.loops) == ([], [], [])
    assert report.max_length < report.steps


def test_scenes_tagged_hybrid_are_seen_only_by_hybrids(campaign: Story) -> None:
    tagged = {sid for sid, s in campaign.scenes.items() if HYBRID_TAG in s.tags}
    seen: set[str] = set()
    for seed in range(400):
        game = Game.new(campaign, seed=seed)
        # The infection as a scene is entered: hybrid before or after the step (a step can
        # turn a bitten player, and an ending can cure one).
        visits: list[tuple[str, set[str]]] = []
        pick = random.Random(seed)
        before = game.state.infection
        while game.ended is None:
            visits += [(sid, {before, game.state.infection}) for sid in game.entered]
            before = game.state.infection
            shown = game.choices
            bag = [i.id for i in game.inventory if i.actions and i.actions[0].open]
            if bag and pick.random() < 0.3:
                game.use_item(pick.choice(bag), 0)
                continue
            game.choose(pick.choice([i for i, c in enumerate(shown) if c.open]))
        visits += [(sid, {before, game.state.infection}) for sid in game.entered]
        for sid, infection in visits:
            if sid in tagged:
                seen.add(sid)
                assert "hybrid" in infection, f"{sid} entered by a {infection} player"
    assert len(seen) >= len(tagged) // 2
