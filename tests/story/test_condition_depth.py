"""Deeply nested conditions are a check error with a column, never a RecursionError, and
`check` and play agree: a condition `check` passes never fails in play."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from game.check import run_check
from game.engine import Game
from game.story import StoryError, load_story
from game.story.conditions import MAX_DEPTH, MAX_NESTING, ConditionError, parse_condition
from tests.conftest import STARTER

WHEN = 'when = "door_barricaded and trust_minji >= 2"'


def story_with_condition(tmp_path: Path, condition: str) -> Path:
    root = tmp_path / "deep"
    shutil.copytree(STARTER, root)
    school = root / "school.toml"
    source = school.read_text(encoding="utf-8")
    assert WHEN in source
    school.write_text(source.replace(WHEN, f'when = "{condition}"'), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("condition", "message", "column"),
    [
        ("(" * 300 + "door_barricaded" + ")" * 300, "nested too deeply", MAX_NESTING + 1),
        ("-" * 975 + "trust_minji < 2", "nested too deeply", MAX_NESTING + 1),
        ("not " * 400 + "door_barricaded", "nested too deeply", 4 * MAX_NESTING + 1),
        ("true and " * 150 + "door_barricaded", "too long", 1),
        ("1+" * 300 + "1 < trust_minji", "too long", 1),
    ],
    ids=["300 parentheses", "975 minus signs", "400 nots", "150 ands", "300 pluses"],
)
def test_deep_condition_is_a_check_error_and_play_refuses_it_too(
    tmp_path: Path, condition: str, message: str, column: int
) -> None:
    root = story_with_condition(tmp_path, condition)
    out = io.StringIO()
    assert run_check(root, out) == 1
    [line] = [x for x in out.getvalue().splitlines() if "error" in x and message in x]
    assert line.startswith(f"{root / 'school.toml'}:28:")
    with pytest.raises(StoryError):
        load_story(root)


def test_deepest_allowed_condition_checks_and_plays(tmp_path: Path) -> None:
    nested = "(" * (MAX_NESTING - 1) + "door_barricaded" + ")" * (MAX_NESTING - 1)
    chain = " and ".join([nested] + ["trust_minji >= 2"] * (MAX_DEPTH // 2 - 1))
    root = story_with_condition(tmp_path, chain)
    assert run_check(root, io.StringIO()) == 0
    for story in (load_story(root), load_story(STARTER)):  # the same answer as the original
        game = Game.new(story, "Ji-ho", seed=1)
        game.choose(0)
        assert [c.open for c in game.choices if c.text == "Wait for rescue"] == [True]


def test_limits_are_reported_at_the_column_where_they_are_passed() -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition("a and " + "(" * (MAX_NESTING + 1) + "b" + ")" * (MAX_NESTING + 1))
    assert caught.value.column == len("a and ") + MAX_NESTING + 1
