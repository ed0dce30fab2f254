"""Issue 5's and issue 12's counts, asserted from the loaded campaign and its scene files."""

from __future__ import annotations

from collections.abc import Iterator

from game.story import Story
from game.story.conditions import Call, Name, parse_condition, walk
from game.story.loader import check_story

from .conftest import SCENES
from .count_words import count_story, format_table

REQUIRED_ENDINGS = {"rescued", "hidden", "hunted", "turned", "sacrifice", "bombing"}
TRUST = ("trust_onjo", "trust_suhyeok", "trust_namra")


def conditions(story: Story) -> Iterator[str]:
    """Every condition that opens a way: choices, branches, item actions."""
    for scene in story.scenes.values():
        for c in scene.choices:
            if c.when is not None:
                yield c.when.source
            yield from (b.when.source for b in c.branches if b.when is not None)
    for item in story.items.values():
        yield from (a.when.source for a in item.actions if a.when is not None)


def names_read(story: Story) -> tuple[set[str], set[str]]:
    """(names read by conditions, items asked about with has()/count())."""
    names: set[str] = set()
    items: set[str] = set()
    for src in conditions(story):
        for n in walk(parse_condition(src)):
            if isinstance(n, Name):
                names.add(n.name)
            elif isinstance(n, Call) and n.func in ("has", "count") and n.args:
                items.add(str(getattr(n.args[0], "name", "")))
    return names, items


def test_the_campaign_checks_clean() -> None:
    story, diagnostics = check_story(SCENES)
    assert story is not None
    assert [str(d) for d in diagnostics] == []


def test_scenes_words_and_endings(campaign: Story) -> None:
    counts = count_story(campaign)
    print("\n" + format_table(counts))
    # Issue 12's totals (issue 5 asked for 80 scenes, 25,000 words and 8 endings).
    assert counts.total.scenes >= 130
    assert counts.total.words >= 50_000
    assert len(campaign.endings) >= 16
    assert set(campaign.endings) >= REQUIRED_ENDINGS


def test_every_scene_has_a_scenes_worth_of_prose(campaign: Story) -> None:
    counts = count_story(campaign)
    # A scene with no text of its own that hands on (`next`) is a junction, not a page.
    short = {
        sid: n
        for sid, n in counts.main_words.items()
        if campaign.scenes[sid].ending is None
        and n < 100
        and not (n == 0 and campaign.scenes[sid].flows_on)
    }
    long = {sid: n for sid, n in counts.seen_words.items() if n > 450}
    assert short == {}, "scenes whose main text is under 100 words"
    assert long == {}, "scenes whose text plus longest variant is over 450 words"


def test_items_are_many_and_each_one_opens_something(campaign: Story) -> None:
    _, asked = names_read(campaign)
    unused = [iid for iid, it in campaign.items.items() if iid not in asked and not it.actions]
    assert len(campaign.items) >= 15
    assert unused == []


def test_there_are_at_least_four_bite_places(campaign: Story) -> None:
    bites = [
        sid
        for sid, s in campaign.scenes.items()
        if any(fx.infect for fx in s.on_enter) or any(c.infects for c in s.choices)
    ]
    assert len(bites) >= 4, bites


def test_hybrids_see_at_least_fifteen_scenes_or_variants_of_their_own(campaign: Story) -> None:
    counts = count_story(campaign)
    assert counts.total.hybrid_only >= 15
    assert len(counts.hybrid_scene_ids) >= 10
    assert campaign.infection is not None and campaign.infection.outcomes


def test_companions_trust_is_kept_and_read(campaign: Story) -> None:
    read, _ = names_read(campaign)
    for stat in TRUST:
        assert stat in campaign.stats
        assert stat in read, f"no condition reads {stat}"
