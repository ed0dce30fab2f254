"""Each folder under tests/stories/broken holds one kind of mistake and the exact lines
`hyosan check` must print for it (expected.txt, with {dir} standing for the folder)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from game.check import run_check
from game.story import StoryError, load_story

BROKEN = Path(__file__).parent.parent / "stories" / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def _problems(folder: Path) -> frozenset[str]:
    """What `hyosan check` reports for `folder`: each problem with its place in the folder."""
    out = io.StringIO()
    run_check(folder, out)
    lines = out.getvalue().replace(str(folder), "").splitlines()
    return frozenset(line for line in lines if re.search(r": (error|warning): ", line))


def test_there_are_at_least_twenty_kinds_of_mistake_each_case_its_own() -> None:
    reported = {name: _problems(BROKEN / name) for name in CASES}
    assert [name for name, problems in reported.items() if not problems] == []
    # No case is a copy of another: each reports something (or somewhere) the others do not.
    assert len(set(reported.values())) == len(CASES)
    kinds = {line.split(": ", 1)[1] for problems in reported.values() for line in problems}
    assert len(kinds) >= 20


@pytest.mark.parametrize("name", CASES)
def test_check_prints_exact_diagnostics(name: str) -> None:
    folder = BROKEN / name
    expected = (folder / "expected.txt").read_text().replace("{dir}", str(folder)).splitlines()
    out = io.StringIO()
    status = run_check(folder, out)
    lines = out.getvalue().splitlines()
    assert lines[:-1] == expected
    has_error = any(": error: " in line for line in expected)
    assert status == (1 if has_error else 0)
    assert "Traceback" not in out.getvalue()


@pytest.mark.parametrize("name", CASES)
def test_load_story_raises_one_error_with_every_problem(name: str) -> None:
    folder = BROKEN / name
    expected = (folder / "expected.txt").read_text().replace("{dir}", str(folder)).splitlines()
    if not any(": error: " in line for line in expected):
        story = load_story(folder)
        assert [str(w) for w in story.warnings] == expected
        return
    with pytest.raises(StoryError) as info:
        load_story(folder)
    assert str(info.value).splitlines() == expected
