"""Plain mode as players found it (issue 13) and as pipes break it (issue 14): items by any
word of their name, wrapped words, `help` at the name prompt, and no traceback whatever
happens to stdin or stdout."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

from game.engine import ItemView
from game.item_words import find_items
from game.plain import NAME_HELP, PlainSession
from game.saves import AUTOSAVE, SaveFolder
from game.story import Story
from tests.conftest import STARTER

ROOT = Path(__file__).resolve().parents[2]


def item(name: str, iid: str = "") -> ItemView:
    return ItemView(iid or name.lower().replace(" ", "_"), name, "", 1, ())


def test_an_item_is_found_by_any_word_of_its_name() -> None:
    notebook, notes = item("Lee's notebook", "lab_notes"), item("Blank notebook")
    bar = item("Chocolate bar")
    assert find_items([notebook, bar], "notebook") == [notebook]
    assert find_items([notebook, bar], "NOTEBOOK") == [notebook]
    assert find_items([notebook, bar], "lee") == [notebook]
    assert find_items([notebook, bar], "lee's notebook") == [notebook]
    assert find_items([notebook, notes, bar], "notebook") == [notebook, notes]  # ambiguous
    assert find_items([notebook, notes, bar], "blank notebook") == [notes]
    assert find_items([notebook, bar], "torch") == []


def play(story: Story, saves: Path, lines: list[str]) -> str:
    out = io.StringIO()
    stdin = io.StringIO("".join(f"{x}\n" for x in lines))
    PlainSession(story, SaveFolder(saves), stdin, out, seed=0).run()
    return out.getvalue()


def test_use_by_a_word_and_the_inventory_shows_names_not_ids(
    starter: Story, tmp_path: Path
) -> None:
    out = play(starter, tmp_path, ["", "2", "4", "i", "use bar"])
    assert "    use chocolate bar: Eat it" in out
    assert "use chocolate:" not in out  # the internal id is never shown
    assert "* You lose Chocolate bar." in out.split("> use bar", 1)[1]


def test_help_at_the_name_prompt_explains_and_asks_again(starter: Story, tmp_path: Path) -> None:
    out = play(starter, tmp_path, ["help", "Mina"])
    assert NAME_HELP.format(default="Ji-ho") in out
    assert '"Mina, the door!"' in out
    assert SaveFolder(tmp_path).load(AUTOSAVE, starter).state.player == "Mina"


def test_words_wrap_at_80_columns_when_not_a_terminal(starter: Story, tmp_path: Path) -> None:
    out = play(starter, tmp_path, ["A" * 30, "2", "help"])
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "Fifth period. Someone is screaming in the hall, and it is not a drill." in out


def test_words_wrap_at_the_terminal_width(starter: Story, tmp_path: Path) -> None:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 40, 0, 0))
    with os.fdopen(slave, "w", encoding="utf-8") as tty:
        session = PlainSession(starter, SaveFolder(tmp_path), io.StringIO("\n"), tty, seed=0)
        assert session.width == 40
        session.say("word " * 30)
    written = os.read(master, 65536).decode().replace("\r\n", "\n")
    os.close(master)
    assert written.splitlines()[0] == ("word " * 8).strip()


def test_pipes_and_closed_streams_end_cleanly(tmp_path: Path, starter: Story) -> None:
    cases = {
        "head": ("| head -n 3; exit ${PIPESTATUS[0]}", b"\n" + b"1\n2\n" * 50, 0),
        "closed stdin": ("<&-", b"", 0),
        "closed stdout": (">&-", b"\n1\n", 1),
        "full disk": ("> /dev/full", b"\n1\n", 1),
        "not UTF-8": ("", b"\xff\xfeMi\n2\nquit\n", 0),
    }
    runs = {
        name: subprocess.Popen(
            [
                "bash",
                "-c",
                f"{sys.executable} -m game play --plain --seed 0 --scenes {STARTER} "
                f"--saves {tmp_path / name.replace(' ', '_')} {shell}",
            ],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for name, (shell, _, _) in cases.items()
    }
    for name, process in runs.items():
        out, err = process.communicate(cases[name][1], timeout=60)
        assert process.returncode == cases[name][2], (name, err)
        if name == "full disk":
            assert err.decode() == "hyosan: could not write the game's text: the disk is full.\n"
        if name == "closed stdout":
            assert b"standard output is closed" in err
        assert b"Traceback" not in err and b"Exception ignored" not in err, (name, err)
        if name == "not UTF-8":
            assert '"\ufffd\ufffdMi, the door!"' in out.decode()
            saved = SaveFolder(tmp_path / "not_UTF-8").load(AUTOSAVE, starter).state
            assert saved.player == "\ufffd\ufffdMi" and saved.scene == "hall"
