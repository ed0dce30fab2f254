"""Each plain-mode command, and bad input, through `run_plain` with StringIO."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.plain import HELP, run_plain
from game.saves import SaveFolder
from game.story import Story, load_story

STARTER = Path(__file__).resolve().parents[1] / "stories" / "starter"


def run(lines: list[str], saves: Path) -> tuple[int, str]:
    out = io.StringIO()
    status = run_plain(STARTER, saves, io.StringIO("".join(f"{x}\n" for x in lines)), out, seed=0)
    return status, out.getvalue()


@pytest.fixture
def saves(tmp_path: Path) -> Path:
    return tmp_path / "saves"


def flat(text: str) -> str:
    """`text` with its line wrapping undone, for messages longer than a line."""
    return " ".join(text.split())


def after(out: str, command: str) -> str:
    """What the program wrote in answer to `command` (up to the next prompt)."""
    at = out.index(f"> {command}\n") + len(f"> {command}\n")
    end = out.find("> ", at)
    return out[at : end if end >= 0 else None]


def test_a_blank_first_line_is_the_default_name(saves: Path) -> None:
    status, out = run([""], saves)
    assert status == 0
    assert '"Ji-ho, the door!"' in out


def test_the_first_line_is_the_name_even_when_it_is_a_number(saves: Path) -> None:
    _, out = run(["2"], saves)
    assert '"2, the door!"' in out and "== Class 2-5 ==" in out and "== The east hall" not in out


def test_the_scene_shows_title_status_text_and_numbered_choices(saves: Path) -> None:
    _, out = run(["", "2"], saves)
    hall = after(out, "2")
    assert hall == (
        "\n== The east hall ==\n"
        "Health 5/5 · Min-ji's trust 2/5 · Human\n\n"
        "The hall is full of them. A body lunges from the lockers.\n\n"
        "1. (closed: needs Mop handle) Fight it off with the mop\n"
        "2. Push past it\n"
        "3. Back away into the classroom\n"
        "4. Search the teacher's desk\n"
    )


def test_markup_is_stripped_and_events_shown(saves: Path) -> None:
    _, out = run(["", "1"], saves)
    scene = after(out, "1")
    assert "You grip the mop handle. It is not much" in scene
    assert "[b]" not in scene
    assert "* You gain Mop handle." in scene


def test_a_closed_or_missing_choice_is_refused(saves: Path) -> None:
    _, out = run(["", "2", "1", "9", "0"], saves)
    assert after(out, "1") == "That way is closed: needs Mop handle.\n"
    assert after(out, "9") == "There is no choice 9.\n"
    assert after(out, "0") == "There is no choice 0.\n"


def test_inventory(saves: Path) -> None:
    _, out = run(["", "i", "2", "4", "inventory"], saves)
    assert after(out, "i") == "You carry nothing.\n"
    assert after(out, "inventory") == (
        "You carry:\n"
        "- Chocolate bar: Half-melted, still in its wrapper.\n"
        "    use chocolate bar: Eat it\n"
    )


def test_use_an_item_by_name_or_id(saves: Path) -> None:
    _, out = run(["", "2", "2", "2", "3", "use Chocolate BAR", "i"], saves)
    used = after(out, "use Chocolate BAR")
    assert "* You lose Chocolate bar." in used and "* Health +1 (now 5)." in used
    assert "== " not in used  # the same scene: only events and choices again
    assert "Chocolate" not in after(out, "i")


def test_use_with_bad_arguments(saves: Path) -> None:
    _, out = run(["", "use", "use bogus", "1", "use mop", "2", "4", "use chocolate 2"], saves)
    assert after(out, "use") == "Use what? Type use and an item, e.g. use chocolate.\n"
    assert after(out, "use bogus") == (
        "You are not carrying 'bogus'. Type inventory to see what you have.\n"
    )
    assert after(out, "use mop") == "There is nothing to do with the Mop handle.\n"
    assert after(out, "use chocolate 2") == "The Chocolate bar has actions 1 to 1.\n"


def test_save_saves_and_load(saves: Path) -> None:
    _, out = run(["", "2", "save   my  slot", "saves", "3", "load my slot", "load nothing"], saves)
    assert after(out, "save   my  slot") == "Saved to slot 'my slot'.\n"
    listing = after(out, "saves")
    assert listing.startswith("- ")
    assert "my slot: The east hall, turn 1, 0 min played" in listing
    assert "autosave: The east hall, turn 1" in listing
    loaded = after(out, "load my slot")
    assert loaded.startswith("Loaded slot 'my slot'.\n\n== The east hall ==")
    assert flat(after(out, "load nothing")) == f"There is no save {saves / 'nothing.json'}."


def test_save_and_load_refuse_bad_slot_names(saves: Path) -> None:
    _, out = run(["", "save ../escape", "load /etc/passwd", "save", "load"], saves)
    assert "is not a slot name" in after(out, "save ../escape")
    assert "is not a slot name" in after(out, "load /etc/passwd")
    assert after(out, "save") == "Save where? Type save and a slot name, e.g. save before roof.\n"
    assert after(out, "load") == "Load what? Type load and a slot name; saves lists them.\n"
    # Only the autosave written on leaving: nothing under a refused name, nothing outside.
    assert sorted(p.name for p in saves.iterdir()) == ["autosave.json"]
    assert not (saves.parent / "escape.json").exists()


def test_saves_when_there_are_none(saves: Path) -> None:
    _, out = run(["", "saves"], saves)
    assert flat(after(out, "saves")) == f"No saves yet in {saves}."


def test_load_shows_notes_and_broken_slots(saves: Path) -> None:
    saves.mkdir()
    (saves / "bad.json").write_text("{")
    _, out = run(["", "saves", "load bad"], saves)
    assert flat(after(out, "saves")) == (
        "- bad: cannot be read (it ends too early (it may be truncated))"
    )
    assert flat(after(out, "load bad")) == (
        f"Could not load {saves / 'bad.json'}: it ends too early (it may be truncated)."
    )


def test_autosave_after_every_choice(saves: Path) -> None:
    run(["", "2"], saves)
    assert SaveFolder(saves).load("autosave", _starter()).state.scene == "hall"


def test_undo(saves: Path) -> None:
    _, out = run(["", "undo", "2", "undo"], saves)
    assert after(out, "undo") == "There is nothing to undo.\n"
    assert out.rsplit("> undo\n", 1)[1].startswith("Undone.\n\n== Class 2-5 ==")


def test_help_and_unknown_input(saves: Path) -> None:
    _, out = run(["", "help", "dance wildly", "", "look"], saves)
    assert flat(after(out, "help")) == HELP
    assert flat(after(out, "dance wildly")) == f"I don't know 'dance wildly'. {HELP}"
    assert flat(after(out, "")) == HELP
    assert after(out, "look").startswith("\n== Class 2-5 ==")


def test_quit_stops_before_the_rest(saves: Path) -> None:
    status, out = run(["", "quit", "2"], saves)
    assert status == 0 and "== The east hall" not in out


def test_end_of_input_is_a_clean_exit(saves: Path) -> None:
    status, out = run([], saves)
    assert status == 0 and "Traceback" not in out


def test_an_ending_lists_the_endings_reached_so_far(saves: Path) -> None:
    SaveFolder(saves).record_ending("starter", "dead")
    status, out = run(["", "1", "1", "2"], saves)
    assert status == 0
    assert out.endswith(
        "The end: Rescued as a human.\nEndings reached: 2 of 4: Rescued as a human, Dead.\n"
    )
    assert "> 2" not in out  # input after the ending is not read
    assert SaveFolder(saves).endings_reached("starter") == {"dead", "rescued"}


def test_a_broken_story_returns_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    assert run_plain(tmp_path / "missing", tmp_path, io.StringIO(""), out) == 1
    assert out.getvalue() == ""
    assert "no such story folder" in capsys.readouterr().err


def _starter() -> Story:
    return load_story(STARTER)
