"""A large story is checked on two cores (`game.story.twocores`): the same story, the same
messages, the same play as loading it in one process.

The split is forced here on small stories (`SPLIT_BYTES` = 0) whose first file is the
larger, so the later files go to the forked process: what crosses the halves (an id taken
in the first half, a condition warned about in both, a scene reached only from the other
half, a file that does not parse) must come out as one process would say it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import game.story.loader as loader
import game.story.twocores as twocores
from game.engine import Game
from game.story import Story, check_story

MANIFEST = """[story]
id = "halves"
title = "Halves"
version = "1"
start = "start"

[stats.health]
name = "Health"
start = 3
min = 0
max = 5

[flags]
door_open = "the door is open"
never_read = "set but never read"
"""

FIRST = '''[start]
title = "Start"
text = """{padding}"""

[[start.choices]]
text = "Try"
when = "health >= 50"
goto = "hall"

[[start.choices]]
text = "Open"
effects = {{ set = {{ door_open = true, never_read = true }} }}
goto = "yard"

[taken]
text = "First."
next = "hall"
'''

SECOND = """[hall]
title = "Hall"
text = "A hall."

[[hall.choices]]
text = "Back"
when = "health >= 50"
goto = "start"

[[hall.choices]]
text = "On"
when = "health >= 60 and door_open"
goto = "yard"

[taken]
text = "Again."
next = "yard"

[yard]
text = "A yard."
ending = { id = "out", title = "Out" }
"""

THIRD = """[taken]
text = "And again."
next = "yard"

[lost]
text = "Nobody comes here."

[[lost.choices]]
text = "Go"
when = "health >= 60"
goto = "{target}"
"""


def write(root: Path, third: str, second: str = SECOND) -> Path:
    root.mkdir()
    (root / "story.toml").write_text(MANIFEST)
    (root / "a.toml").write_text(FIRST.format(padding="Long. " * 400))
    (root / "b.toml").write_text(second)
    (root / "c.toml").write_text(third)
    return root


def both(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[tuple[Story | None, list[str]], ...]:
    out = []
    monkeypatch.setattr(loader, "machine_busy", lambda: False)  # split even on a busy machine
    for split_bytes in (1 << 60, 0):
        monkeypatch.setattr(loader, "SPLIT_BYTES", split_bytes)
        story, diagnostics = check_story(root)
        out.append((story, [str(d).replace(str(root), "") for d in diagnostics]))
    return tuple(out)


def test_the_split_is_taken_and_a_story_with_warnings_loads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    third = THIRD.format(target="hall").replace("[taken]", "[taken_c]")
    root = write(tmp_path / "s", third, SECOND.replace("[taken]", "[taken_b]"))
    monkeypatch.setattr(loader, "SPLIT_BYTES", 0)
    monkeypatch.setattr(loader, "machine_busy", lambda: False)
    assert loader.split_point(loader.story_files(root)) == 1
    (one, one_says), (two, two_says) = both(root, monkeypatch)
    assert one is not None and two is not None
    assert one_says == two_says
    warned = [
        line.split(": warning: in condition ")[0] for line in one_says if "in condition" in line
    ]
    assert warned == ["/a.toml:7:9", "/b.toml:12:9", "/c.toml:10:9"]  # each where first met
    assert one.warnings == two.warnings and one.endings == two.endings
    assert one.files == two.files and list(one.scenes) == list(two.scenes)
    a, b = Game.new(one, seed=2), Game.new(two, seed=2)
    assert (a.text, a.choices) == (b.text, b.choices)
    a.choose(1)
    b.choose(1)  # into the yard: a scene of the later half, compiled from its file's text
    assert (a.text, a.ended) == (b.text, b.ended) and a.ended is not None
    assert two.scenes["hall"].choices[1].when is not None


def test_ids_taken_in_the_other_half_and_errors_there_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(tmp_path / "s", THIRD.format(target="nowhere"))
    (one, one_says), (two, two_says) = both(root, monkeypatch)
    assert one is None and two is None
    assert one_says == two_says
    duplicates = [line for line in one_says if "duplicate scene id 'taken'" in line]
    assert len(duplicates) == 2 and all("first defined in /a.toml:" in d for d in duplicates)
    assert any("goes to unknown scene 'nowhere'" in line for line in one_says)


def test_a_file_of_the_later_half_that_does_not_parse_stops_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(tmp_path / "s", "[lost\ntext = 1\n")
    (one, one_says), (two, two_says) = both(root, monkeypatch)
    assert one is None and two is None
    assert one_says == two_says
    assert [line.split(": ")[0] for line in one_says] == ["/b.toml:15:1", "/c.toml:1:6"]


def test_a_manifest_error_stops_both_after_the_duplicate_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(tmp_path / "s", THIRD.format(target="nowhere"))
    (root / "story.toml").write_text(MANIFEST.replace("start = 3", 'start = "3"'))
    (one, one_says), (two, two_says) = both(root, monkeypatch)
    assert one is None and two is None
    assert one_says == two_says
    assert [line.split(": ")[0] for line in one_says] == [
        "/b.toml:15:1",
        "/c.toml:1:1",
        "/story.toml:9:1",
    ]


def test_if_the_other_process_dies_everything_is_loaded_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(tmp_path / "s", THIRD.format(target="nowhere"))
    (root / "story.toml").write_text(MANIFEST + "[broken\n")
    (one, one_says), _ = both(root, monkeypatch)

    def dies(*args: object) -> None:
        raise MemoryError

    monkeypatch.setattr(twocores, "_child", dies)
    (_, _), (two, two_says) = both(root, monkeypatch)
    assert one is None and two is None
    assert one_says == two_says and any("/story.toml" in line for line in two_says)
