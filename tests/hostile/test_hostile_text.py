"""Hostile text everywhere a player, a save or a story can put it, from the full Unicode range,
control characters and Textual markup included, through `check` and plain mode (the TUI:
test_hostile_tui.py).

Nothing may raise, nothing may reach the terminal as an escape sequence, and nothing a player
typed or a save holds may be read as markup: `[b]` typed as a name is shown as `[b]`.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from game.check import run_check
from game.engine import Game
from game.plain import run_plain
from game.saves import SaveFolder
from game.story import load_story
from tests.conftest import STARTER

SAMPLES = [
    "\x1b]0;pwned\x07",
    "\x1b[2J\x1b[H",
    "\x9b31m",
    "\x07",
    "\r",
    "\x00",
    "\x7f",
    "\u0085",
    "\u202e",
    "\ufeff",
    "[b]",
    "[/]",
    "[/b]",
    "[bold red]x[/bold red]",
    "[link=https://evil.example]x[/link]",
    "[@click=app.quit]q[/]",
    "[",
    "]",
    "\\",
    "\\[b]",
    "{player}",
    "{",
    "}",
    "\n",
    "\t",
    "Ji-ho",
]

hostile = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=24),
    st.lists(st.one_of(st.sampled_from(SAMPLES), st.text(max_size=3)), min_size=1, max_size=4).map(
        "".join
    ),
)
"""Text from anywhere in Unicode (no lone surrogates: they cannot be in a UTF-8 file),
mixed with escape sequences and markup."""

NAME = "[b]Ji[/b]"
"""A name that is markup: shown as typed."""
WORST = ["\x1b]0;pwned\x07[b]", "[bold red]x", "\x9b31m[/]", "\x1b[2J[@click=app.quit]", "[/b]"]
"""Save fields with every kind of trouble at once: always tried first."""

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""What must never reach the terminal: every control character but newline and tab."""

FAST = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
"""The profile's example count (tests/conftest.py: 30 quick, 300 full)."""


def toml_string(text: str) -> str:
    """`text` as a TOML basic string: every control character escaped."""
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif CONTROL.match(c) or c in "\n\t":
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def hostile_story(root: Path, texts: list[str]) -> Path:
    """A two-scene story whose every player-visible string is hostile."""
    t = [toml_string(x) for x in texts]
    root.mkdir(parents=True)
    (root / "story.toml").write_text(
        f"""[story]
id = "hostile"
title = {t[0]}
version = "1"
start = "a"
intro = {t[1]}

[flags]
f = {t[2]}
""",
        encoding="utf-8",
    )
    (root / "scenes.toml").write_text(
        f"""[a]
title = {t[3]}
text = {t[4]}

[[a.choices]]
text = {t[5]}
goto = "b"

[[a.choices]]
text = {t[6]}
when = "f"
goto = "b"

[[a.choices]]
text = {t[7]}
when = "f"
reason = {t[8]}
goto = "b"

[b]
title = {t[9]}
text = {t[10]}
ending = {{ id = "end", title = {t[3]} }}
""",
        encoding="utf-8",
    )
    return root


def play_plain(story: Path, saves: Path, lines: list[str]) -> str:
    out = io.StringIO()
    run_plain(story, saves, io.StringIO("".join(f"{x}\n" for x in lines)), out, seed=0)
    return out.getvalue()


def assert_clean(output: str) -> None:
    found = CONTROL.search(output)
    assert found is None, f"control character U+{ord(found.group()):04X} in the output"


def hostile_save(folder: SaveFolder, fields: list[str]) -> None:
    """A hand-edited save of the starter story whose every string is hostile."""
    folder.save("hostile", Game.new(load_story(STARTER), "Ji-ho", seed=0), 1)
    path = folder.file_for("hostile")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["scene_title"] = fields[0]
    doc["state"]["player"] = fields[1] or "x"
    entry = doc["state"]["log"][0]
    entry["title"], entry["text"], entry["choice"] = fields[2], fields[3], fields[4]
    entry["events"] = [fields[0]]
    path.write_text(json.dumps(doc), encoding="utf-8")


# ---------------------------------------------------------------- plain mode


printable = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=24)
"""Text a story may hold (no control characters), markup and right-to-left marks included."""


@FAST
@given(
    fields=st.lists(
        st.tuples(st.integers(0, 10), st.one_of(hostile, printable)), min_size=1, max_size=3
    )
)
@example(fields=list(enumerate([*WORST, *WORST, "{player}"])))
def test_a_hostile_story_checks_or_plays_cleanly(  # type: ignore[no-untyped-def]
    tmp_path_factory, fields: list[tuple[int, str]]
) -> None:
    """Some of a story's strings hostile (all of them, and check says why it cannot be
    played; a few, and it often plays)."""
    texts = ["Words"] * 11
    for where, text in fields:
        texts[where] = text
    root = hostile_story(tmp_path_factory.mktemp("story") / "s", texts)
    out = io.StringIO()
    run_check(root, out)
    assert_clean(out.getvalue())
    assert_clean(play_plain(root, root.parent / "saves", ["", "1", "2", "3", "look", "quit"]))


@FAST
@given(
    name=hostile,
    slot=hostile,
    fields=st.lists(hostile, min_size=5, max_size=5),
)
@example(name=NAME, slot="[red]x", fields=WORST)
@example(name="\x1b]0;pwned\x07", slot="a/\x1b]0;x", fields=WORST)
@example(name="0\t0", slot="", fields=[""] * 5)
@example(name="0\x1f0", slot="", fields=[""] * 5)  # split() reads \x1f as a space
@example(name="0\r0", slot="", fields=[""] * 5)  # stdin reads \r as a line's end
def test_hostile_names_slots_and_saves_in_plain_mode(  # type: ignore[no-untyped-def]
    tmp_path_factory, name: str, slot: str, fields: list[str]
) -> None:
    saves = tmp_path_factory.mktemp("saves")
    folder = SaveFolder(saves)
    hostile_save(folder, fields)
    slot = slot.replace("\r", " ").replace("\n", " ")  # one line is one command
    name = name.replace("\r", " ").replace("\n", " ")
    new_game = ["2"] if folder.latest() is not None else []  # past "1. Continue, 2. New game"
    lines = [*new_game, name, "1", f"save {slot}", "saves", "load hostile", f"load {slot}", "quit"]
    output = play_plain(STARTER, saves, lines)
    assert_clean(output)
    shown = " ".join(name.split())  # a name is one line: tabs and runs of spaces are one space
    if shown and not CONTROL.search(name) and len(shown) <= 40:
        assert f'"{shown}, the door!"' in output  # the name, literally: never markup


def test_toml_strings_round_trip() -> None:
    """The test's own TOML writer keeps every character (else the fuzzing above proves less)."""
    import tomli

    text = "".join(SAMPLES) + "\x01\x1f\u0080\u009f\U0010ffff"
    assert tomli.loads(f"x = {toml_string(text)}")["x"] == text
